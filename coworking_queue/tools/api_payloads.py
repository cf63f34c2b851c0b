# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the queue's JSON API answers: the JSON objects of services and
tickets, as this addon's part of the OpenAPI document (``openapi.py``)
describes them."""

from odoo.addons.coworking_base.tools.api_payloads import iso

# states in which the visitor may still give up their ticket
CANCELLABLE_STATES = ("waiting", "called")


def location_payload(location):
    return {"id": location.id, "name": location.name, "tz": location.tz}


def ref_payload(record):
    return {"id": record.id, "name": record.name} if record else None


def service_payload(queue, is_open, ticket_types, estimate):
    """``estimate``: ``(waiting count, wait low, wait high)`` of a new
    ticket (``coworking.queue._new_ticket_waits``)."""
    waiting, low, high = estimate
    return {
        "id": queue.id,
        "name": queue.name,
        "description": queue.description or None,
        "location": location_payload(queue.location_id),
        "open": is_open,
        "ticket_types": ticket_types,
        "waiting_count": waiting,
        "wait": [low, high] if is_open else None,
    }


def ticket_payload(ticket):
    """A ticket as its holder sees it (``ticket`` as superuser: its key was
    checked)."""
    waiting = ticket.state == "waiting"
    following = ticket.transferred_to_id
    return {
        "id": ticket.id,
        "number": ticket.name,
        "service": ref_payload(ticket.queue_id),
        "location": location_payload(ticket.location_id),
        "type": ticket.ticket_type,
        "state": ticket.state,
        "position": ticket.position if waiting else None,
        "wait": [ticket.wait_low, ticket.wait_high] if waiting else None,
        "counter": ref_payload(ticket.counter_id),
        "cancellable": ticket.state in CANCELLABLE_STATES,
        "taken_at": iso(ticket.taken_at),
        "appointment_at": iso(ticket.appointment_at),
        "called_at": iso(ticket.called_at),
        "serving_at": iso(ticket.serving_at),
        "done_at": iso(ticket.done_at),
        "transferred_from": ref_payload(ticket.transferred_from_id),
        "transferred_to": {
            "id": following.id,
            "number": following.name,
            "service": ref_payload(following.queue_id),
            "access_token": following._portal_ensure_token(),
        }
        if following
        else None,
        "access_token": ticket._portal_ensure_token(),
        "url": ticket.get_base_url() + ticket.get_portal_url(),
    }
