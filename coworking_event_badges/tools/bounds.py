# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Limits of every input the event addon reads (scanner API, website, portal),
checked before any work; the suite's date bounds are in
``coworking_base/tools/bounds.py``."""

# a scanned code: a signed credential (about 60 characters) or Odoo's
# registration barcode (16 digits)
MAX_CODE_LENGTH = 256
# a client nonce: a UUID or any 8-64 characters of [A-Za-z0-9_-]
NONCE_PATTERN = "^[A-Za-z0-9_-]{8,64}$"
# scans uploaded at once by a scanner that was offline
MAX_UPLOAD_SCANS = 500
# how long a scanner may stay offline: older scans are refused
MAX_OFFLINE_HOURS = 72
# a scanner's clock may run this far ahead of the server's
MAX_CLOCK_SKEW_MINUTES = 5
# minutes before a session starts when its room opens to its attendees
SESSION_OPENS_MINUTES = 15
# a question asked on a session's page, an exhibitor's note, an answer
MAX_QUESTION_LENGTH = 1000
MAX_NOTE_LENGTH = 2000
# people found by the manual search of the scanner
MAX_SEARCH_RESULTS = 20
