# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Exceptions of the booking addon, importable without loading a model."""

from odoo.exceptions import ValidationError


class BookingRefused(ValidationError):
    """A booking request that breaks a rule, with the reasons and suggestions.

    ``reasons`` is a list of ``(code, message)``; codes are stable and used by
    the JSON API: invalid, past, too_late, beyond_horizon, too_short, too_long,
    misaligned, closed, taken, full, too_many_people, not_bookable.
    """

    def __init__(self, message, reasons=None, suggestions=None):
        super().__init__(message)
        self.reasons = reasons or []
        self.suggestions = suggestions or {}
