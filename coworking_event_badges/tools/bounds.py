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
# scans uploaded at once by a scanner that was offline (200 personal QR
# codes weigh about 36 KiB, within the 64 KiB of a request body)
MAX_UPLOAD_SCANS = 200
# how long a scanner may stay offline: older scans are refused
MAX_OFFLINE_HOURS = 72
# a scanner's clock may run this far ahead of the server's
MAX_CLOCK_SKEW_MINUTES = 5
# minutes before a session starts when its room opens to its attendees
SESSION_OPENS_MINUTES = 15
# a question asked on a session's page, an exhibitor's note, an answer
MAX_QUESTION_LENGTH = 1000
MAX_NOTE_LENGTH = 2000
# questions one person asks about one session within a window of minutes
MAX_QUESTIONS_PER_WINDOW = 5
QUESTION_WINDOW_MINUTES = 10
# an event's doors open this many hours before it begins
EVENT_OPENS_HOURS = 2
# the events a scanner offers, and the shortest manual search
MAX_SCANNER_EVENTS = 50
MIN_SEARCH_LENGTH = 2
# lists answered by the API
MAX_EVENTS = 100
MAX_ANNOUNCEMENTS = 100
MAX_QUESTIONS = 200
MAX_VISITS = 200
MAX_OFFSET = 100_000
# people found by the manual search of the scanner
MAX_SEARCH_RESULTS = 20
