# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The transactions of cashier's desks as an Excel workbook: rows in, bytes
out, without the ORM.

Three sheets: ``Orders`` (one row per order), ``Payments`` (one row per
payment) and ``Summary`` (per desk, then per desk and payment method).
Text is always written as text: a customer who calls themselves
``=HYPERLINK(...)`` gets no formula run in the accountant's spreadsheet."""

import io
from datetime import datetime

import xlsxwriter

# the columns of each sheet, in order: (key, width in characters, kind)
ORDER_COLUMNS = (
    ("date", 18, "date"),
    ("name", 22, "text"),
    ("desk", 22, "text"),
    ("session", 18, "text"),
    ("cashier", 22, "text"),
    ("customer", 26, "text"),
    ("lines", 50, "wrap"),
    ("untaxed", 12, "money"),
    ("taxes", 12, "money"),
    ("total", 12, "money"),
    ("currency", 9, "text"),
    ("methods", 26, "text"),
    ("refund_reason", 40, "wrap"),
)
PAYMENT_COLUMNS = (
    ("date", 18, "date"),
    ("order", 22, "text"),
    ("desk", 22, "text"),
    ("session", 18, "text"),
    ("method", 24, "text"),
    ("amount", 12, "money"),
    ("currency", 9, "text"),
    ("reference", 24, "text"),
)
DESK_SUMMARY_COLUMNS = (
    ("desk", 22, "text"),
    ("orders", 10, "int"),
    ("refunds", 10, "int"),
    ("refunded", 14, "money"),
    ("untaxed", 12, "money"),
    ("taxes", 12, "money"),
    ("total", 12, "money"),
    ("currency", 9, "text"),
)
METHOD_SUMMARY_COLUMNS = (
    ("desk", 22, "text"),
    ("method", 24, "text"),
    ("payments", 10, "int"),
    ("amount", 14, "money"),
    ("currency", 9, "text"),
)
DATE_FORMAT = "yyyy-mm-dd hh:mm"
MONEY_FORMAT = "#,##0.00"
# Excel's limit of characters in a cell
MAX_CELL_LENGTH = 32767


def summarize(orders, payments, digits=2):
    """The Summary sheet's two tables from the rows of the other two.

    ``orders`` are mappings with ``desk``, ``currency``, ``untaxed``,
    ``taxes``, ``total`` and ``refund`` (true for a refund); ``payments``
    mappings with ``desk``, ``method``, ``currency`` and ``amount``. Answer
    ``(desk_rows, method_rows)`` sorted by desk (and method), amounts
    rounded to ``digits``."""
    desks = {}
    for order in orders:
        key = (order["desk"], order.get("currency") or "")
        row = desks.setdefault(
            key,
            {
                "desk": key[0],
                "currency": key[1],
                "orders": 0,
                "refunds": 0,
                "refunded": 0.0,
                "untaxed": 0.0,
                "taxes": 0.0,
                "total": 0.0,
            },
        )
        row["orders"] += 1
        if order.get("refund"):
            row["refunds"] += 1
            row["refunded"] += order["total"]
        for field in ("untaxed", "taxes", "total"):
            row[field] += order[field]
    methods = {}
    for payment in payments:
        key = (payment["desk"], payment["method"], payment.get("currency") or "")
        row = methods.setdefault(
            key,
            {
                "desk": key[0],
                "method": key[1],
                "currency": key[2],
                "payments": 0,
                "amount": 0.0,
            },
        )
        row["payments"] += 1
        row["amount"] += payment["amount"]
    desk_rows = [desks[key] for key in sorted(desks)]
    for row in desk_rows:
        for field in ("refunded", "untaxed", "taxes", "total"):
            row[field] = round(row[field], digits)
    method_rows = [methods[key] for key in sorted(methods)]
    for row in method_rows:
        row["amount"] = round(row["amount"], digits)
    return desk_rows, method_rows


def _sheet_name(name, default):
    # Excel refuses sheet names over 31 characters or with []:*?/\
    safe = "".join(c for c in str(name) if c not in "[]:*?/\\")[:31]
    return safe or default


