# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Bounds of every date, range and id read from a request (JSON APIs,
website, portal) by any addon of the suite: checked before any computation,
so no input reaches an overflow or holds a worker. An addon keeps its own
limits (people, items) in its ``tools/bounds.py``."""

from datetime import date

# dates outside these years are refused (or ignored by the pages)
MIN_YEAR, MAX_YEAR = 2000, 2100
# the longest range searched, listed or booked at once
MAX_RANGE_DAYS = 31
# ids are PostgreSQL integers
MAX_ID = 2**31 - 1


def in_bounds(moment):
    """Whether a date or datetime lies within the years read from requests."""
    return MIN_YEAR <= moment.year <= MAX_YEAR


def to_day(value):
    """The date of an ISO ``YYYY-MM-DD`` string (or a date), or None when
    missing, malformed or out of bounds."""
    if isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat((value or "").strip()[:10])
        except (TypeError, ValueError, AttributeError):
            return None
    return day if in_bounds(day) else None


# Formats of dates read by the APIs, as regular expressions (ASCII digits
# only; every day exists; years MIN_YEAR-MAX_YEAR): the OpenAPI document states
# them and the server checks them with the same expressions.
_YEAR = "(?:20[0-9]{2}|2100)"
_LEAP_YEAR = "(?:2000|20(?:0[48]|[2468][048]|[13579][26]))"
DATE_RE = (
    f"(?:{_YEAR}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"
    "|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
    f"|{_LEAP_YEAR}-02-29)"
)
TIME_RE = "(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:[.][0-9]{1,6})?)?"
OFFSET_RE = "(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
DATETIME_PATTERN = f"^{DATE_RE}T{TIME_RE}{OFFSET_RE}?$"
DATE_OR_DATETIME_PATTERN = f"^{DATE_RE}(?:T{TIME_RE}{OFFSET_RE}?)?$"
# text without NUL characters (PostgreSQL stores none)
TEXT_PATTERN = "^[^\\x00]*$"
