# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import NOW, MembershipCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestLifecycle(MembershipCommon):
    def assertLogged(self, membership, text):
        bodies = membership.message_ids.mapped("body")
        self.assertTrue(
            any(text in (body or "") for body in bodies),
            f"{text!r} not in the chatter: {bodies}",
        )

    def test_valid_transitions_are_logged_and_followed(self):
        membership = self.make_membership(self.alice, self.plan_credits, activate=False)
        self.assertEqual(membership.state, "draft")
        self.assertFalse(self.alice.is_coworking_member)
        self.assertEqual(membership.member_ids, self.alice, "a person is its member")
        membership.action_activate()
        self.assertEqual(membership.state, "active")
        self.assertLogged(membership, "Draft → Active")
        self.assertTrue(self.alice.is_coworking_member)
        subscription = membership.subscription_id
        self.assertEqual(subscription.partner_id, self.alice)
        self.assertEqual(subscription.stage_id.type, "in_progress")
        self.assertEqual(
            subscription.sale_subscription_line_ids.product_id, self.fee_credits
        )
        self.assertEqual(membership.credit_balance, 10.0, "the period's hours")
        membership.action_suspend()
        self.assertEqual(
            (membership.state, membership.suspend_reason), ("suspended", "staff")
        )
        self.assertLogged(membership, "Active → Suspended")
        self.assertFalse(self.alice.is_coworking_member, "suspended: books as a guest")
        membership.action_reactivate()
        self.assertEqual(membership.state, "active")
        self.assertLogged(membership, "Suspended → Active")
        self.assertTrue(self.alice.is_coworking_member)
        membership.action_cancel()
        self.assertEqual(membership.state, "cancelled")
        self.assertLogged(membership, "Active → Cancelled")
        self.assertFalse(self.alice.is_coworking_member)
        self.assertEqual(
            subscription.stage_id.type, "post", "the subscription is closed"
        )

    def test_invalid_transitions_are_refused(self):
        draft = self.make_membership(self.alice, self.plan_credits, activate=False)
        with self.assertRaises(UserError):
            draft.action_suspend()
        with self.assertRaises(UserError):
            draft.action_reactivate()
        with self.assertRaises(UserError):
            draft.write({"state": "expired"})
        draft.action_cancel()
        for action in ("action_activate", "action_reactivate", "action_suspend"):
            with self.subTest(action=action), self.assertRaises(UserError):
                getattr(draft, action)()
        self.assertEqual(draft.state, "cancelled")
        active = self.make_membership(self.bob, self.plan_credits)
        with self.assertRaises(UserError):
            active.action_reactivate()
        with self.assertRaises(UserError):
            active.action_activate()
        with self.assertRaisesRegex(UserError, "starts as a draft"):
            self.Membership.create(
                {
                    "partner_id": self.alice.id,
                    "plan_id": self.plan_credits.id,
                    "state": "active",
                }
            )

    def test_expire_or_renew_at_the_end(self):
        ending = self.make_membership(
            self.alice, self.plan_credits, date_end=date(2026, 11, 20), auto_renew=False
        )
        renewing = self.make_membership(
            self.bob, self.plan_credits, date_end=date(2026, 11, 20), auto_renew=True
        )
        self.Membership._cron_renew_and_expire()
        self.assertEqual(ending.state, "expired")
        self.assertLogged(ending, "Active → Expired")
        self.assertFalse(self.alice.is_coworking_member)
        self.assertEqual(ending.subscription_id.stage_id.type, "post")
        self.assertEqual(renewing.state, "active")
        self.assertEqual(renewing.date_end, date(2026, 12, 20), "one period further")
        with self.assertRaises(UserError):
            ending.action_activate()

    def test_one_running_membership_per_person(self):
        self.make_membership(self.alice, self.plan_credits)
        second = self.make_membership(self.alice, self.plan_strict, activate=False)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaisesRegex(ValidationError, "already has another running"),
        ):
            second.action_activate()
        self.assertEqual(second.state, "draft")
        # nor can a running team take in a person who has one
        team = self.make_membership(
            self.env["res.partner"].create({"name": "Team Co", "is_company": True}),
            self.plan_credits,
            activate=False,
            member_line_ids=[Command.create({"partner_id": self.bob.id})],
        )
        team.action_activate()
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaisesRegex(ValidationError, "already has a running"),
        ):
            team.member_line_ids = [Command.create({"partner_id": self.alice.id})]

    def test_team_shares_plan_credits_and_invoice(self):
        company = self.env["res.partner"].create(
            {"name": "Team Co", "is_company": True}
        )
        membership = self.make_membership(
            company,
            self.plan_credits,
            activate=False,
            member_line_ids=[
                Command.create({"partner_id": self.alice.id}),
                Command.create({"partner_id": self.bob.id}),
            ],
        )
        membership.action_activate()
        self.assertTrue(membership.is_team)
        self.assertFalse(
            company.is_coworking_member, "the company itself books nothing"
        )
        self.assertTrue(self.alice.is_coworking_member and self.bob.is_coworking_member)
        line = membership.subscription_id.sale_subscription_line_ids
        self.assertEqual(
            (line.product_uom_qty, line.price_unit), (2.0, 5.0), "per member"
        )
        self.assertEqual(membership.subscription_id.partner_id, company, "one invoice")
        self.assertEqual(membership.credit_balance, 20.0, "10 hours per member, shared")
        # Thursday 26 November, 10:00-17:00 in Paris: November's credits
        start, stop = self.day(2026, 11, 26, 9), self.day(2026, 11, 26, 16)
        first = self.book_for(self.alice, start, stop)
        second = self.book_for(self.bob, start, stop, target=self.room_2)
        self.assertEqual(first.membership_id, membership)
        self.assertEqual(second.membership_id, membership)
        self.assertEqual((first.credit_hours, second.credit_hours), (7.0, 7.0))
        membership.invalidate_recordset()
        self.assertEqual(membership.credit_balance, 6.0, "one pool for the team")
        # a third member is invoiced from now on
        carol = self.env["res.partner"].create({"name": "Carol"})
        membership.member_line_ids = [Command.create({"partner_id": carol.id})]
        self.assertEqual(line.product_uom_qty, 3.0)
        self.assertTrue(carol.is_coworking_member)

    def test_plan_change_takes_effect_next_period(self):
        membership = self.make_membership(self.alice, self.plan_credits)
        wizard = Form(
            self.env["coworking.membership.change.plan"].with_context(
                default_membership_id=membership.id
            )
        )
        wizard.plan_id = self.plan_unlimited
        self.assertEqual(wizard.effective_date, date(2026, 12, 1))
        wizard.save().action_apply()
        self.assertEqual(membership.plan_id, self.plan_credits, "not before December")
        self.assertEqual(membership.next_plan_id, self.plan_unlimited)
        with self.assertRaisesRegex(UserError, "Change Plan"):
            membership.plan_id = self.plan_strict
        self.Membership._cron_grant_and_expire_credits()
        self.assertEqual(membership.plan_id, self.plan_credits)
        with freeze_time("2026-12-01 06:00:00"):
            self.Membership._cron_grant_and_expire_credits()
        self.assertEqual(membership.plan_id, self.plan_unlimited)
        self.assertFalse(membership.next_plan_id)
        line = membership.subscription_id.sale_subscription_line_ids
        self.assertEqual(line.product_id, self.fee_unlimited)
        december = membership.credit_ids.filtered(
            lambda lot: lot.type == "grant" and lot.valid_from == date(2026, 12, 1)
        )
        self.assertEqual(
            sorted(december.mapped(lambda lot: (lot.unit, lot.amount))),
            [("guest_passes", 2.0), ("hours", 2.0)],
            "December's credits follow the new plan",
        )

    def test_periods_are_calendar_months(self):
        membership = self.make_membership(
            self.alice, self.plan_credits, start=date(2026, 1, 31)
        )
        self.assertEqual(
            membership._period_bounds(date(2026, 3, 5)),
            (date(2026, 3, 1), date(2026, 3, 31)),
        )
        self.assertEqual(
            membership._period_bounds(date(2026, 2, 28)),
            (date(2026, 2, 1), date(2026, 2, 28)),
        )
        self.assertEqual(membership.period_start, date(2026, 11, 1))
        self.assertEqual(membership.period_end, date(2026, 11, 30))
        self.assertEqual(
            membership._period_share(date(2026, 1, 1), date(2026, 1, 31)), 1 / 31
        )

    def test_a_membership_starting_mid_month_gets_its_share(self):
        membership = self.make_membership(
            self.alice, self.plan_credits, start=date(2026, 11, 16)
        )
        grant = membership.credit_ids
        self.assertEqual(
            (grant.amount, grant.valid_from, grant.valid_to),
            (5.0, date(2026, 11, 1), date(2026, 11, 30)),
            "15 of November's 30 days",
        )
        ending = self.make_membership(
            self.bob,
            self.plan_unlimited,
            start=date(2026, 11, 1),
            date_end=date(2026, 12, 10),
            auto_renew=False,
        )
        self.env["coworking.membership.credit"]._grant_period(ending, date(2026, 12, 5))
        december = ending.credit_ids.filtered(
            lambda line: line.valid_from == date(2026, 12, 1)
        )
        self.assertEqual(
            sorted(december.mapped(lambda line: (line.unit, line.amount))),
            [("guest_passes", 1.0), ("hours", 0.65)],
            "10 of December's 31 days",
        )

    def test_draft_can_be_deleted_running_cannot(self):
        draft = self.make_membership(self.alice, self.plan_credits, activate=False)
        draft.unlink()
        active = self.make_membership(self.bob, self.plan_credits)
        with self.assertRaises(UserError):
            active.unlink()
        with self.assertRaises(ValidationError):
            active.date_end = date(2026, 10, 1)


