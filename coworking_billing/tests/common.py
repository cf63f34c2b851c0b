# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command

from odoo.addons.coworking_membership.tests.common import MembershipCommon

# November 2026 is billed on 1 December.
NOVEMBER = date(2026, 11, 1)
BILLING_DAY = "2026-12-01 03:00:00"


class BillingCommon(MembershipCommon):
    """A month of November with mixed members, billed on 1 December:

    - Alice, plan Credits (5 a month) since 1 November: a booking beyond her
      credits (36.00) and an office booking cancelled late (fee 63.00);
    - Bob, plan Credits from 16 November: half the fee (2.50);
    - Carol, plan Strict (3 a month) since October, cancelled on 10 November:
      a third of the fee (1.00);
    - Team Co, plan Unlimited (20 a month) for Dave and Erin (40.00), with
      120 pages printed by Dave (12.00) and Erin's registration to a workshop
      charged to the membership (30.00);
    - a guest's coffee recorded at the front desk (2.50);
    - Frank, pay as you go with nothing used: no invoice.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._clear_demo_billing()
        Partner = cls.env["res.partner"]
        cls.carol = Partner.create(
            {"name": "Carol Member", "email": "carol@example.com"}
        )
        cls.dave = Partner.create({"name": "Dave Member", "email": "dave@example.com"})
        cls.erin = Partner.create({"name": "Erin Member", "email": "erin@example.com"})
        cls.frank = Partner.create(
            {"name": "Frank Member", "email": "frank@example.com"}
        )
        cls.team = Partner.create(
            {"name": "Team Co", "is_company": True, "email": "team@example.com"}
        )
        Product = cls.env["product.product"]
        cls.printing = Product.create(
            {
                "name": "Printing (page)",
                "type": "service",
                "list_price": 0.10,
                "taxes_id": [Command.clear()],
            }
        )
        cls.coffee = Product.create(
            {
                "name": "Coffee",
                "type": "service",
                "list_price": 2.50,
                "taxes_id": [Command.clear()],
            }
        )
        cls.office = cls.env["coworking.space"].create(
            {
                "name": "Test Office",
                "location_id": cls.location.id,
                "kind": "private_office",
                "capacity": 4,
                "rate_product_ids": [Command.set(cls.rate_day.ids)],
            }
        )
        cls.env.ref("coworking_booking.product_cancellation_fee").taxes_id = [
            Command.clear()
        ]
        cls.event = cls.env["event.event"].create(
            {
                "name": "Test Workshop",
                "date_begin": datetime(2026, 11, 26, 17),
                "date_end": datetime(2026, 11, 26, 19),
                "date_tz": "Europe/Paris",
            }
        )
        event_product = cls.env.ref("event_product.product_product_event")
        event_product.taxes_id = [Command.clear()]
        cls.ticket = cls.env["event.event.ticket"].create(
            {
                "name": "Standard",
                "event_id": cls.event.id,
                "product_id": event_product.id,
                "price": 30.0,
            }
        )
        cls.Run = cls.env["coworking.billing.run"]

    @classmethod
    def _clear_demo_billing(cls):
        """Start from a clean slate, whatever the day the database was
        installed: the demo data bills its last month at install, and when
        that month is the tests' November its done run would leave them
        nothing to bill. The demo's runs go; their invoices stay, detached,
        so that the demo's customers stay billed for their month and out of
        the tests' runs; the usage the demo left to invoice is cancelled."""
        cls.env["coworking.billing.run"].search([]).unlink()
        cls.env["coworking.usage"].search(
            [("state", "=", "to_invoice")]
        ).action_cancel()

    @classmethod
    def make_month(cls):
        """The month of November, as the members lived it."""
        with freeze_time("2026-11-24 08:00:00"):
            cls.m_alice = cls.make_membership(cls.alice, cls.plan_credits)
            cls.m_bob = cls.make_membership(
                cls.bob, cls.plan_credits, start=date(2026, 11, 16)
            )
            cls.m_carol = cls.make_membership(
                cls.carol, cls.plan_strict, start=date(2026, 10, 1)
            )
            cls.m_team = cls.make_membership(
                cls.team,
                cls.plan_unlimited,
                activate=False,
                member_line_ids=[
                    Command.create({"partner_id": cls.dave.id}),
                    Command.create({"partner_id": cls.erin.id}),
                ],
            )
            cls.m_team.action_activate()
            cls.m_frank = cls.make_membership(cls.frank, cls.plan_payg)
            Booking = cls.env["coworking.booking"].with_context(
                coworking_booking_staff=False
            )
            # 8 hours on credits, then 4 hours with 2 left: 36.00 beyond them
            Booking._book(
                cls.room,
                datetime(2026, 11, 26, 7),
                datetime(2026, 11, 26, 15),
                cls.alice,
            )
            cls.overage = Booking._book(
                cls.room,
                datetime(2026, 11, 27, 7),
                datetime(2026, 11, 27, 11),
                cls.alice,
            )
            cls.office_booking = Booking._book(
                cls.office,
                datetime(2026, 11, 25, 8),
                datetime(2026, 11, 25, 16),
                cls.alice,
            )
        with freeze_time("2026-11-25 07:00:00"):
            cls.office_booking._action_cancel_with_policy("too late")  # 50% of 126
        with freeze_time("2026-11-10 12:00:00"):
            cls.m_carol.action_cancel()
        Usage = cls.env["coworking.usage"]
        cls.print_usage = Usage.create(
            {
                "partner_id": cls.dave.id,
                "product_id": cls.printing.id,
                "quantity": 120,
                "date": date(2026, 11, 20),
                "location_id": cls.location.id,
            }
        )
        cls.coffee_usage = Usage.create(
            {
                "partner_id": cls.guest.id,
                "product_id": cls.coffee.id,
                "date": date(2026, 11, 21),
            }
        )
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.erin.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.ticket.product_id.id,
                            "event_id": cls.event.id,
                            "event_ticket_id": cls.ticket.id,
                        }
                    )
                ],
            }
        )
        with freeze_time("2026-11-20 10:00:00"):
            cls.order.action_coworking_charge_to_account()

    def parties(self):
        """The parties of the November fixture, by name."""
        return {
            "alice": self.alice,
            "bob": self.bob,
            "carol": self.carol,
            "team": self.team,
            "guest": self.guest,
        }

    def totals(self, period=NOVEMBER):
        """Untaxed total of each party's live invoice for ``period``."""
        return {
            key: sum(self.invoice_of(party, period).mapped("amount_untaxed"))
            for key, party in self.parties().items()
        }

    def run_of(self, period=NOVEMBER, company=None):
        return self.Run.search(
            [
                ("period_start", "=", period),
                ("company_id", "=", (company or self.env.company).id),
            ]
        )

    def run_month(self, at=BILLING_DAY, batch_size=100):
        """Whole passes of the cron over November, until nothing is left."""
        with freeze_time(at):
            while self.Run._cron_monthly_billing(batch_size=batch_size):
                pass
        return self.run_of()

    def invoice_of(self, party, period=NOVEMBER):
        return self.env["account.move"].search(
            [
                ("coworking_billing_partner_id", "=", party.id),
                ("coworking_period_start", "=", period),
                ("state", "!=", "cancel"),
            ]
        )

    def lines(self, invoice):
        """``[(section, name start, quantity, unit price)]`` of an invoice."""
        result, section = [], None
        for line in invoice.invoice_line_ids.sorted("sequence"):
            if line.display_type == "line_section":
                section = line.name
                continue
            result.append((section, line.quantity, round(line.price_unit, 2)))
        return result
