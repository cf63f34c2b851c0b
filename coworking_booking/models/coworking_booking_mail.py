# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# One concern of the model per file, as CONTRIBUTING.md asks (issue 12):
# pylint: disable=consider-merging-classes-inherited
"""The emails of a booking (confirmation with its receipt, reminder) and
its calendar file."""

import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import ics as ics_tools

_logger = logging.getLogger(__name__)


class CoworkingBooking(models.Model):
    """Emails and calendar export of a booking."""

    _inherit = "coworking.booking"

    reminder_sent = fields.Boolean(copy=False)
    confirmation_sent = fields.Boolean(
        copy=False,
        help="The confirmation email, with the receipt, has been sent. It is "
        "sent by a job started as soon as the booking is confirmed.",
    )

    def _after_confirm(self):
        """The confirmation email and its PDF receipt go out from a job
        started at once, so that rendering the PDF never slows down or fails
        the request that confirmed the booking."""
        res = super()._after_confirm()
        if self.filtered(lambda b: not b.parent_id):
            self.env.ref(
                "coworking_booking.ir_cron_send_confirmations", raise_if_not_found=False
            ).sudo()._trigger()
        return res

    def _send_mail(self, xmlid):
        """Post the template's email to the customer. When the template's
        report cannot be rendered (no PDF engine), the email still goes out,
        without the attachment: the receipt stays in the portal."""
        template = self.env.ref(xmlid, raise_if_not_found=False)
        if not template:
            return
        for booking in self:
            if not (booking.partner_id.email or booking.email):
                continue
            booking = booking.sudo().with_context(lang=booking.partner_id.lang)
            try:
                with self.env.cr.savepoint():
                    booking.message_post_with_source(
                        template,
                        subtype_xmlid="mail.mt_comment",
                        email_layout_xmlid="mail.mail_notification_light",
                    )
                continue
            except UserError as error:
                if not template.report_template_ids:
                    raise
                _logger.warning(
                    "Booking %s: email sent without its attachment: %s",
                    booking.name,
                    error,
                )
            rendered = {
                name: template._render_field(name, booking.ids, compute_lang=True)[
                    booking.id
                ]
                for name in ("subject", "body_html")
            }
            booking.message_post(
                body=rendered["body_html"],
                subject=rendered["subject"],
                partner_ids=booking.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
                email_layout_xmlid="mail.mail_notification_light",
            )

    def _get_ics(self):
        """An iCalendar (RFC 5545) file of the bookings."""
        base_url = self.get_base_url()
        dbname = self.env.cr.dbname
        events = []
        for booking in self:
            address = booking.location_id.partner_id
            where = ", ".join(
                filter(
                    None,
                    [
                        booking.location_id.name,
                        address.street,
                        address.zip,
                        address.city,
                    ],
                )
            )
            events.append(
                {
                    "uid": f"{booking.name}-{booking.id}@{dbname}.coworking",
                    "start": booking.start,
                    "stop": booking.stop,
                    "summary": f"{booking._target().name} – {booking.name}",
                    "location": where,
                    "description": booking._sale_line_description(),
                    "url": f"{base_url}{booking.access_url}",
                    "status": "CANCELLED"
                    if booking.state == "cancelled"
                    else "CONFIRMED",
                }
            )
        return ics_tools.calendar(events, stamp=fields.Datetime.now())

    # ------------------------------------------------------------------
    # Crons
    # ------------------------------------------------------------------

    @api.model
    def _cron_send_confirmations(self, batch_size=50):
        """Email the confirmation and receipt of the bookings confirmed since
        the last run, a batch at a time."""
        domain = [
            ("confirmation_sent", "=", False),
            ("parent_id", "=", False),
            ("state", "in", ("confirmed", "checked_in")),
            ("stop", ">", fields.Datetime.now()),
        ]
        bookings = self.search(domain, order="id", limit=batch_size)
        for booking in bookings:
            booking._send_mail("coworking_booking.mail_template_booking_confirmed")
        bookings.write({"confirmation_sent": True})
        self.env["ir.cron"]._notify_progress(
            done=len(bookings), remaining=self.search_count(domain)
        )
        return bookings

    @api.model
    def _cron_send_reminders(self):
        hours = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("coworking_booking.reminder_hours", 24)
        )
        now = fields.Datetime.now()
        due = self.search(
            [
                ("state", "=", "confirmed"),
                ("reminder_sent", "=", False),
                ("parent_id", "=", False),
                ("start", ">", now),
                ("start", "<=", now + timedelta(hours=hours)),
            ]
        )
        due._send_mail("coworking_booking.mail_template_booking_reminder")
        due.write({"reminder_sent": True})