@tagged("post_install", "-at_install")
class TestSuspensionForUnpaidFees(MembershipCommon):
    """subscription_oca invoices the fee; an invoice unpaid 15 days after its
    due date suspends the membership, its payment reactivates it."""

    def test_unpaid_fee_suspends_and_payment_reactivates(self):
        with freeze_time("2026-11-01 09:00:00"):
            membership = self.make_membership(self.alice, self.plan_credits)
            membership.subscription_id.generate_invoice()
        invoice = membership.invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.amount_total, 5.0)
        with freeze_time("2026-11-10 09:00:00"):
            self.Membership._cron_check_payments()
            self.assertEqual(membership.state, "active", "within the grace period")
        with freeze_time("2026-11-20 09:00:00"):
            self.Membership._cron_check_payments()
            self.assertEqual(membership.state, "suspended")
            self.assertEqual(membership.suspend_reason, "unpaid")
            self.assertIn(invoice.name, membership.state_note)
            self.assertFalse(self.alice.is_coworking_member)
            payment = (
                self.env["account.payment.register"]
                .with_context(active_model="account.move", active_ids=invoice.ids)
                .create({})
            )
            payment._create_payments()
            self.assertIn(invoice.payment_state, ("paid", "in_payment"))
            self.assertEqual(membership.state, "active", "reactivated by the payment")
            self.assertTrue(self.alice.is_coworking_member)

    def test_staff_suspension_is_not_lifted_by_the_cron(self):
        with freeze_time(NOW):
            membership = self.make_membership(self.alice, self.plan_credits)
            membership.action_suspend()
            self.Membership._cron_check_payments()
        self.assertEqual(membership.state, "suspended")
