# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import uuid
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.coworking_base.tests.common import CronRunnerMixin

from .common import DeskCommon


@tagged("post_install", "-at_install")
class TestDeskSales(DeskCommon):
    """A sale at the desk opens the paid workshop at once and the cashier
    marks the participant present; a refund (with its reason) closes the
    workshop again, and the door says why."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lab = cls.env["event.track.location"].create(
            {"name": "Desk Test Lab", "coworking_restricted": True}
        )
        cls.workshop = cls.env["event.track"].create(
            {
                "name": "Desk Test Workshop",
                "event_id": cls.event.id,
                "location_id": cls.lab.id,
                "coworking_kind": "workshop",
                "coworking_ticket_ids": [Command.link(cls.workshop_ticket.id)],
                "date": fields.Datetime.now() - timedelta(minutes=5),
                "duration": 2.0,
            }
        )
        cls.controller = cls.env["res.users"].create(
            {
                "name": "Desk Test Door",
                "login": "desk_test_door",
                "groups_id": [
                    Command.set(
                        cls.env.ref(
                            "coworking_base.group_coworking_badge_controller"
                        ).ids
                    )
                ],
            }
        )
        cls.env["coworking.event.role"].create(
            {
                "event_id": cls.event.id,
                "user_id": cls.controller.id,
                "role": "badge_controller",
            }
        )
        cls.participant = cls.env["res.partner"].create(
            {"name": "Desk Test Participant", "email": "participant@desk.example"}
        )
        cls.session_a = cls.open_session(cls.desk_a)

    def _scan_lab(self, registration):
        token = registration._coworking_credential().token
        scan, _duplicate = (
            self.env["coworking.event.scan"]
            .with_user(self.controller)
            ._coworking_scan(self.event, token, uuid.uuid4().hex, location=self.lab)
        )
        return scan

    def _sell_workshop_and_dinner(self):
        return self.sell(
            self.session_a,
            [
                self.ticket_line(self.workshop_ticket, self.participant),
                self.item_line(self.dinner),
            ],
            partner=self.participant,
        )

    def _park_workshop(self):
        """The cashier parks an unpaid order of the workshop (a draft the
        Point of Sale synchronises)."""
        vals = self.order_vals(
            self.session_a,
            [self.ticket_line(self.workshop_ticket, self.participant)],
            partner=self.participant,
            payments=[],
            state="draft",
        )
        result = self.env["pos.order"].with_user(self.cashier_a).sync_from_ui([vals])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def test_a_desk_sale_opens_the_workshop_at_once(self):
        order = self._sell_workshop_and_dinner()
        self.assertEqual(order.state, "paid")
        registration = order.lines.event_registration_ids
        self.assertEqual(registration.state, "open")
        self.assertTrue(registration.coworking_paid, "paid at the desk")
        self.assertEqual(registration.coworking_attendee_id, self.participant)
        scan = self._scan_lab(registration)
        self.assertEqual(scan.verdict, "granted", scan.message)

    def test_the_cashier_marks_the_participant_present(self):
        order = self._sell_workshop_and_dinner()
        summary = order.with_user(self.cashier_a).coworking_desk_mark_present()
        registration = order.lines.event_registration_ids
        self.assertEqual(registration.state, "done")
        self.assertEqual(
            [(row["id"], row["state"], row["paid"]) for row in summary],
            [(registration.id, "done", True)],
        )
        badges = order.with_user(self.cashier_a).coworking_desk_badge_registrations()
        self.assertEqual([row["id"] for row in badges], registration.ids)
        self.assertTrue(registration._coworking_credential(), "the badge has its QR")

    def test_a_refund_revokes_the_workshop_and_the_door_says_why(self):
        order = self._sell_workshop_and_dinner()
        registration = order.lines.event_registration_ids
        self.assertEqual(self._scan_lab(registration).verdict, "granted")
        ticket_line = order.lines.filtered("event_ticket_id")
        refund = self.refund(
            order, "Speaker ill: workshop cancelled", lines=ticket_line
        )
        self.assertEqual(refund.state, "paid")
        self.assertEqual(registration.state, "cancel")
        self.assertTrue(registration.coworking_revoked)
        self.assertIn("Speaker ill", registration.coworking_revoke_reason)
        self.assertIn(refund.pos_reference, registration.coworking_revoke_reason)
        scan = self._scan_lab(registration)
        self.assertEqual(scan.verdict, "revoked")
        self.assertIn("Speaker ill", scan.message)
        # the dinner, not refunded, stays sold
        self.assertEqual(
            order.lines.filtered(
                lambda line: line.product_id == self.dinner
            ).refunded_qty,
            0,
        )

    def test_a_refund_at_a_desk_needs_its_reason(self):
        order = self._sell_workshop_and_dinner()
        with self.assertRaisesRegex(UserError, "needs its reason"):
            self.refund(order, "   ")
        self.assertEqual(order.lines.event_registration_ids.state, "open")

    def test_an_unpaid_order_gives_no_access_and_no_badge(self):
        order = self._park_workshop()
        self.assertEqual(order.state, "draft")
        registration = order.lines.event_registration_ids
        self.assertFalse(registration.coworking_paid)
        self.assertEqual(registration.state, "draft")
        with self.assertRaisesRegex(UserError, "not paid"):
            order.with_user(self.cashier_a).coworking_desk_mark_present()
        # cancelled with its reason: the registration's access is revoked
        order.coworking_refund_reason = "Customer left"
        order.with_user(self.cashier_a).action_pos_order_cancel()
        self.assertTrue(registration.coworking_revoked)
        self.assertIn("Customer left", registration.coworking_revoke_reason)

    def test_the_desk_finds_a_participant_by_qr_or_name(self):
        order = self._sell_workshop_and_dinner()
        registration = order.lines.event_registration_ids
        token = registration._coworking_credential().token
        desk = self.desk_a.with_user(self.cashier_a)
        found = desk.coworking_desk_find_participant(token)
        self.assertEqual(found["partner_ids"], self.participant.ids)
        self.assertEqual(
            [row["id"] for row in found["participants"][0]["registrations"]],
            registration.ids,
        )
        by_name = desk.coworking_desk_find_participant("desk test particip")
        self.assertIn(self.participant.id, by_name["partner_ids"])
        tampered = desk.coworking_desk_find_participant(token[:-3] + "AAA")
        self.assertFalse(tampered["found"])
        self.assertIn("altered", tampered["message"])

    def test_a_sold_out_event_is_refused_before_any_write(self):
        taken = self.event.seats_available
        self.env["event.registration"].create(
            [
                {"event_id": self.event.id, "name": f"Early {index}"}
                for index in range(taken)
            ]
        )
        Guard = self.env["coworking.event.scan.guard"]
        hits = sum(Guard.search([("event_id", "=", self.event.id)]).mapped("hits"))
        self.env.flush_all()
        with self.assertRaisesRegex(ValidationError, "not enough seats"):
            self._sell_workshop_and_dinner()
        self.assertEqual(
            sum(Guard.search([("event_id", "=", self.event.id)]).mapped("hits")),
            hits,
            "a refused sale does not wait on the event's seat guard",
        )
        self.assertFalse(
            self.env["pos.order"].search([("partner_id", "=", self.participant.id)])
        )
        # a parked order takes no seat: it is kept, its registration unconfirmed
        parked = self._park_workshop()
        self.assertEqual(parked.state, "draft")
        self.assertEqual(parked.lines.event_registration_ids.state, "draft")

    def test_a_card_payment_carries_the_terminal_reference(self):
        lines = [self.item_line(self.dinner)]
        total = lines[0]["price_subtotal_incl"]
        with self.assertRaisesRegex(UserError, "reference printed by the card"):
            self.sell(self.session_a, lines, payments=[(self.card, total)])
        with self.assertRaisesRegex(UserError, "at most 64"):
            self.sell(
                self.session_a,
                lines,
                payments=[(self.card, total, {"transaction_id": "9" * 65})],
            )
        order = self.sell(
            self.session_a,
            lines,
            payments=[(self.card, total, {"transaction_id": "T-4711"})],
        )
        self.assertEqual(order.payment_ids.transaction_id, "T-4711")

    def test_the_desk_refuses_bad_input(self):
        desk = self.desk_a.with_user(self.cashier_a)
        for code in ("", "   ", "x" * 101, "CW1." + "a" * 600, 42, None):
            with self.subTest(code=str(code)[:20]), self.assertRaises(UserError):
                desk.coworking_desk_find_participant(code)
        other = self.desk_b.with_user(self.cashier_a)
        with self.assertRaises(Exception):  # noqa: B017 - AccessError or UserError
            other.coworking_desk_find_participant("Desk")


@tagged("post_install", "-at_install")
class TestDeskMembershipCharge(CronRunnerMixin, DeskCommon):
    """A member charges a desk purchase to the membership: it is billed once,
    on the member's monthly invoice, and the books balance."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Run = cls.env["coworking.billing.run"]
        Run.search([]).unlink()
        cls.env["coworking.usage"].search(
            [("state", "=", "to_invoice")]
        ).action_cancel()
        cls.period = Run._due_period()
        cls.cron = cls.env.ref("coworking_billing.ir_cron_monthly_billing")
        cls.month_member = cls.env["res.partner"].create(
            {"name": "Month Member", "email": "month.member@desk.example"}
        )
        cls.month_membership = cls.make_membership(
            cls.month_member, cls.plan_unlimited, start=cls.period
        )
        cls.session_a = cls.open_session(cls.desk_a)
        cls.sale_day = fields.Datetime.to_datetime(cls.period) + timedelta(
            days=9, hours=12
        )

    def _charge(self, partner, lines, amount=None, **kwargs):
        total = sum(line["price_subtotal_incl"] for line in lines)
        return self.sell(
            self.session_a,
            lines,
            partner=partner,
            payments=[(self.membership_method, total if amount is None else amount)],
            **kwargs,
        )

    def test_a_charged_purchase_is_on_the_monthly_invoice_once(self):
        order = self._charge(
            self.month_member, [self.item_line(self.dinner, qty=2)], date=self.sale_day
        )
        self.assertEqual(order.state, "paid")
        usage = order.coworking_usage_ids
        self.assertEqual(len(usage), 1)
        self.assertEqual(usage.membership_id, self.month_membership)
        self.assertEqual(usage.state, "to_invoice")
        self.assertAlmostEqual(usage.amount, order.amount_total)
        # billed by the cron, as production runs it; a second run adds nothing
        self.run_cron(self.cron)
        self.run_cron(self.cron)
        invoice_lines = self.env["account.move.line"].search(
            [("coworking_source", "=", f"coworking.usage,{usage.id}")]
        )
        self.assertEqual(len(invoice_lines), 1)
        self.assertEqual(usage.state, "invoiced")
        self.assertEqual(
            invoice_lines.move_id.coworking_billing_partner_id, self.month_member
        )
        clearing = self.company._coworking_membership_clearing_account()
        self.assertEqual(invoice_lines.account_id, clearing)
        self.assertFalse(invoice_lines.tax_ids, "the desk booked the tax")
        self.assertAlmostEqual(invoice_lines.price_total, order.amount_total)

    def test_the_desk_closing_and_the_invoice_clear_the_charges(self):
        order = self._charge(
            self.month_member, [self.item_line(self.dinner)], date=self.sale_day
        )
        result = self.close_session(self.session_a)
        self.assertTrue(result.get("successful", True), result)
        session_move = self.session_a.sudo().move_id
        clearing = self.company._coworking_membership_clearing_account()
        debit = sum(
            session_move.line_ids.filtered(
                lambda line: line.account_id == clearing
            ).mapped("balance")
        )
        self.assertAlmostEqual(debit, order.amount_total)
        self.run_cron(self.cron)
        invoice = order.coworking_usage_ids.invoice_id
        if invoice.state == "draft":
            invoice.action_post()
        balance = sum(
            self.env["account.move.line"]
            .search([("account_id", "=", clearing.id), ("parent_state", "=", "posted")])
            .filtered(lambda line: line.move_id in (invoice | session_move))
            .mapped("balance")
        )
        self.assertAlmostEqual(balance, 0.0)

    def test_only_a_member_charges_and_for_the_whole_order(self):
        with self.assertRaisesRegex(UserError, "no active membership"):
            self._charge(self.customer, [self.item_line(self.dinner)])
        with self.assertRaisesRegex(UserError, "whole order"):
            self.sell(
                self.session_a,
                [self.item_line(self.dinner, qty=2)],
                partner=self.member,
                payments=[
                    (self.membership_method, 22.0),
                    (self.cash_a, 22.0),
                ],
            )

    def test_a_refund_hands_the_charge_back(self):
        order = self._charge(self.member, [self.item_line(self.dinner)])
        usage = order.coworking_usage_ids
        self.refund(
            order,
            "Dinner not served",
            payments=[(self.membership_method, -order.amount_total)],
        )
        self.assertEqual(usage.state, "cancelled")
