# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The list of spaces is kept in the registry's cache: it must show any
change of a space, a location, an amenity or a price at once."""

from datetime import timedelta

from odoo import Command
from odoo.tests import tagged

from .api_common import ApiCommon


@tagged("post_install", "-at_install")
class TestApiCatalogue(ApiCommon):
    def _room(self, key=None):
        response = self.call("GET", "/spaces", key)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertSchema(response.json(), "SpaceList")
        rooms = [s for s in response.json()["spaces"] if s["id"] == self.room.id]
        return rooms[0] if rooms else None

    def _hourly(self, room):
        return next(rate["price"] for rate in room["rates"] if rate["hours"] == 1)

    def test_the_list_follows_every_change_at_once(self):
        room = self._room()
        self.assertEqual(self._hourly(room), 25.0)
        # the same answer again, from the cache
        self.assertEqual(self._room(), room)
        self.room.name = "Renamed Room"
        self.assertEqual(self._room()["name"], "Renamed Room")
        self.location.name = "Renamed Location"
        self.assertEqual(self._room()["location"]["name"], "Renamed Location")
        amenity = self.env["coworking.amenity"].create({"name": "Espresso"})
        self.room.amenity_ids = [Command.link(amenity.id)]
        self.assertIn("Espresso", self._room()["amenities"])
        amenity.name = "Ristretto"
        self.assertIn("Ristretto", self._room()["amenities"])
        self.rate_hour.list_price = 30.0
        self.assertEqual(self._hourly(self._room()), 30.0)
        self.rate_hour.product_tmpl_id.list_price = 32.0
        self.assertEqual(self._hourly(self._room()), 32.0)
        self.room.is_published = False
        self.assertIsNone(self._room())

    def test_a_pricelist_rule_changes_the_rates_at_once(self):
        pricelist = self.env["product.pricelist"].create(
            {"name": "Partner Deal", "company_id": self.room.company_id.id}
        )
        self.user_guest.partner_id.property_product_pricelist = pricelist
        room = self._room(self.key_guest)
        self.assertEqual(self._hourly(room), 25.0)
        item = self.env["product.pricelist.item"].create(
            {
                "pricelist_id": pricelist.id,
                "applied_on": "0_product_variant",
                "product_id": self.rate_hour.id,
                "compute_price": "fixed",
                "fixed_price": 20.0,
            }
        )
        self.assertEqual(self._hourly(self._room(self.key_guest)), 20.0)
        item.fixed_price = 18.0
        self.assertEqual(self._hourly(self._room(self.key_guest)), 18.0)
        item.unlink()
        self.assertEqual(self._hourly(self._room(self.key_guest)), 25.0)
        # another visitor never sees the partner's prices
        self.assertEqual(self._hourly(self._room()), 25.0)

    def test_a_rule_with_dates_prices_only_its_bookings(self):
        Booking = self.env["coworking.booking"]
        pricelist = self.env["product.pricelist"].create(
            {"name": "Winter Deal", "company_id": self.room.company_id.id}
        )

        def price(start):
            return Booking._compute_price_lines(
                self.room,
                start,
                start + timedelta(hours=1),
                pricelist=pricelist,
            )[1]

        self.assertEqual(price(self.at(10)), 25.0)
        self.env["product.pricelist.item"].create(
            {
                "pricelist_id": pricelist.id,
                "applied_on": "0_product_variant",
                "product_id": self.rate_hour.id,
                "compute_price": "fixed",
                "fixed_price": 15.0,
                "date_start": self.at(12),
            }
        )
        # the rates computed before the rule starts keep the list price
        self.assertEqual(price(self.at(10)), 25.0)
        self.assertEqual(price(self.at(14)), 15.0)
