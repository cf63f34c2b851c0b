# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Limits of the desk's inputs, checked before any work."""

# items a desk sells besides the event's tickets
MAX_DESK_ITEMS = 200
# a code typed or scanned at the desk (a QR credential is ~60 characters)
MAX_CODE_LENGTH = 512
# a name, email or company typed in the search
MAX_SEARCH_LENGTH = 100
# people answered by one search
MAX_SEARCH_RESULTS = 20
# registrations marked present or badges printed at once
MAX_REGISTRATIONS = 100
# a refund or cancellation reason
MAX_REASON_LENGTH = 500
# a card terminal's receipt reference
MAX_REFERENCE_LENGTH = 64
# days of one XLSX export of a desk's transactions
MAX_EXPORT_DAYS = 366
# orders of one XLSX export
MAX_EXPORT_ORDERS = 50000
# desks of one XLSX export
MAX_EXPORT_DESKS = 50
