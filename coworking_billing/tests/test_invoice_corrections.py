# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime, timedelta

import pytz
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.coworking_base.tests.common import EVERY_DAY

from .common import BILLING_DAY, NOVEMBER, BillingCommon
from .test_monthly_run import EXPECTED

DECEMBER = date(2026, 12, 1)
NEXT_DAY = "2026-12-02 03:00:00"
HANDED_BACK = "was cancelled or deleted"


class CorrectionsCommon(BillingCommon):
    """The November month of ``BillingCommon``, billed, then corrected."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make_month()

    def handed_back_notes(self, run, invoice_name):
        return run.message_ids.filtered(
            lambda message: HANDED_BACK in message.body and invoice_name in message.body
        )


@tagged("post_install", "-at_install")
class TestInvoiceCorrections(CorrectionsCommon):
    def assert_alice_billed_again(self, run, old, old_lines):
        new = self.invoice_of(self.alice)
        self.assertEqual(len(new), 1)
        self.assertNotEqual(new, old)
        self.assertEqual(new.amount_untaxed, EXPECTED["alice"], "fee and bookings")
        self.assertEqual(self.lines(new), old_lines)
        self.assertEqual(self.overage.coworking_invoice_line_id.move_id, new)
        self.assertEqual(self.office_booking.coworking_invoice_id, new)
        self.assertEqual(run.state, "done")
        self.assertEqual(self.totals(), EXPECTED, "the others untouched")

    def cancel_alice(self, run):
        old = self.invoice_of(self.alice)
        old_lines = self.lines(old)
        self.assertFalse(self.handed_back_notes(run, old.name))
        old.button_cancel()
        self.assertEqual(old.state, "cancel")
        self.assertFalse(self.overage.coworking_invoice_line_id)
        self.assertFalse(self.office_booking.coworking_invoice_line_id)
        self.assertEqual(run.state, "running", "the month is open again")
        self.assertTrue(self.handed_back_notes(run, old.name))
        return old, old_lines

    def test_cancelled_invoice_is_billed_again_by_retry(self):
        run = self.run_month()
        old, old_lines = self.cancel_alice(run)
        with freeze_time(BILLING_DAY):
            run.action_retry()
        self.assert_alice_billed_again(run, old, old_lines)

    def test_cancelled_invoice_is_billed_again_by_the_next_cron_pass(self):
        run = self.run_month()
        old, old_lines = self.cancel_alice(run)
        self.run_month(NEXT_DAY)
        self.assert_alice_billed_again(run, old, old_lines)
        self.assertEqual(self.invoice_of(self.alice).invoice_date, date(2026, 12, 2))

    def test_cancelled_invoice_gives_back_its_usage_and_orders(self):
        self.run_month()
        old = self.invoice_of(self.team)
        old_lines = self.lines(old)
        old.button_cancel()
        self.assertEqual(self.print_usage.state, "to_invoice")
        self.assertFalse(self.print_usage.invoice_line_id)
        self.assertEqual(self.order.invoice_status, "to invoice")
        self.run_month(NEXT_DAY)
        new = self.invoice_of(self.team)
        self.assertEqual(new.amount_untaxed, EXPECTED["team"])
        self.assertEqual(self.lines(new), old_lines)
        self.assertEqual(self.print_usage.state, "invoiced")
        self.assertEqual(self.print_usage.invoice_id, new)
        live = self.order.order_line.invoice_lines.filtered(
            lambda line: line.parent_state != "cancel"
        )
        self.assertEqual(live.move_id, new, "the registration billed again")
        self.assertEqual(self.order.invoice_status, "invoiced")
        self.assertEqual(self.totals(), EXPECTED)

    def assert_deleted_drafts_billed_again(self, run, drafts, state):
        before = {invoice.partner_id: self.lines(invoice) for invoice in drafts}
        names = drafts.mapped("display_name")
        drafts.unlink()
        self.assertEqual(self.print_usage.state, "to_invoice")
        self.assertFalse(self.overage.coworking_invoice_line_id)
        self.assertFalse(self.office_booking.coworking_invoice_line_id)
        self.assertEqual(self.order.invoice_status, "to invoice")
        self.assertEqual(run.state, "running")
        for name in names:
            self.assertTrue(self.handed_back_notes(run, name), name)
        self.run_month(NEXT_DAY)
        self.assertEqual(self.totals(), EXPECTED, "billed again, identically")
        for partner, lines in before.items():
            invoice = self.invoice_of(partner)
            self.assertEqual(self.lines(invoice), lines)
            self.assertEqual(invoice.state, state)
        self.assertEqual(self.print_usage.invoice_id, self.invoice_of(self.team))
        self.assertEqual(self.overage.coworking_invoice_id, self.invoice_of(self.alice))
        self.assertEqual(run.state, "done")

    def test_deleting_draft_monthly_invoices_hands_back_their_sources(self):
        self.env["ir.config_parameter"].set_param("coworking_billing.auto_post", "0")
        run = self.run_month()
        drafts = self.invoice_of(self.alice) | self.invoice_of(self.team)
        self.assertEqual(set(drafts.mapped("state")), {"draft"})
        self.assert_deleted_drafts_billed_again(run, drafts, "draft")

    def test_reset_then_deleted_invoices_hand_back_their_sources(self):
        run = self.run_month()
        invoices = self.invoice_of(self.alice) | self.invoice_of(self.team)
        self.assertEqual(set(invoices.mapped("state")), {"posted"})
        invoices.button_draft()
        self.assertEqual(self.print_usage.invoice_id, self.invoice_of(self.team))
        self.assertEqual(run.state, "done", "a draft still bills the month")
        self.assert_deleted_drafts_billed_again(run, invoices, "posted")

    def test_cancelled_invoice_set_back_to_draft_takes_its_sources_back(self):
        run = self.run_month()
        team, alice = self.invoice_of(self.team), self.invoice_of(self.alice)
        (team | alice).button_cancel()
        self.assertEqual(self.print_usage.state, "to_invoice")
        (team | alice).button_draft()
        self.assertEqual(set((team | alice).mapped("state")), {"draft"})
        usage_line = team.invoice_line_ids.filtered(
            lambda line: line.coworking_source
            == f"coworking.usage,{self.print_usage.id}"
        )
        self.assertTrue(usage_line)
        self.assertEqual(self.print_usage.state, "invoiced")
        self.assertEqual(self.print_usage.invoice_line_id, usage_line)
        self.assertEqual(self.overage.coworking_invoice_id, alice)
        self.assertEqual(self.office_booking.coworking_invoice_id, alice)
        self.assertEqual(self.order.invoice_status, "invoiced")
        # the month, open again, has nothing more to bill
        invoices = self.env["account.move"].search_count([])
        self.run_month(NEXT_DAY)
        self.assertEqual(self.env["account.move"].search_count([]), invoices)
        self.assertEqual(run.state, "done")
        self.assertEqual(self.totals(), EXPECTED)

    def test_cancelled_invoice_billed_again_stays_cancelled(self):
        run = self.run_month()
        old = self.invoice_of(self.team)
        old.button_cancel()
        with freeze_time(BILLING_DAY):
            run.action_retry()
        new = self.invoice_of(self.team)
        with self.assertRaises(UserError) as refused:
            old.button_draft()
        self.assertIn(new.name, str(refused.exception))
        self.assertIn("stays cancelled", str(refused.exception))
        self.assertEqual(old.state, "cancel")
        self.assertEqual(self.invoice_of(self.team), new)
        self.assertEqual(self.print_usage.invoice_id, new)
        self.assertEqual(self.totals(), EXPECTED)

    def test_an_accountant_cancels_a_monthly_invoice(self):
        run = self.run_month()
        accountant = new_test_user(
            self.env,
            "cw_accountant",
            groups="account.group_account_invoice",
            email="accountant@example.com",
        )
        alice = self.invoice_of(self.alice)
        alice.with_user(accountant).button_cancel()
        self.assertEqual(alice.state, "cancel")
        self.assertEqual(run.state, "running", "handed back to the run")
        self.assertFalse(self.overage.coworking_invoice_line_id)
        self.assertIn(
            alice.name, " ".join(run.message_ids.mapped("body")), "said on the run"
        )

    def test_credit_note_forgives_without_billing_again(self):
        run = self.run_month()
        alice, team = self.invoice_of(self.alice), self.invoice_of(self.team)
        with freeze_time("2026-12-05 10:00:00"):
            # the wizard of the invoices' Credit Note button, as it opens
            wizard = Form(
                self.env["account.move.reversal"].with_context(
                    active_model="account.move", active_ids=(alice | team).ids
                )
            ).save()
            wizard.refund_moves()
            credit_notes = wizard.new_move_ids
            credit_notes.action_post()
        self.assertEqual(set(credit_notes.mapped("move_type")), {"out_refund"})
        self.assertEqual(
            sum(credit_notes.mapped("amount_untaxed")),
            EXPECTED["alice"] + EXPECTED["team"],
            "a full credit note",
        )
        self.assertEqual(set((alice | team).mapped("state")), {"posted"})
        # the sources stay billed by the credited invoices
        self.assertEqual(self.print_usage.state, "invoiced")
        self.assertEqual(self.print_usage.invoice_id, team)
        self.assertEqual(self.overage.coworking_invoice_id, alice)
        self.assertEqual(self.office_booking.coworking_invoice_id, alice)
        self.assertEqual(run.state, "done")
        invoices = self.env["account.move"].search_count([])
        with freeze_time("2026-12-05 10:00:00"):
            run.action_retry()
        self.run_month("2026-12-06 03:00:00")
        self.assertEqual(self.env["account.move"].search_count([]), invoices)
        self.assertEqual(self.totals(), EXPECTED)
        # nor does the next month bill them
        with freeze_time("2027-01-01 03:00:00"):
            while self.Run._cron_monthly_billing():
                pass
        self.assertEqual(self.run_of(DECEMBER).state, "done")
        self.assertEqual(
            self.lines(self.invoice_of(self.alice, DECEMBER)),
            [("Membership fees, December 2026", 1.0, 5.0)],
        )
        december = self.invoice_of(self.team, DECEMBER)
        self.assertIn(
            ("Membership fees, December 2026", 2.0, 20.0), self.lines(december)
        )
        self.assertNotIn(
            f"coworking.usage,{self.print_usage.id}",
            december.invoice_line_ids.mapped("coworking_source"),
        )
        self.assertNotIn(("Other usage", 120.0, 0.1), self.lines(december))
        self.assertEqual(self.print_usage.invoice_id, team)
        # the event registration charged to the membership, which Sales
        # counts as to invoice again once credited, is not billed again
        self.assertEqual(self.order.order_line.invoice_status, "to invoice")
        self.assertNotIn(self.order.order_line, december.invoice_line_ids.sale_line_ids)
        self.assertFalse(
            december.invoice_line_ids.filtered(lambda line: line.price_unit == 30.0)
        )
        # and an invoice already credited is not also cancelled
        with self.assertRaises(UserError) as refusal:
            team.button_cancel()
        self.assertIn("credited by", str(refusal.exception))
        self.assertEqual(team.state, "posted")
        self.assertEqual(self.print_usage.invoice_id, team)


@tagged("post_install", "-at_install")
class TestBillingCompanies(CorrectionsCommon):
    """A second company, with its own chart of accounts, location, plan and
    member; Alice, a member of the first one, buys a coffee in the second."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Coworking B"})
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company_b, install_demo=False
        )
        calendar = cls._create_calendar("B hours", "Africa/Dakar", cls.company_b)
        cls.location_b = cls.env["coworking.location"].create(
            {
                "name": "Test Dakar B",
                "code": "TDB",
                "company_id": cls.company_b.id,
                "tz": "Africa/Dakar",
                "resource_calendar_id": calendar.id,
            }
        )
        cls.plan_b = cls.env["coworking.membership.plan"].create(
            {
                "name": "Test B Credits",
                "code": "TBC",
                "company_id": cls.company_b.id,
                "product_id": cls.fee_credits.id,
                "credit_hours": 10,
            }
        )
        cls.zoe = cls.env["res.partner"].create(
            {"name": "Zoe Member B", "email": "zoe@example.com"}
        )
        with freeze_time("2026-11-24 08:00:00"):
            cls.m_zoe = cls.make_membership(
                cls.zoe, cls.plan_b, company_id=cls.company_b.id
            )
        Usage = cls.env["coworking.usage"]
        cls.print_b = Usage.create(
            {
                "partner_id": cls.zoe.id,
                "product_id": cls.printing.id,
                "quantity": 50,
                "date": date(2026, 11, 19),
                "company_id": cls.company_b.id,
                "location_id": cls.location_b.id,
            }
        )
        cls.coffee_b = Usage.create(
            {
                "partner_id": cls.alice.id,
                "product_id": cls.coffee.id,
                "date": date(2026, 11, 23),
                "company_id": cls.company_b.id,
                "location_id": cls.location_b.id,
            }
        )

    def invoice_in(self, party, company):
        invoice = self.invoice_of(party).filtered(
            lambda move: move.company_id == company
        )
        self.assertEqual(len(invoice), 1, f"{party.name} in {company.name}")
        return invoice

    def test_each_company_bills_its_members_with_its_own_run(self):
        self.run_month()
        run_a, run_b = self.run_of(), self.run_of(company=self.company_b)
        self.assertEqual((run_a | run_b).mapped("state"), ["done", "done"])
        zoe = self.invoice_in(self.zoe, self.company_b)
        self.assertEqual(zoe.coworking_run_id, run_b)
        self.assertEqual(
            self.lines(zoe),
            [
                ("Membership fees, November 2026", 1.0, 5.0),
                ("Other usage", 50.0, 0.1),
            ],
        )
        self.assertEqual(self.print_b.invoice_id, zoe)
        alice_b = self.invoice_in(self.alice, self.company_b)
        self.assertEqual(alice_b.coworking_run_id, run_b)
        self.assertEqual(self.lines(alice_b), [("Other usage", 1.0, 2.5)])
        self.assertEqual(self.coffee_b.invoice_id, alice_b)
        alice_a = self.invoice_in(self.alice, self.company)
        self.assertEqual(alice_a.amount_untaxed, EXPECTED["alice"], "no coffee of B")
        # every invoice, line and account of a run belongs to its company
        for run, company in ((run_a, self.company), (run_b, self.company_b)):
            invoices = run.invoice_ids
            self.assertTrue(invoices)
            self.assertEqual(invoices.company_id, company)
            self.assertEqual(invoices.journal_id.company_id, company)
            lines = invoices.invoice_line_ids.filtered("coworking_source")
            self.assertEqual(lines.account_id.company_ids, company)
        self.assertEqual(run_b.invoice_ids, zoe | alice_b)
        # and every source billed by a run is a record of its company
        for run, company in ((run_a, self.company), (run_b, self.company_b)):
            sources = run.invoice_ids.invoice_line_ids.filtered("coworking_source")
            for source in sources.mapped("coworking_source"):
                model, record_id = source.split(",")[:2]
                record = self.env[model].browse(int(record_id))
                self.assertEqual(record.company_id, company, source)
        self.assertIn(
            f"coworking.usage,{self.print_b.id}",
            run_b.invoice_ids.invoice_line_ids.mapped("coworking_source"),
        )

    def test_cancelling_an_invoice_reopens_only_its_company_run(self):
        self.run_month()
        run_a, run_b = self.run_of(), self.run_of(company=self.company_b)
        old = self.invoice_in(self.zoe, self.company_b)
        old.button_cancel()
        self.assertEqual(run_b.state, "running")
        self.assertTrue(self.handed_back_notes(run_b, old.name))
        self.assertEqual(run_a.state, "done")
        self.assertFalse(run_a.message_ids.filtered(lambda m: HANDED_BACK in m.body))
        self.assertEqual(self.print_b.state, "to_invoice")
        invoices_a = run_a.invoice_ids
        self.run_month(NEXT_DAY)
        new = self.invoice_in(self.zoe, self.company_b)
        self.assertNotEqual(new, old)
        self.assertEqual(new.coworking_run_id, run_b)
        self.assertEqual(new.amount_untaxed, 10.0)
        self.assertEqual(self.print_b.invoice_id, new)
        self.assertEqual(run_a.invoice_ids, invoices_a, "company A untouched")
        self.assertEqual(run_b.state, "done")


