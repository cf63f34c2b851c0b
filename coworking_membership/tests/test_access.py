# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.coworking_booking.exceptions import BookingRefused

from .common import NOW, MembershipCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestMemberAccessAndPrices(MembershipCommon):
    def test_a_kind_outside_the_plan_is_refused(self):
        lounge = self.env["coworking.space"].create(
            {
                "name": "Test Lounge",
                "location_id": self.location.id,
                "kind": "lounge",
                "capacity": 30,
                "rate_product_ids": [Command.set(self.rate_hour.ids)],
            }
        )
        self.make_membership(self.alice, self.plan_credits)
        with self.assertRaises(BookingRefused) as refusal:
            self.book_for(self.alice, self.at(9), self.at(10), target=lounge)
        self.assertEqual(
            [code for code, _m in refusal.exception.reasons], ["no_access"]
        )
        self.assertIn(
            "does not give access to Lounge / Event Space", str(refusal.exception)
        )
        # staff can still book it for the member, at the member price
        booking = self.Booking._book(lounge, self.at(9), self.at(10), self.alice)
        self.assertAlmostEqual(booking.price, 22.5)

    def test_the_plan_sets_the_horizon(self):
        self.make_membership(self.alice, self.plan_credits)  # 30 days
        far = datetime(2027, 1, 5, 9)  # 42 days ahead, within the rooms' 90
        with self.assertRaises(BookingRefused) as refusal:
            self.book_for(self.alice, far, far.replace(hour=10))
        self.assertIn("beyond_horizon", [c for c, _m in refusal.exception.reasons])
        self.assertIn("30 days", str(refusal.exception))
        # a guest keeps the rooms' own horizon
        guest_booking = self.Booking.with_context(coworking_booking_staff=False)._book(
            self.room, far, far.replace(hour=10), self.guest
        )
        self.assertEqual(guest_booking.state, "held")

    def test_the_plan_pricelist_prices_member_bookings(self):
        self.make_membership(self.alice, self.plan_credits)
        pricelist = self.Booking._pricelist_for(self.alice, self.env.company)
        self.assertEqual(pricelist, self.members_pricelist)
        terms = self.Booking._booking_terms(
            self.room, self.at(9), self.at(13), 1, self.alice
        )
        self.assertEqual(terms["price"], 72.0, "half-day at -10%")
        self.assertFalse(terms["pay_now"])
        self.assertEqual(
            self.Booking._pricelist_for(self.bob),
            self.Booking._pricelist_for(self.guest),
        )

    def test_an_archived_plan_pricelist_is_not_given(self):
        self.make_membership(self.alice, self.plan_credits)
        self.assertEqual(self.alice.property_product_pricelist, self.members_pricelist)
        self.members_pricelist.action_archive()
        self.alice.invalidate_recordset(["property_product_pricelist"])
        self.assertEqual(
            self.alice.property_product_pricelist,
            self.guest.property_product_pricelist,
            "back to everyone's pricelist",
        )
        self.assertTrue(self.alice.property_product_pricelist.active)

    def test_suspended_members_book_as_guests(self):
        membership = self.make_membership(self.alice, self.plan_credits)
        membership.action_suspend()
        booking = self.book_for(self.alice, self.at(9), self.at(10))
        self.assertEqual(booking.state, "held", "pays online like a guest")
        self.assertTrue(booking.sale_order_id)
        self.assertFalse(booking.membership_id)
        self.assertEqual(booking.price, 25.0, "at the public price")


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestMembershipRights(MembershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls.make_membership(cls.alice, cls.plan_credits)
        cls.theirs = cls.make_membership(cls.bob, cls.plan_credits)
        cls.portal_alice = new_test_user(
            cls.env, "cw_portal_alice", groups="base.group_portal", name="Alice Portal"
        )
        cls.portal_alice.partner_id = cls.alice

    def test_portal_user_reads_only_own_membership_and_ledger(self):
        Membership = self.env["coworking.membership"].with_user(self.portal_alice)
        self.assertEqual(Membership.search([]), self.mine)
        Credit = self.env["coworking.membership.credit"].with_user(self.portal_alice)
        self.assertEqual(Credit.search([]).membership_id, self.mine)
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.portal_alice).read(["name"])
        with self.assertRaises(AccessError):
            self.mine.with_user(self.portal_alice).write({"auto_renew": False})
        with self.assertRaises(AccessError):
            Credit.create(
                {
                    "membership_id": self.mine.id,
                    "type": "adjust",
                    "amount": 100,
                    "valid_from": "2026-11-01",
                    "valid_to": "2026-12-31",
                }
            )

    def test_front_desk_runs_memberships_managers_configure_plans(self):
        front = self.user_front
        membership = (
            self.env["coworking.membership"]
            .with_user(front)
            .create({"partner_id": self.guest.id, "plan_id": self.plan_credits.id})
        )
        membership.action_activate()
        self.assertEqual(membership.state, "active")
        with self.assertRaises(AccessError):
            self.plan_credits.with_user(front).write({"credit_hours": 99})
        with self.assertRaises(AccessError):
            self.mine.credit_ids.with_user(front).unlink()
        with self.assertRaises(UserError):
            membership.with_user(self.user_manager).unlink()
        self.plan_credits.with_user(self.user_manager).write({"credit_hours": 12})
        self.assertEqual(self.plan_credits.credit_hours, 12)

    def test_other_employees_and_roles_have_no_access(self):
        for user in (self.user_employee, self.user_cashier, self.user_agent):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["coworking.membership"].with_user(user).search([])
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["coworking.membership.credit"].with_user(user).search([])

    def test_contact_forms_open_without_sales_rights(self):
        """subscription_oca's smart button on contacts reads subscriptions:
        it is shown only to those who may read them."""
        for user in (self.user_employee, self.user_manager, self.user_front):
            with self.subTest(user=user.login):
                form = Form(self.alice.with_user(user))
                self.assertEqual(form.name, "Alice Member")

    def test_another_company_is_invisible(self):
        other = self.env["res.company"].create({"name": "Other Coworking"})
        plan = self.plan_payg.copy({"company_id": other.id, "code": "OTH"})
        membership = self.env["coworking.membership"].create(
            {"partner_id": self.guest.id, "plan_id": plan.id, "company_id": other.id}
        )
        self.assertNotIn(
            membership,
            self.env["coworking.membership"].with_user(self.user_manager).search([]),
        )
        self.assertNotIn(
            plan,
            self.env["coworking.membership.plan"]
            .with_user(self.user_manager)
            .search([]),
        )
