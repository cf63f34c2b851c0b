# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError


class EventRefused(UserError):
    """A request of the event addon refused before any work; ``code`` names
    the reason for API clients and pages."""

    default_code = "refused"

    def __init__(self, message, code=None):
        super().__init__(message)
        self.code = code or self.default_code


class ScanRefused(EventRefused):
    """A scan request that cannot be evaluated at all (not a refused entry:
    refused entries are recorded with their verdict)."""

    default_code = "scan_refused"


class QuestionRefused(EventRefused):
    """A question that cannot be asked (empty, too long, not a participant,
    too many at once)."""

    default_code = "question_refused"
