# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError


class ScanRefused(UserError):
    """A scan request that cannot be evaluated at all (not a refused entry:
    refused entries are recorded with their verdict). ``code`` names the
    reason for API clients."""

    def __init__(self, message, code="scan_refused"):
        super().__init__(message)
        self.code = code
