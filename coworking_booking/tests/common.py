# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from odoo import Command

from odoo.addons.coworking_base.tests.common import CoworkingCommon

# Tuesday 1 December 2026, Paris is at UTC+1: 09:00 UTC is 10:00 local.
NOW = datetime(2026, 11, 24, 8, 0)
TUESDAY = datetime(2026, 12, 1)


class BookingCommon(CoworkingCommon):
    """Rooms and rates on top of the coworking_base fixtures; the clock of
    the tests is frozen at ``NOW`` by the test classes that need it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Product = cls.env["product.product"]
        hour = cls.env.ref("uom.product_uom_hour")
        cls.rate_hour = Product.create(
            {
                "name": "Room (hour)",
                "type": "service",
                "list_price": 25.0,
                "uom_id": hour.id,
                "uom_po_id": hour.id,
                "coworking_rate_hours": 1,
                "taxes_id": [Command.clear()],
            }
        )
        cls.rate_half_day = Product.create(
            {
                "name": "Room (half-day)",
                "type": "service",
                "list_price": 80.0,
                "coworking_rate_hours": 4,
                "taxes_id": [Command.clear()],
            }
        )
        cls.rate_day = Product.create(
            {
                "name": "Room (day)",
                "type": "service",
                "list_price": 140.0,
                "coworking_rate_hours": 8,
                "taxes_id": [Command.clear()],
            }
        )
        cls.rate_desk_hour = Product.create(
            {
                "name": "Desk (hour)",
                "type": "service",
                "list_price": 4.0,
                "coworking_rate_hours": 1,
                "taxes_id": [Command.clear()],
            }
        )
        rates = cls.rate_hour | cls.rate_half_day | cls.rate_day
        cls.room.write(
            {
                "rate_product_ids": [Command.set(rates.ids)],
                "booking_buffer_minutes": 15,
                "booking_slot_minutes": 30,
                "booking_max_minutes": 720,
            }
        )
        cls.room_2 = cls.env["coworking.space"].create(
            {
                "name": "Test Room 2",
                "location_id": cls.location.id,
                "kind": "meeting_room",
                "capacity": 8,
                "rate_product_ids": [Command.set(rates.ids)],
            }
        )
        cls.hot_desk.write(
            {
                "capacity": 3,
                "rate_product_ids": [Command.set(cls.rate_desk_hour.ids)],
                "booking_slot_minutes": 60,
                "booking_min_minutes": 60,
            }
        )
        cls.projector = cls.env["coworking.equipment"].create(
            {
                "name": "Test Projector",
                "location_id": cls.location.id,
                "kind": "projector",
                "is_bookable": True,
                "rate_product_ids": [Command.set(cls.rate_hour.ids)],
            }
        )
        cls.guest = cls.env["res.partner"].create(
            {"name": "Test Guest", "email": "guest@example.com"}
        )
        cls.member.email = "member@example.com"
        cls.Booking = cls.env["coworking.booking"]

    @classmethod
    def at(cls, hour, minute=0, day=TUESDAY):
        """A naive UTC datetime on the test Tuesday."""
        return day.replace(hour=hour, minute=minute)

    @classmethod
    def _enable_demo_payment(cls):
        """Put Odoo's demo payment provider in test mode for the company, so
        that quotations show the payment form and can be paid (``_pay``).
        Called by the test classes that need it, not for every class: turning
        the provider on also turns on shared records (Odoo's payment
        post-processing cron, the provider's payment methods)."""
        cls.provider = cls.env.ref("payment.payment_provider_demo")
        cls.provider.write({"state": "test", "company_id": cls.env.company.id})
        cls.payment_method = cls.env.ref("payment_demo.payment_method_demo")

    @classmethod
    def _pay(cls, order):
        """Pay ``order`` in full with the demo provider (enabled by
        ``_enable_demo_payment``), through Odoo's payment flow: the
        transaction is done, then post-processed. This is how the quotation
        of a held booking is paid and the booking confirmed."""
        tx = (
            cls.env["payment.transaction"]
            .sudo()
            .create(
                {
                    "provider_id": cls.provider.id,
                    "payment_method_id": cls.payment_method.id,
                    "amount": order.amount_total,
                    "currency_id": order.currency_id.id,
                    "partner_id": order.partner_id.id,
                    "reference": f"{order.name}-test",
                    "operation": "online_redirect",
                    "sale_order_ids": [Command.set(order.ids)],
                }
            )
        )
        tx._set_done()
        tx._post_process()
        return tx

    def book(self, target=None, start=None, stop=None, partner=None, **values):
        """Create a confirmed booking as the superuser (staff rules)."""
        target = target or self.room
        field = "space_id" if target._name == "coworking.space" else "equipment_id"
        return self.Booking.create(
            {
                field: target.id,
                "partner_id": (partner or self.member).id,
                "start": start or self.at(9),
                "stop": stop or self.at(10),
                "state": "confirmed",
                **values,
            }
        )

    @classmethod
    def _create_foreign_space(cls, name="Other Room", **values):
        """A space of another company ("Other Coworking"), with its own
        location and opening hours in Paris."""
        other = cls.env["res.company"].create({"name": "Other Coworking"})
        calendar = cls._create_calendar("Other hours", "Europe/Paris", other)
        location = cls.env["coworking.location"].create(
            {
                "name": "Other Place",
                "tz": "Europe/Paris",
                "company_id": other.id,
                "resource_calendar_id": calendar.id,
            }
        )
        return cls.env["coworking.space"].create(
            {"name": name, "location_id": location.id, "capacity": 4, **values}
        )
