# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the JSON API answers: the JSON objects of spaces, slots, suggestions
and bookings, as this addon's part of the OpenAPI document (``openapi.py``)
describes them."""

import pytz

from odoo.addons.coworking_base.tools.api_payloads import iso


def rules_payload(target):
    return {
        "slot_minutes": target.booking_slot_minutes,
        "min_minutes": target.booking_min_minutes,
        "max_minutes": target.booking_max_minutes,
        "buffer_minutes": target.booking_buffer_minutes,
        "notice_minutes": target.booking_notice_minutes,
        "horizon_days": target.booking_horizon_days,
    }


def space_payload(space, rates):
    """``rates``: the space's rate summary (``_get_rate_summaries``)."""
    return {
        "id": space.id,
        "name": space.name,
        "kind": space.kind,
        "booking_mode": space.booking_mode,
        "capacity": space.capacity,
        "location": location_payload(space.location_id),
        "amenities": space.amenity_ids.mapped("name"),
        "rules": rules_payload(space),
        "rates": [
            {
                "product": product.name,
                "hours": hours,
                "price": price,
            }
            for product, hours, price in rates
        ],
        "currency": space.company_id.currency_id.name,
        "url": space.website_url if space.website_published else None,
    }


def location_payload(location):
    return {"id": location.id, "name": location.name, "tz": location.tz}


def slot_payload(start, stop, left, tz, pooled):
    return {
        "start": iso(start),
        "stop": iso(stop),
        "start_local": iso(start, tz),
        "stop_local": iso(stop, tz),
        "seats_left": left if pooled else None,
    }


def suggestions_payload(suggestions, staff):
    suggestions = suggestions or {}
    slots = []
    for start, stop, _left in suggestions.get("slots", []):
        slots.append({"start": iso(start), "stop": iso(stop)})
    spaces = [
        {"id": space.id, "name": space.name}
        for space in suggestions.get("spaces", [])
        # customers are only pointed to spaces offered to them
        if staff or space.sudo().website_published
    ]
    return {"slots": slots, "spaces": spaces}


def booking_payload(booking):
    booking = booking.sudo()
    tz = pytz.timezone(booking.tz or "UTC")
    payload = {
        "id": booking.id,
        "reference": booking.name,
        "state": booking.state,
        "space": {"id": booking.space_id.id, "name": booking.space_id.name}
        if booking.space_id
        else None,
        "equipment": {
            "id": booking.equipment_id.id,
            "name": booking.equipment_id.name,
        }
        if booking.equipment_id
        else None,
        "location": location_payload(booking.location_id),
        "start": iso(booking.start),
        "stop": iso(booking.stop),
        "start_local": iso(booking.start, tz),
        "stop_local": iso(booking.stop, tz),
        "seats": booking.seats,
        "price": booking.price,
        "currency": booking.currency_id.name,
        "payment_state": booking.payment_state,
        "hold_until": iso(booking.hold_until),
        "cancel_fee": booking.cancel_fee,
        "portal_url": booking.get_base_url() + booking.get_portal_url(),
        "added_equipment": [
            {
                "id": child.id,
                "reference": child.name,
                "equipment": {
                    "id": child.equipment_id.id,
                    "name": child.equipment_id.name,
                },
                "state": child.state,
                "price": child.price,
            }
            for child in booking.child_ids
        ],
    }
    return payload
