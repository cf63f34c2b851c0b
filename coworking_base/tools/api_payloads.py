# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What every JSON API of the suite answers the same way: times."""

import pytz


def iso(value, tz=None):
    """A naive UTC datetime in ISO 8601: in UTC (``Z``), or with the offset
    of ``tz`` (the location's local time); None for no value."""
    if not value:
        return None
    aware = pytz.utc.localize(value)
    if tz:
        return aware.astimezone(tz).isoformat()
    return aware.isoformat().replace("+00:00", "Z")
