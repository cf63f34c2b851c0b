# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""iCalendar (RFC 5545) files written with ``vobject``, as Odoo's calendar
does: escaping and line folding are the library's."""

import pytz
import vobject

PRODID = "-//Coworking Suite//Bookings//EN"


def _utc(value):
    """A naive UTC datetime as an aware one: written as ``...Z``."""
    return value if value.tzinfo else pytz.utc.localize(value)


def calendar(events, stamp):
    """The bytes of a calendar published with ``events``: dicts with ``uid``,
    ``start``, ``stop`` (naive UTC), ``summary``, ``location``,
    ``description``, ``url`` and ``status``; ``stamp``: when it is written."""
    cal = vobject.iCalendar()
    cal.add("prodid").value = PRODID
    cal.add("calscale").value = "GREGORIAN"
    cal.add("method").value = "PUBLISH"
    for values in events:
        event = cal.add("vevent")
        event.add("uid").value = values["uid"]
        event.add("dtstamp").value = _utc(stamp)
        event.add("dtstart").value = _utc(values["start"])
        event.add("dtend").value = _utc(values["stop"])
        event.add("summary").value = values["summary"] or ""
        event.add("location").value = values["location"] or ""
        event.add("description").value = values["description"] or ""
        event.add("url").value = values["url"]
        event.add("status").value = values["status"]
    return cal.serialize().encode()