@tagged("post_install", "-at_install")
class TestMonthBoundaries(CorrectionsCommon):
    """The month ends at midnight where the coworking is: what happens at
    23:30 on its last evening belongs to it, at 00:30 the next morning to
    the next month, whatever day it is in UTC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.night_office = cls.env["coworking.space"].create(
            {
                "name": "Test Night Office",
                "location_id": cls.location.id,
                "kind": "private_office",
                "capacity": 2,
                "rate_product_ids": [Command.set(cls.rate_hour.ids)],
                # a day ends at 23:59:59.999999 in Odoo's calendars: the
                # last evening's booking ends before midnight
                "booking_slot_minutes": 5,
                "booking_min_minutes": 15,
            }
        )

    def move_company_to(self, tz):
        """Every location of the company in ``tz``, the test one open day
        and night."""
        always = self._create_calendar(
            "Day and night", tz, days=EVERY_DAY, hours=(0, 24)
        )
        others = self.env["coworking.location"].search(
            [("company_id", "=", self.company.id), ("id", "!=", self.location.id)]
        )
        others.resource_calendar_id.write({"tz": tz})
        others.write({"tz": tz})
        self.location.write({"tz": tz, "resource_calendar_id": always.id})

    @staticmethod
    def utc(tz, *args):
        """Naive UTC of a local time in ``tz``."""
        local = pytz.timezone(tz).localize(datetime(*args))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def charge(self, at):
        """Alice's coffee ordered and charged to her membership at ``at``."""
        order = self.env["sale.order"].create(
            {
                "partner_id": self.alice.id,
                "order_line": [Command.create({"product_id": self.coffee.id})],
            }
        )
        with freeze_time(at):
            order.action_coworking_charge_to_account()
        self.assertEqual(order.date_order, at)
        return order

    def bill_two_months(self):
        self.run_month("2026-12-02 12:00:00")
        with freeze_time("2027-01-02 12:00:00"):
            while self.Run._cron_monthly_billing():
                pass
        return self.invoice_of(self.alice), self.invoice_of(self.alice, DECEMBER)

    def assert_month_ends_at_local_midnight(self, tz):
        self.move_company_to(tz)
        last_evening = self.utc(tz, 2026, 11, 30, 23, 30)
        next_morning = self.utc(tz, 2026, 12, 1, 0, 30)
        with freeze_time("2026-11-28 10:00:00"):
            late = self.book_for(
                self.alice,
                last_evening,
                last_evening + timedelta(minutes=25),
                target=self.night_office,
            )
            early = self.book_for(
                self.alice,
                next_morning,
                next_morning + timedelta(minutes=30),
                target=self.night_office,
            )
        self.assertTrue(late.price and early.price, "paid beyond the plan")
        late_order, early_order = self.charge(last_evening), self.charge(next_morning)
        november, december = self.bill_two_months()
        self.assertEqual(late.coworking_invoice_id, november)
        self.assertEqual(early.coworking_invoice_id, december)
        self.assertEqual(late_order.order_line.invoice_lines.move_id, november)
        self.assertEqual(early_order.order_line.invoice_lines.move_id, december)
        self.assertEqual(
            november.amount_untaxed,
            EXPECTED["alice"] + late.price + late_order.amount_untaxed,
            "the month as lived, plus its last evening",
        )

    def test_month_ends_at_midnight_in_new_york(self):
        # 23:30 on 30 November is already 1 December in UTC
        self.assert_month_ends_at_local_midnight("America/New_York")

    def test_month_ends_at_midnight_in_paris(self):
        # 00:30 on 1 December is still 30 November in UTC
        self.assert_month_ends_at_local_midnight("Europe/Paris")

    def test_month_ends_at_midnight_in_tokyo(self):
        self.assert_month_ends_at_local_midnight("Asia/Tokyo")

    def test_month_ends_at_midnight_in_auckland(self):
        # summer time: UTC+13, the first morning of December is at noon UTC
        self.assert_month_ends_at_local_midnight("Pacific/Auckland")

    def test_month_timezone_of_a_company_in_several_zones(self):
        run = self.run_of() or self.Run.create(
            {"company_id": self.company.id, "period_start": NOVEMBER}
        )
        self.move_company_to("Asia/Tokyo")
        self.assertEqual(run._month_tz().zone, "Asia/Tokyo", "its locations' zone")
        self.env["coworking.location"].create(
            {
                "name": "Test New York",
                "code": "TNY",
                "tz": "America/New_York",
                "resource_calendar_id": self._create_calendar(
                    "New York hours", "America/New_York"
                ).id,
            }
        )
        self.company.partner_id.tz = False
        self.assertEqual(run._month_tz().zone, "UTC", "no zone of its own")
        self.company.partner_id.tz = "America/New_York"
        self.assertEqual(run._month_tz().zone, "America/New_York", "the company's")
        late_order = self.charge(self.utc("America/New_York", 2026, 11, 30, 23, 30))
        early_order = self.charge(self.utc("America/New_York", 2026, 12, 1, 0, 30))
        november, december = self.bill_two_months()
        self.assertEqual(late_order.order_line.invoice_lines.move_id, november)
        self.assertEqual(early_order.order_line.invoice_lines.move_id, december)
