# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io
from datetime import timedelta
from urllib.parse import urlencode

import pytz
import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.coworking_base.tools.bounds import (
    MAX_RANGE_DAYS,
    MAX_YEAR,
    MIN_YEAR,
    in_bounds,
)

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# the most tickets written in one file
MAX_EXPORT_ROWS = 50_000
# ticket columns of the first sheet, in order
TICKET_COLUMNS = [
    "name",
    "day",
    "location_id",
    "queue_id",
    "ticket_type",
    "state",
    "partner_id",
    "taken_at",
    "called_at",
    "serving_at",
    "done_at",
    "wait_minutes",
    "service_minutes",
    "counter_id",
    "agent_id",
]
# figures of the summary sheet, read from the queue analytics
SUMMARY_MEASURES = [
    "ticket_count:sum",
    "served_count:sum",
    "no_show_count:sum",
    "expired_count:sum",
    "cancelled_count:sum",
    "wait_minutes:avg",
    "wait_p90:p90",
    "service_minutes:avg",
    "service_p90:p90",
    "no_show_rate:avg",
]


class CoworkingQueueTicketExport(models.TransientModel):
    """The tickets of some days and services as an Excel file: one row per
    ticket (times local to the location), and a summary per service with
    the figures of the queue analytics."""

    _name = "coworking.queue.ticket.export"
    _description = "Export Queue Tickets to Excel"

    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.context_today(self) - timedelta(days=6),
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: fields.Date.context_today(self)
    )
    queue_ids = fields.Many2many(
        "coworking.queue",
        string="Services",
        help="Empty: every service you can see.",
    )
    file = fields.Binary(readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    def action_export(self):
        """Write the file and download it."""
        self.ensure_one()
        self._ensure_exportable()
        self.write(
            {
                "file": base64.b64encode(self._xlsx_content()),
                "file_name": f"queue_tickets_{self.date_from}_{self.date_to}.xlsx",
            }
        )
        query = urlencode({"download": "true", "mimetype": XLSX_MIMETYPE})
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/file/{self.file_name}?{query}",
            "target": "download",
        }

    def _ensure_exportable(self):
        """Refuse a period that is reversed, out of bounds, longer than
        ``MAX_RANGE_DAYS`` or holding more than ``MAX_EXPORT_ROWS`` tickets,
        before any file is written."""
        self.ensure_one()
        if not (in_bounds(self.date_from) and in_bounds(self.date_to)):
            raise UserError(
                self.env._(
                    "Choose days between the years %(first)s and %(last)s.",
                    first=MIN_YEAR,
                    last=MAX_YEAR,
                )
            )
        if self.date_to < self.date_from:
            raise UserError(self.env._("The export ends before it starts."))
        days = (self.date_to - self.date_from).days + 1
        if days > MAX_RANGE_DAYS:
            raise UserError(
                self.env._(
                    "An export covers at most %(max)s days, not %(days)s: export "
                    "month by month.",
                    max=MAX_RANGE_DAYS,
                    days=days,
                )
            )
        count = self.env["coworking.queue.ticket"].search_count(self._domain())
        if not count:
            raise UserError(
                self.env._("No ticket was taken in these days and services.")
            )
        if count > MAX_EXPORT_ROWS:
            raise UserError(
                self.env._(
                    "%(count)s tickets match, an export holds at most %(max)s: "
                    "choose fewer days or services.",
                    count=count,
                    max=MAX_EXPORT_ROWS,
                )
            )

    def _domain(self):
        domain = [("day", ">=", self.date_from), ("day", "<=", self.date_to)]
        if self.queue_ids:
            domain.append(("queue_id", "in", self.queue_ids.ids))
        return domain

    # ------------------------------------------------------------------
    # The file
    # ------------------------------------------------------------------

    def _xlsx_content(self):
        """The workbook's bytes: a sheet of tickets and a summary sheet."""
        output = io.BytesIO()
        # text typed by visitors is never read as a formula
        workbook = xlsxwriter.Workbook(
            output, {"constant_memory": True, "strings_to_formulas": False}
        )
        formats = {
            "header": workbook.add_format({"bold": True, "bottom": 1}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
            "datetime": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
            "minutes": workbook.add_format({"num_format": "0.0"}),
            "total": workbook.add_format({"bold": True, "top": 1}),
            "total_minutes": workbook.add_format(
                {"bold": True, "top": 1, "num_format": "0.0"}
            ),
        }
        self._write_tickets(workbook.add_worksheet(self.env._("Tickets")), formats)
        self._write_summary(workbook.add_worksheet(self.env._("Summary")), formats)
        workbook.close()
        return output.getvalue()

    def _write_tickets(self, sheet, formats):
        Ticket = self.env["coworking.queue.ticket"]
        labels = Ticket.fields_get(TICKET_COLUMNS, ["string"])
        headers = [labels[fname]["string"] for fname in TICKET_COLUMNS]
        headers.insert(3, self.env._("Time Zone"))
        sheet.write_row(0, 0, headers, formats["header"])
        sheet.freeze_panes(1, 0)
        sheet.set_column(0, len(headers) - 1, 16)
        types = dict(Ticket._fields["ticket_type"]._description_selection(self.env))
        states = dict(Ticket._fields["state"]._description_selection(self.env))
        tickets = Ticket.search_fetch(
            self._domain(), TICKET_COLUMNS, order="day, queue_id, number, id"
        )
        zones = {}
        row = 0
        for row, ticket in enumerate(tickets, start=1):
            tz_name = ticket.location_id.tz or "UTC"
            zone = zones.setdefault(tz_name, pytz.timezone(tz_name))
            texts = [
                ticket.name,
                None,
                ticket.location_id.name,
                tz_name,
                ticket.queue_id.name,
                types.get(ticket.ticket_type, ""),
                states.get(ticket.state, ""),
                ticket.partner_id.name or ticket.email,
            ]
            for col, text in enumerate(texts):
                if text:
                    sheet.write_string(row, col, text)
            sheet.write_datetime(row, 1, ticket.day, formats["date"])
            for col, moment in enumerate(
                (ticket.taken_at, ticket.called_at, ticket.serving_at, ticket.done_at),
                start=8,
            ):
                if moment:
                    local = pytz.utc.localize(moment).astimezone(zone)
                    sheet.write_datetime(
                        row, col, local.replace(tzinfo=None), formats["datetime"]
                    )
            if ticket.called_at:
                sheet.write_number(row, 12, ticket.wait_minutes, formats["minutes"])
            if ticket.state == "served":
                sheet.write_number(row, 13, ticket.service_minutes, formats["minutes"])
            if ticket.counter_id:
                sheet.write_string(row, 14, ticket.counter_id.display_name)
            if ticket.agent_id:
                sheet.write_string(row, 15, ticket.agent_id.name)
        sheet.autofilter(0, 0, row, len(headers) - 1)

    def _write_summary(self, sheet, formats):
        """One row per service and a total, with the analytics' figures:
        exact averages, p90 and rates of the exported tickets."""
        Report = self.env["coworking.queue.report"]
        fnames = [spec.split(":")[0] for spec in SUMMARY_MEASURES]
        labels = Report.fields_get(["location_id", "queue_id", *fnames], ["string"])
        headers = [labels[fname]["string"] for fname in ("location_id", "queue_id")]
        headers += [labels[fname]["string"] for fname in fnames]
        sheet.write_row(0, 0, headers, formats["header"])
        sheet.freeze_panes(1, 2)
        sheet.set_column(0, 1, 24)
        sheet.set_column(2, len(headers) - 1, 14)
        domain = self._domain()
        groups = Report._read_group(
            domain,
            ["location_id", "queue_id"],
            SUMMARY_MEASURES,
            order="location_id, queue_id",
        )
        row = 0
        for row, (location, queue, *figures) in enumerate(groups, start=1):
            sheet.write_string(row, 0, location.name)
            sheet.write_string(row, 1, queue.name)
            self._write_figures(sheet, row, figures, formats["minutes"])
        [figures] = Report._read_group(domain, [], SUMMARY_MEASURES)
        row += 1
        sheet.write_string(row, 0, self.env._("All services"), formats["total"])
        sheet.write_blank(row, 1, None, formats["total"])
        self._write_figures(
            sheet, row, figures, formats["total_minutes"], formats["total"]
        )

    @api.model
    def _write_figures(self, sheet, row, figures, minutes_format, count_format=None):
        for col, (spec, value) in enumerate(
            zip(SUMMARY_MEASURES, figures, strict=False), start=2
        ):
            is_count = spec.endswith(":sum")
            cell_format = count_format if is_count else minutes_format
            if value is False or value is None:
                sheet.write_blank(row, col, None, cell_format)
            else:
                sheet.write_number(row, col, value, cell_format)
