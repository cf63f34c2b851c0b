# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the events' JSON API answers: the JSON objects of events, scans,
statistics, announcements, questions and booth visits, as this addon's part
of the OpenAPI document (``openapi.py``) describes them. Records are given
as superuser: the controller checked the caller's part in them."""

import pytz

from odoo.addons.coworking_base.tools.api_payloads import iso


def ref_payload(record):
    return {"id": record.id, "name": record.name} if record else None


def event_tz(event):
    return pytz.timezone(event.date_tz or "UTC")


def room_payload(location):
    return {
        "id": location.id,
        "name": location.name,
        "capacity": location.coworking_capacity,
        "restricted": location.coworking_restricted,
    }


def event_payload(event, roles, registered, rooms, can_scan):
    """``roles``: the caller's roles in ``event``; ``rooms``: its doors."""
    tz = event_tz(event)
    return {
        "id": event.id,
        "name": event.name,
        "tz": tz.zone,
        "date_begin": iso(event.date_begin),
        "date_begin_local": iso(event.date_begin, tz),
        "date_end": iso(event.date_end),
        "date_end_local": iso(event.date_end, tz),
        "registered": registered,
        "can_scan": can_scan,
        "roles": [
            {
                "role": role.role,
                "rooms": [ref_payload(room) for room in role.location_ids],
                "booth": ref_payload(role.sponsor_id),
            }
            for role in roles
        ],
        "rooms": [room_payload(room) for room in rooms],
    }


def scan_payload(scan, duplicate):
    """What a scanner shows (``coworking.event.scan._scan_result``), its
    time in ISO 8601 as every answer of the suite."""
    return {
        **scan._scan_result(duplicate),
        "scanned_at": iso(scan.sudo().scanned_at),
    }


def statistics_payload(event, statistics, whole, since):
    """``statistics``: ``coworking.event.scan._scanner_statistics``."""
    return {
        "event_id": event.id,
        "scope": "all" if whole else "mine",
        "since": iso(since),
        **{
            key: statistics[key]
            for key in ("scans", "granted", "refused", "people", "by_room")
        },
    }


def announcement_payload(announcement):
    return {
        "id": announcement.id,
        "title": announcement.name,
        "body": str(announcement.body or ""),
        "audience": announcement.audience,
        "published_at": iso(announcement.published_date),
    }


def question_payload(question, partner):
    """``partner``: the caller's, to tell their own questions."""
    return {
        "id": question.id,
        "body": question.body,
        "author": question.partner_id.name or "",
        "mine": question.partner_id == partner,
        "answered": question.is_answered,
        "answer": question.answer or None,
        "asked_at": iso(question.create_date),
        "answered_at": iso(question.answer_date),
    }


def track_payload(track):
    return {"id": track.id, "name": track.name, "event_id": track.event_id.id}


def booth_payload(sponsor):
    return {
        "id": sponsor.id,
        "name": sponsor.name or "",
        "event_id": sponsor.event_id.id,
    }


def visit_payload(lead):
    """A visit as the booth's staff see it: the visitor's details copied
    when they were scanned."""
    return {
        "id": lead.id,
        "visitor": {
            "name": lead.visitor_name,
            "email": lead.visitor_email or None,
            "phone": lead.visitor_phone or None,
            "company": lead.visitor_company or None,
            "job_position": lead.visitor_function or None,
        },
        "note": lead.note or None,
        "scanned_at": iso(lead.scanned_at),
        "scanned_by": lead.user_id.name or "",
    }
