# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

import psycopg2.errors
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.coworking_booking.exceptions import BookingRefused

from .common import NOW, MembershipCommon

# Thursday 26 November 2026: 09:00 UTC is 10:00 in Paris.
THURSDAY = (2026, 11, 26)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCredits(MembershipCommon):
    def thursday(self, hour, minute=0):
        return self.day(*THURSDAY, hour, minute)

    def test_grant_once_per_period(self):
        membership = self.make_membership(self.alice, self.plan_credits)
        grants = membership.credit_ids.filtered(lambda line: line.type == "grant")
        self.assertEqual(len(grants), 1)
        self.assertEqual(
            (grants.amount, grants.valid_from, grants.valid_to),
            (10.0, date(2026, 11, 1), date(2026, 11, 30)),
        )
        self.env["coworking.membership.credit"]._grant_period(
            membership, date(2026, 11, 20)
        )
        self.Membership._cron_grant_and_expire_credits()
        self.assertEqual(
            len(membership.credit_ids.filtered(lambda line: line.type == "grant")), 1
        )
        # the database keeps it that way
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.UniqueViolation),
        ):
            with self.env.cr.savepoint():
                self.Credit.create(
                    {
                        "membership_id": membership.id,
                        "type": "grant",
                        "amount": 10,
                        "valid_from": date(2026, 11, 1),
                        "valid_to": date(2026, 11, 30),
                    }
                )

    def test_booking_takes_credits_and_costs_nothing(self):
        membership = self.make_membership(self.alice, self.plan_credits)
        booking = self.book_for(self.alice, self.thursday(9), self.thursday(11))
        self.assertEqual(booking.state, "confirmed", "members never pay online")
        self.assertFalse(booking.sale_order_id)
        self.assertEqual(booking.membership_id, membership)
        self.assertEqual(booking.credit_hours, 2.0)
        self.assertEqual(booking.price, 0.0)
        self.assertEqual(membership.credit_balance, 8.0)
        self.assertEqual(self.ledger(membership), [("consume", -2.0), ("grant", 10.0)])

    def test_seats_of_a_hot_desk_zone_take_seat_hours(self):
        membership = self.make_membership(self.alice, self.plan_credits)
        booking = self.book_for(
            self.alice,
            self.thursday(9),
            self.thursday(12),
            target=self.hot_desk,
            seats=2,
        )
        self.assertEqual(booking.credit_hours, 6.0)
        self.assertEqual(membership.credit_balance, 4.0)

    def test_beyond_the_credits_the_plan_bills_the_difference(self):
        membership = self.make_membership(self.alice, self.plan_credits)
        self.book_for(self.alice, self.thursday(7), self.thursday(15))  # 8 h
        # 4 hours needed, 2 left: half of the member price is billed
        booking = self.book_for(
            self.alice, self.day(2026, 11, 27, 7), self.day(2026, 11, 27, 11)
        )
        self.assertEqual(booking.credit_hours, 2.0)
        full = 80.0 * 0.9  # half-day rate at the member pricelist
        self.assertAlmostEqual(booking.price, full / 2)
        self.assertEqual(booking.state, "confirmed")
        self.assertEqual(membership.credit_balance, 0.0)

    def test_a_plan_can_refuse_bookings_beyond_the_credits(self):
        membership = self.make_membership(self.alice, self.plan_strict)
        self.book_for(self.alice, self.thursday(9), self.thursday(12))
        before = self.Booking.search_count([])
        with self.assertRaises(BookingRefused) as refusal:
            self.book_for(
                self.alice, self.day(2026, 11, 27, 9), self.day(2026, 11, 27, 11)
            )
        self.assertEqual(
            [code for code, _m in refusal.exception.reasons], ["no_credits"]
        )
        self.assertIn("needs 2.0 h and 1.0 h are left", str(refusal.exception))
        self.assertEqual(self.Booking.search_count([]), before, "nothing booked")
        self.assertEqual(membership.credit_balance, 1.0)
        # one hour still fits
        self.book_for(self.alice, self.day(2026, 11, 27, 9), self.day(2026, 11, 27, 10))
        self.assertEqual(membership.credit_balance, 0.0)

    def test_cancel_in_time_refunds_late_does_not(self):
        membership = self.make_membership(self.alice, self.plan_credits)
        early = self.book_for(self.alice, self.thursday(9), self.thursday(11))
        late = self.book_for(self.alice, self.thursday(13), self.thursday(15))
        self.assertEqual(membership.credit_balance, 6.0)
        early._action_cancel_with_policy("plans changed")
        self.assertEqual(membership.credit_balance, 8.0, "cancelled 2 days before")
        self.assertEqual(early.credit_hours, 0.0)
        with freeze_time("2026-11-26 12:00:00"):
            late._action_cancel_with_policy("too late")
        membership.invalidate_recordset()
        self.assertEqual(late.credit_hours, 2.0, "a late cancellation keeps its hours")
        with freeze_time("2026-11-26 12:00:00"):
            self.assertEqual(membership.credit_balance, 8.0)

    def test_staff_who_waive_the_fee_refund_the_hours(self):
        membership = self.make_membership(self.alice, self.plan_credits)
        booking = self.book_for(self.alice, self.thursday(9), self.thursday(11))
        with freeze_time("2026-11-26 08:30:00"):
            wizard = (
                self.env["coworking.booking.cancel"]
                .with_context(default_booking_ids=booking.ids)
                .create({"apply_fee": False, "reason": "goodwill"})
            )
            wizard.action_cancel()
            self.assertEqual(booking.state, "cancelled")
            self.assertEqual(membership.credit_balance, 10.0)

    def test_unused_hours_expire_at_the_end_of_the_period(self):
        membership = self.make_membership(self.alice, self.plan_credits)
        self.book_for(self.alice, self.thursday(9), self.thursday(12))
        with freeze_time("2026-12-01 06:00:00"):
            self.Membership._cron_grant_and_expire_credits()
            self.Membership._cron_grant_and_expire_credits()
            november = membership.credit_ids.filtered(
                lambda line: line.valid_from == date(2026, 11, 1)
            )
            self.assertEqual(november.remaining, 0.0)
            self.assertEqual(
                self.ledger(membership, ("expire",)), [("expire", -7.0)], "once"
            )
            membership.invalidate_recordset()
            self.assertEqual(membership.credit_balance, 10.0, "December's hours")
        self.assertAlmostEqual(sum(membership.credit_ids.mapped("amount")), 10.0)

    def test_unused_hours_roll_over_once(self):
        membership = self.make_membership(self.alice, self.plan_unlimited)
        with freeze_time("2026-12-01 06:00:00"):
            self.Membership._cron_grant_and_expire_credits()
            rollover = membership.credit_ids.filtered(
                lambda line: line.type == "rollover"
            )
            self.assertEqual(rollover.amount, 2.0)
            self.assertEqual(rollover.space_kind_id, self.kind_room)
            self.assertEqual(
                (rollover.valid_from, rollover.valid_to),
                (date(2026, 12, 1), date(2026, 12, 31)),
            )
            membership.invalidate_recordset()
            self.assertEqual(membership.credit_balance, 4.0)
        with freeze_time("2027-01-01 06:00:00"):
            self.Membership._cron_grant_and_expire_credits()
            january = membership.credit_ids.filtered(
                lambda line: line.type == "rollover" and line.valid_from.year == 2027
            )
            self.assertEqual(
                january.mapped("amount"),
                [2.0],
                "December's grant rolls over, not the hours rolled into December",
            )

    def test_period_boundary_is_the_local_midnight(self):
        """Around midnight in Paris, 30 November and 1 December are two
        periods whatever the UTC date says."""
        calendar = self.env["resource.calendar"].create(
            {
                "name": "Always open",
                "tz": "Europe/Paris",
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"Day {day} {period}",
                            "dayofweek": str(day),
                            "hour_from": hour_from,
                            "hour_to": hour_to,
                            "day_period": period,
                        }
                    )
                    for day in range(7)
                    for period, hour_from, hour_to in (
                        ("morning", 0, 12),
                        ("afternoon", 12, 24),
                    )
                ],
            }
        )
        location = self.env["coworking.location"].create(
            {
                "name": "Night Hub",
                "tz": "Europe/Paris",
                "resource_calendar_id": calendar.id,
            }
        )
        room = self.env["coworking.space"].create(
            {
                "name": "Night Room",
                "location_id": location.id,
                "kind": "meeting_room",
                "capacity": 4,
                "booking_max_minutes": 720,
                "rate_product_ids": [Command.set(self.rate_hour.ids)],
            }
        )
        membership = self.make_membership(self.alice, self.plan_strict)
        # 22:00-23:00 on 30 November in Paris = 21:00-22:00 UTC: November
        last = self.book_for(
            self.alice,
            self.day(2026, 11, 30, 21),
            self.day(2026, 11, 30, 22),
            target=room,
        )
        # 00:00-03:00 on 1 December in Paris = 23:00 UTC on 30 November: December
        first = self.book_for(
            self.alice,
            self.day(2026, 11, 30, 23),
            self.day(2026, 12, 1, 2),
            target=room,
        )
        self.assertEqual(last.credit_ids.lot_id.valid_from, date(2026, 11, 1))
        self.assertEqual(first.credit_ids.lot_id.valid_from, date(2026, 12, 1))
        with freeze_time("2026-12-01 08:00:00"):
            membership.invalidate_recordset()
            self.assertEqual(membership.credit_balance, 1.0, "4 - 3 in December")
        # November's 3 hours left are for November's bookings only: 03:00-05:00
        # on 1 December needs 2 hours and December has 1 left
        with self.assertRaises(BookingRefused) as refusal:
            self.book_for(
                self.alice,
                self.day(2026, 12, 1, 2),
                self.day(2026, 12, 1, 4),
                target=room,
            )
        self.assertEqual(
            [code for code, _m in refusal.exception.reasons], ["no_credits"]
        )

    def test_a_moved_booking_moves_its_credits(self):
        membership = self.make_membership(self.alice, self.plan_credits)
        booking = self.book_for(self.alice, self.thursday(9), self.thursday(11))
        booking.with_context(coworking_booking_staff=False)._action_reschedule(
            self.day(2026, 12, 2, 9), self.day(2026, 12, 2, 12)
        )
        self.assertEqual(booking.credit_hours, 3.0)
        draws = booking.credit_ids.filtered(lambda line: line.type == "consume")
        last = draws.sorted("id")[-1]
        self.assertEqual(last.lot_id.valid_from, date(2026, 12, 1))
        self.assertEqual(membership.credit_balance, 10.0, "November's hours came back")

    def test_hours_of_a_kind_go_first(self):
        membership = self.make_membership(self.alice, self.plan_unlimited)
        booking = self.book_for(self.alice, self.thursday(9), self.thursday(10))
        self.assertEqual(booking.credit_ids.lot_id.space_kind_id, self.kind_room)
        desk = self.book_for(
            self.alice, self.thursday(9), self.thursday(17), target=self.hot_desk
        )
        self.assertEqual((desk.price, desk.credit_hours), (0.0, 0.0), "included")
        self.assertEqual(membership.credit_balance, 1.0)

    def test_kinds_at_the_member_price(self):
        office = self.env["coworking.space"].create(
            {
                "name": "Test Office",
                "location_id": self.location.id,
                "kind": "private_office",
                "capacity": 4,
                "rate_product_ids": [Command.set(self.rate_day.ids)],
            }
        )
        membership = self.make_membership(self.alice, self.plan_credits)
        booking = self.book_for(
            self.alice, self.thursday(7), self.thursday(15), target=office
        )
        self.assertEqual(booking.state, "confirmed")
        self.assertFalse(booking.sale_order_id, "billed with the membership")
        self.assertAlmostEqual(booking.price, 140.0 * 0.9)
        self.assertEqual(booking.credit_hours, 0.0)
        self.assertEqual(membership.credit_balance, 10.0)

    def test_packs_bought_add_hours(self):
        membership = self.make_membership(self.alice, self.plan_payg)
        self.assertFalse(membership.subscription_id, "no fee")
        with self.assertRaises(BookingRefused):
            self.book_for(self.alice, self.thursday(9), self.thursday(10))
        order = self.env["sale.order"].create(
            {
                "partner_id": self.alice.id,
                "order_line": [Command.create({"product_id": self.pack.id})],
            }
        )
        order.action_confirm()
        lot = membership.credit_ids.filtered(lambda line: line.type == "pack")
        self.assertEqual(lot.amount, 10.0)
        self.assertEqual(
            (lot.valid_from, lot.valid_to), (date(2026, 11, 24), date(2027, 2, 21))
        )
        self.assertEqual(lot.sale_line_id, order.order_line)
        order._grant_coworking_packs()
        self.assertEqual(
            len(membership.credit_ids.filtered(lambda line: line.type == "pack")), 1
        )
        booking = self.book_for(self.alice, self.thursday(9), self.thursday(12))
        self.assertEqual(booking.credit_hours, 3.0)
        self.assertEqual(membership.credit_balance, 7.0)

    def test_a_cancelled_pack_order_takes_its_hours_back(self):
        membership = self.make_membership(self.alice, self.plan_payg)
        order = self.env["sale.order"].create(
            {
                "partner_id": self.alice.id,
                "order_line": [Command.create({"product_id": self.pack.id})],
            }
        )
        order.action_confirm()
        booking = self.book_for(self.alice, self.thursday(9), self.thursday(12))
        self.assertEqual(booking.credit_hours, 3.0)
        self.assertEqual(membership.credit_balance, 7.0)
        order._action_cancel()
        membership.invalidate_recordset()
        self.assertEqual(membership.credit_balance, 0.0, "the 7 h left go back")
        withdrawal = membership.credit_ids.filtered(lambda c: c.type == "expire")
        self.assertEqual(withdrawal.amount, -7.0)
        self.assertIn(order.name, withdrawal.note)
        activity = membership.activity_ids
        self.assertEqual(len(activity), 1, "the 3 h used are put to a person")
        self.assertIn("3.0 h", activity.note)
        with self.assertRaises(BookingRefused):
            self.book_for(self.alice, self.thursday(13), self.thursday(14))
        # cancelled twice, taken back once
        order._withdraw_coworking_packs()
        self.assertEqual(
            len(membership.credit_ids.filtered(lambda c: c.type == "expire")), 1
        )

    def test_guest_passes(self):
        membership = self.make_membership(self.alice, self.plan_unlimited)
        self.assertEqual(membership.guest_passes_left, 2)
        membership.action_use_guest_pass()
        membership.action_use_guest_pass()
        membership.invalidate_recordset()
        self.assertEqual(membership.guest_passes_left, 0)
        with self.assertRaisesRegex(UserError, "No guest pass"):
            membership.action_use_guest_pass()

    def test_the_balance_is_the_sum_of_the_ledger(self):
        membership = self.make_membership(self.alice, self.plan_credits)
        booking = self.book_for(self.alice, self.thursday(9), self.thursday(11))
        self.book_for(self.alice, self.thursday(13), self.thursday(14))
        booking._action_cancel_with_policy()
        hours = membership.credit_ids.filtered(lambda line: line.unit == "hours")
        self.assertAlmostEqual(membership.credit_balance, sum(hours.mapped("amount")))
        self.assertEqual(membership.credit_balance, 9.0)
        self.assertEqual(
            self.ledger(membership),
            [("consume", -2.0), ("consume", -1.0), ("grant", 10.0), ("refund", 2.0)],
        )

    def test_the_database_refuses_an_overdraft(self):
        membership = self.make_membership(self.alice, self.plan_credits)
        lot = membership.credit_ids
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.CheckViolation),
        ):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "INSERT INTO coworking_membership_credit (membership_id,"
                    " company_id, date, type, unit, amount, lot_id)"
                    " VALUES (%s, %s, now(), 'consume', 'hours', -10.5, %s)",
                    (membership.id, membership.company_id.id, lot.id),
                )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.CheckViolation),
        ):
            with self.env.cr.savepoint():
                self.Credit.create(
                    {
                        "membership_id": membership.id,
                        "type": "consume",
                        "amount": 2,
                        "lot_id": lot.id,
                    }
                )

    def test_no_membership_after_its_end(self):
        membership = self.make_membership(
            self.alice, self.plan_credits, date_end=date(2026, 11, 30), auto_renew=False
        )
        booking = self.book_for(
            self.alice, self.day(2026, 12, 2, 9), self.day(2026, 12, 2, 10)
        )
        self.assertFalse(booking.membership_id, "not covered after the end")
        self.assertFalse(booking.credit_ids)
        self.assertEqual(membership.credit_balance, 10.0)
