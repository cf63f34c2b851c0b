# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Exceptions of the queue addon, importable without loading a model."""

from odoo.exceptions import UserError


class QueueRefused(UserError):
    """A queue operation refused for a stated reason.

    ``code`` is stable and used by the JSON API, the kiosk and the console:
    closed, not_offered, nonce_reused, invalid_transition, busy,
    counter_closed, not_agent, not_at_counter, same_queue, other_location,
    not_served_here.
    """

    def __init__(self, message, code="refused"):
        super().__init__(message)
        self.code = code
