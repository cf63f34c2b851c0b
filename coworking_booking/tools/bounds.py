# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Bounds of the inputs of bookings (API, website, portal); the bounds of
dates, ranges and ids are the suite's (``coworking_base/tools/bounds.py``)."""

# people in one booking
MAX_SEATS = 10000
# pieces of equipment added to one booking
MAX_EQUIPMENT = 20
