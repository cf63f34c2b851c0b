# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The visits of an exhibitor's booth as an Excel workbook: rows in, bytes
out, without the ORM.

Text is always written as text: a visitor who calls themselves
``=HYPERLINK(...)`` gets no formula run in the exhibitor's spreadsheet."""

import io
from datetime import datetime

import xlsxwriter

# the columns of the sheet, in order: (key, width in characters)
COLUMNS = (
    ("date", 18),
    ("name", 28),
    ("company", 26),
    ("function", 22),
    ("email", 32),
    ("phone", 18),
    ("note", 50),
    ("scanned_by", 22),
)
DATE_FORMAT = "yyyy-mm-dd hh:mm"
# Excel's limit of characters in a cell
MAX_CELL_LENGTH = 32767


def leads_xlsx(rows, labels, sheet_name="Visits"):
    """Return the bytes of an .xlsx workbook of one sheet: a header row of
    ``labels`` (a mapping of the keys of ``COLUMNS`` to their titles), then
    one row per mapping of ``rows``. ``date`` is a naive datetime already in
    the event's timezone (written as a real Excel datetime); every other
    value is text (``None`` or ``False`` for an empty cell)."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        output,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    # Excel refuses sheet names over 31 characters or with []:*?/\
    safe_name = "".join(c for c in sheet_name if c not in "[]:*?/\\")[:31]
    sheet = workbook.add_worksheet(safe_name or "Visits")
    header = workbook.add_format(
        {"bold": True, "bg_color": "#E9ECEF", "bottom": 1, "valign": "vcenter"}
    )
    date_format = workbook.add_format({"num_format": DATE_FORMAT, "valign": "top"})
    text_format = workbook.add_format({"valign": "top"})
    note_format = workbook.add_format({"valign": "top", "text_wrap": True})
    for col, (key, width) in enumerate(COLUMNS):
        sheet.set_column(col, col, width)
        sheet.write_string(0, col, str(labels.get(key, key)), header)
    sheet.freeze_panes(1, 0)
    row_index = 0
    for row_index, row in enumerate(rows, start=1):
        for col, (key, _width) in enumerate(COLUMNS):
            value = row.get(key)
            if key == "date":
                if isinstance(value, datetime):
                    sheet.write_datetime(row_index, col, value, date_format)
                else:
                    sheet.write_blank(row_index, col, None, date_format)
            elif value in (None, False, ""):
                sheet.write_blank(row_index, col, None, text_format)
            else:
                sheet.write_string(
                    row_index,
                    col,
                    str(value)[:MAX_CELL_LENGTH],
                    note_format if key == "note" else text_format,
                )
    sheet.autofilter(0, 0, max(row_index, 1), len(COLUMNS) - 1)
    workbook.close()
    return output.getvalue()