def _write_table(sheet, formats, top, columns, labels, rows):
    """Write a header row of ``labels`` at row ``top``, then ``rows``;
    answer the index of the last row written."""
    for col, (key, _width, _kind) in enumerate(columns):
        sheet.write_string(top, col, str(labels.get(key, key)), formats["header"])
    row_index = top
    for row_index, row in enumerate(rows, start=top + 1):
        for col, (key, _width, kind) in enumerate(columns):
            value = row.get(key)
            if kind == "date":
                if isinstance(value, datetime):
                    sheet.write_datetime(row_index, col, value, formats["date"])
                else:
                    sheet.write_blank(row_index, col, None, formats["date"])
            elif kind in ("money", "int"):
                if isinstance(value, int | float) and not isinstance(value, bool):
                    sheet.write_number(row_index, col, value, formats[kind])
                else:
                    sheet.write_blank(row_index, col, None, formats[kind])
            elif value in (None, False, ""):
                sheet.write_blank(row_index, col, None, formats["text"])
            else:
                sheet.write_string(
                    row_index,
                    col,
                    str(value)[:MAX_CELL_LENGTH],
                    formats["wrap" if kind == "wrap" else "text"],
                )
    return row_index


def _set_widths(sheet, *column_sets):
    widths = {}
    for columns in column_sets:
        for col, (_key, width, _kind) in enumerate(columns):
            widths[col] = max(widths.get(col, 0), width)
    for col, width in widths.items():
        sheet.set_column(col, col, width)


def desk_xlsx(orders, payments, labels, sheet_names=None, titles=None, digits=2):
    """Return the bytes of the .xlsx workbook of desks' transactions.

    ``orders``: one mapping per order with the keys of ``ORDER_COLUMNS``
    (``date`` a naive datetime already in the desk's timezone, written as a
    real Excel datetime; money as numbers; everything else text) and
    ``refund`` (true for a refund); ``payments``: one mapping per payment
    with the keys of ``PAYMENT_COLUMNS``. ``labels`` maps every column key
    to its title; ``sheet_names`` maps ``orders``, ``payments`` and
    ``summary`` to the sheets' names; ``titles`` maps ``desks`` and
    ``methods`` to the titles of the Summary's two tables."""
    sheet_names = sheet_names or {}
    titles = titles or {}
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
    formats = {
        "header": workbook.add_format(
            {"bold": True, "bg_color": "#E9ECEF", "bottom": 1, "valign": "vcenter"}
        ),
        "title": workbook.add_format({"bold": True, "font_size": 12}),
        "date": workbook.add_format({"num_format": DATE_FORMAT, "valign": "top"}),
        "money": workbook.add_format({"num_format": MONEY_FORMAT, "valign": "top"}),
        "int": workbook.add_format({"num_format": "0", "valign": "top"}),
        "text": workbook.add_format({"valign": "top"}),
        "wrap": workbook.add_format({"valign": "top", "text_wrap": True}),
    }
    for key, columns, rows, default in (
        ("orders", ORDER_COLUMNS, orders, "Orders"),
        ("payments", PAYMENT_COLUMNS, payments, "Payments"),
    ):
        sheet = workbook.add_worksheet(
            _sheet_name(sheet_names.get(key, default), default)
        )
        _set_widths(sheet, columns)
        last = _write_table(sheet, formats, 0, columns, labels, rows)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(last, 1), len(columns) - 1)
    sheet = workbook.add_worksheet(
        _sheet_name(sheet_names.get("summary", "Summary"), "Summary")
    )
    _set_widths(sheet, DESK_SUMMARY_COLUMNS, METHOD_SUMMARY_COLUMNS)
    desk_rows, method_rows = summarize(orders, payments, digits)
    sheet.write_string(0, 0, str(titles.get("desks", "Desks")), formats["title"])
    last = _write_table(sheet, formats, 1, DESK_SUMMARY_COLUMNS, labels, desk_rows)
    top = last + 2
    sheet.write_string(
        top, 0, str(titles.get("methods", "Payment Methods")), formats["title"]
    )
    _write_table(sheet, formats, top + 1, METHOD_SUMMARY_COLUMNS, labels, method_rows)
    workbook.close()
    return output.getvalue()
