# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime, timedelta

from odoo import Command

from odoo.addons.coworking_booking.tests.common import NOW, TUESDAY, BookingCommon

# The clock of the tests: Tuesday 24 November 2026, 08:00 UTC (09:00 in
# Paris). Memberships start on 1 November: periods are calendar months.
START = date(2026, 11, 1)

__all__ = ["NOW", "START", "TUESDAY", "MembershipCommon"]


class MembershipCommon(BookingCommon):
    """Plans on top of the booking fixtures (Test Room 25/h with half-day and
    day rates, the per-seat Test Open Space at 4/h, a projector):

    - ``plan_credits``: 5 a month, 10 shared credit hours for meeting rooms
      and hot desks, private offices at the member price, 10% off, overage
      paid;
    - ``plan_strict``: 4 credit hours for meeting rooms, refuses overage;
    - ``plan_unlimited``: hot desks included, 2 hours of meeting rooms of
      their own, 2 guest passes, unused hours roll over;
    - ``plan_payg``: no fee, packs of 10 hours, meeting rooms with credits,
      refuses overage.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Kind = cls.env["coworking.space.kind"]
        cls.kind_room = Kind._for_code("meeting_room")
        cls.kind_desk = Kind._for_code("hot_desk")
        cls.kind_office = Kind._for_code("private_office")
        cls.template = cls.env["sale.subscription.template"].create(
            {
                "name": "Test monthly",
                "recurring_interval": 1,
                "recurring_rule_type": "months",
                "invoicing_mode": "invoice",
            }
        )
        Product = cls.env["product.product"]

        def fee(name, price):
            return Product.create(
                {
                    "name": name,
                    "type": "service",
                    "list_price": price,
                    "subscribable": True,
                    "subscription_template_id": cls.template.id,
                    "taxes_id": [Command.clear()],
                }
            )

        cls.fee_credits = fee("Test fee: credits", 5.0)
        cls.fee_strict = fee("Test fee: strict", 3.0)
        cls.fee_unlimited = fee("Test fee: unlimited", 20.0)
        cls.pack = Product.create(
            {
                "name": "Test pack of 10 hours",
                "type": "service",
                "list_price": 10.0,
                "coworking_pack_hours": 10,
                "coworking_pack_validity_days": 90,
                "taxes_id": [Command.clear()],
            }
        )
        cls.members_pricelist = cls.env["product.pricelist"].create(
            {
                "name": "Test members -10%",
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 10,
                        }
                    )
                ],
            }
        )
        Plan = cls.env["coworking.membership.plan"]

        def lines(*specs):
            return [
                Command.create({"kind_id": kind.id, "mode": mode, "hours": hours})
                for kind, mode, hours in specs
            ]

        cls.plan_credits = Plan.create(
            {
                "name": "Test Credits",
                "code": "TCR",
                "product_id": cls.fee_credits.id,
                "pricelist_id": cls.members_pricelist.id,
                "credit_hours": 10,
                "overage": "pay",
                "booking_horizon_days": 30,
                "pack_product_ids": [Command.set(cls.pack.ids)],
                "line_ids": lines(
                    (cls.kind_room, "credits", 0),
                    (cls.kind_desk, "credits", 0),
                    (cls.kind_office, "paid", 0),
                ),
            }
        )
        cls.plan_strict = Plan.create(
            {
                "name": "Test Strict",
                "code": "TST",
                "product_id": cls.fee_strict.id,
                "credit_hours": 4,
                "overage": "refuse",
                "line_ids": lines((cls.kind_room, "credits", 0)),
            }
        )
        cls.plan_unlimited = Plan.create(
            {
                "name": "Test Unlimited",
                "code": "TUN",
                "product_id": cls.fee_unlimited.id,
                "guest_passes": 2,
                "rollover": True,
                "line_ids": lines(
                    (cls.kind_desk, "included", 0),
                    (cls.kind_room, "credits", 2),
                ),
            }
        )
        cls.plan_payg = Plan.create(
            {
                "name": "Test PAYG",
                "code": "TPG",
                "billing": "packs",
                "overage": "refuse",
                "pack_product_ids": [Command.set(cls.pack.ids)],
                "line_ids": lines((cls.kind_room, "credits", 0)),
            }
        )
        cls.Membership = cls.env["coworking.membership"]
        cls.Credit = cls.env["coworking.membership.credit"]
        cls.alice = cls.env["res.partner"].create(
            {"name": "Alice Member", "email": "alice@example.com"}
        )
        cls.bob = cls.env["res.partner"].create(
            {"name": "Bob Member", "email": "bob@example.com"}
        )

    @classmethod
    def make_membership(cls, partner, plan, start=START, activate=True, **values):
        membership = cls.Membership.create(
            {
                "partner_id": partner.id,
                "plan_id": plan.id,
                "date_start": start,
                **values,
            }
        )
        if activate:
            membership.action_activate()
        return membership

    def book_for(self, partner, start, stop, target=None, seats=1, **kwargs):
        """Book as the website, the portal and the API do (naive UTC)."""
        return self.Booking.with_context(coworking_booking_staff=False)._book(
            target or self.room, start, stop, partner, seats=seats, **kwargs
        )

    @staticmethod
    def day(year, month, day, hour, minute=0):
        return datetime(year, month, day, hour, minute)

    def ledger(self, membership, types=None):
        lines = membership.credit_ids
        if types:
            lines = lines.filtered(lambda line: line.type in types)
        return sorted(lines.mapped(lambda line: (line.type, line.amount)))

    def period_end(self, membership):
        return membership.period_end + timedelta(days=1)
