# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Bounds of the inputs of coworking_ai (API, website, portal), checked
before any work; the bounds of dates, ranges and ids are the suite's
(``coworking_base/tools/bounds.py``)."""

# recommendations: the longest range of days searched, the default one, and
# how many suggestions are answered
MAX_DAYS = 14
DEFAULT_DAYS = 7
MAX_RECOMMENDATIONS = 20
DEFAULT_RECOMMENDATIONS = 5
