# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import TU, relativedelta

from odoo import Command, api, fields, models

_logger = logging.getLogger(__name__)

# (member, space, days after the month's first Tuesday, local hours, seats).
# Studio Lumière's plan gives its two members 20 credit hours a month: its
# last booking is beyond them (overage); Aminata's 8 hours run out during
# her second booking.
DEMO_BOOKINGS = [
    ("camille", "paris_louvre", 0, (9, 17), 6),
    ("aminata", "dakar_goree", 1, (9, 15), 5),
    ("hugo", "paris_montmartre", 7, (9, 17), 4),
    ("aminata", "dakar_goree", 8, (9, 13), 8),
    ("camille", "paris_seine", 15, (9, 13), 3),
    ("fatou", "dakar_open", 16, (9, 17), 1),
    ("hugo", "paris_louvre", 17, (14, 18), 8),
]
# an office her plan charges, cancelled the evening before: a late fee
DEMO_LATE_CANCELLED = ("aminata", "dakar_office", 16, (9, 17), 4)
# (who, product, quantity, location, day of the month)
DEMO_USAGE = [
    ("camille", "printing", 250, "paris", 6),
    ("hugo", "coffee", 8, "paris", 13),
    ("aminata", "day_pass", 1, "dakar", 12),
    ("fatou", "coffee", 4, "dakar", 20),
]


class CoworkingBillingRun(models.Model):
    _inherit = "coworking.billing.run"

    @api.model
    def _demo_bill_last_month(self):
        """Live the demo's last month and bill it with the suite's own code.

        The members book, check in, cancel late and use the front desk at
        both locations as the days go by; four days ago the monthly run
        billed the month; Studio Lumière paid its invoice online two days
        later; today the first reminder of Aminata's invoice (due four days
        ago) goes out. Called once, at the install of the demo data.

        No booking can start in the past, so the month is replayed on a
        clock set back (freezegun, which Odoo ships with for its tests), as
        the suite's tests do: every rule applies as it did on the day."""
        if self.search_count([]):
            return False
        try:
            from freezegun import freeze_time
        except ImportError:
            _logger.info("freezegun is missing: the demo bills no past month")
            return False
        now = fields.Datetime.now()
        period = (now.date() - relativedelta(months=1)).replace(day=1)
        company = self.env.ref("base.main_company")
        billing_time = datetime.combine(now.date() - timedelta(days=4), time(2))
        with freeze_time(datetime.combine(period, time(8))) as clock:
            self._demo_live_the_month(period, clock)
            clock.move_to(billing_time)
            run = self.with_company(company)._get_or_create(company, period)
            while run._process()[1]:
                continue
            self._demo_log_tracking()
            clock.move_to(billing_time + timedelta(days=2, hours=8))
            studio = self.env.ref("coworking_base.res_partner_studio_demo")
            camille = self.env.ref("coworking_base.res_partner_camille_demo")
            self._demo_pay_online(
                run.invoice_ids.filtered(lambda move: move.partner_id == studio),
                camille,
            )
            self._demo_log_tracking()
        # today, four days after the due date: the first reminder
        self.env["coworking.billing.reminder.step"]._cron_send_reminders()
        return run

    @api.model
    def _demo_live_the_month(self, period, clock):
        """The bookings and usage of the month, each at its time."""
        first_tuesday = period + relativedelta(weekday=TU)
        Booking = self.env["coworking.booking"].with_context(
            coworking_booking_staff=False
        )

        def book(partner, space, days, hours, seats):
            space = self.env.ref(f"coworking_base.coworking_space_{space}_demo")
            tz = pytz.timezone(space.location_id.tz)
            day = first_tuesday + timedelta(days=days)
            start, stop = (
                tz.localize(datetime.combine(day, time(hour)))
                .astimezone(pytz.utc)
                .replace(tzinfo=None)
                for hour in hours
            )
            clock.move_to(start - timedelta(days=2))
            partner = self.env.ref(f"coworking_base.res_partner_{partner}_demo")
            return Booking._book(space, start, stop, partner, seats=seats)

        for values in DEMO_BOOKINGS:
            booking = book(*values)
            clock.move_to(booking.start)
            booking.action_check_in()
            clock.move_to(booking.stop)
            booking.action_done()
        booking = book(*DEMO_LATE_CANCELLED)
        clock.move_to(booking.start - timedelta(hours=15))
        booking._action_cancel_with_policy("Client meeting moved")

        Usage = self.env["coworking.usage"]
        for partner, product, quantity, location, day in DEMO_USAGE:
            date = period.replace(day=day)
            clock.move_to(datetime.combine(date, time(16)))
            Usage.create(
                {
                    "partner_id": self.env.ref(
                        f"coworking_base.res_partner_{partner}_demo"
                    ).id,
                    "product_id": self.env.ref(
                        f"coworking_billing.product_product_{product}_demo"
                    ).id,
                    "quantity": quantity,
                    "location_id": self.env.ref(
                        f"coworking_base.coworking_location_{location}_demo"
                    ).id,
                    "date": date,
                }
            )

    @api.model
    def _demo_log_tracking(self):
        """Log the tracked changes (run done, invoice paid) on their day, as
        their transaction's commit would, rather than at the install's."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    @api.model
    def _demo_pay_online(self, invoice, payer):
        """Pay ``invoice`` the way the portal does, with Odoo's demo payment
        provider. payment_demo, which needs only payment, is installed before
        this module when both are installed at once (scripts/start.sh and
        scripts/test.sh); without it, a bank payment is registered instead."""
        provider = self.env.ref("payment.payment_provider_demo", False)
        if not provider or provider.code != "demo" or provider.state == "disabled":
            journal = self.env["account.journal"].search(
                [("type", "=", "bank"), ("company_id", "=", invoice.company_id.id)],
                limit=1,
            )
            return (
                self.env["account.payment.register"]
                .with_context(active_model="account.move", active_ids=invoice.ids)
                .create({"journal_id": journal.id})
                ._create_payments()
            )
        Transaction = self.env["payment.transaction"]
        invoices = [Command.set(invoice.ids)]
        tx = Transaction.create(
            {
                "provider_id": provider.id,
                "payment_method_id": provider.payment_method_ids[:1].id,
                "reference": Transaction._compute_reference(
                    provider.code, invoice_ids=invoices
                ),
                "amount": invoice.amount_residual,
                "currency_id": invoice.currency_id.id,
                "partner_id": payer.id,
                "operation": "online_direct",
                "invoice_ids": invoices,
            }
        )
        tx._handle_notification_data(
            "demo",
            {
                "reference": tx.reference,
                "payment_details": "4242",
                "simulated_state": "done",
            },
        )
        tx._post_process()
        return tx
