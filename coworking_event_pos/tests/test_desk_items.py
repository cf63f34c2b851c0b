# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..tools import bounds
from .common import DeskCommon


@tagged("post_install", "-at_install")
class TestDeskItems(DeskCommon):
    """A desk sells its event's tickets, paid workshops included while they
    are to come, and its own items; nothing of other events."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lab = cls.env["event.track.location"].create({"name": "Items Lab"})
        cls.workshop = cls.env["event.track"].create(
            {
                "name": "Items Workshop",
                "event_id": cls.event.id,
                "location_id": cls.lab.id,
                "coworking_kind": "workshop",
                "coworking_ticket_ids": [Command.link(cls.workshop_ticket.id)],
                "date": fields.Datetime.now() + timedelta(hours=2),
                "duration": 1.5,
            }
        )
        cls.other_event = cls.env["event.event"].create(
            {
                "name": "Items Other Fair",
                "date_begin": fields.Datetime.now(),
                "date_end": fields.Datetime.now() + timedelta(days=1),
            }
        )
        cls.other_ticket = cls.env["event.event.ticket"].create(
            {
                "name": "Other Pass",
                "event_id": cls.other_event.id,
                "product_id": cls.ticket_product.id,
            }
        )
        cls.goodies = cls.env["product.product"].create(
            {"name": "Items Goodies", "available_in_pos": True, "list_price": 5}
        )
        cls.desk_a.coworking_item_ids = cls.dinner

    def _tickets_loaded(self, desk):
        data = {
            "pos.config": {"data": [{"id": desk.id, "company_id": desk.company_id.id}]},
            "product.product": {"data": [{"id": self.ticket_product.id}]},
        }
        Ticket = self.env["event.event.ticket"]
        return Ticket.search(Ticket._load_pos_data_domain(data))

    def test_a_desk_sells_its_event_tickets_only(self):
        tickets = self._tickets_loaded(self.desk_a)
        self.assertIn(self.workshop_ticket, tickets)
        self.assertIn(self.pass_ticket, tickets)
        self.assertNotIn(self.other_ticket, tickets)

    def test_a_cancelled_workshop_is_no_longer_sold(self):
        self.assertIn("Items Workshop", self.workshop_ticket.coworking_workshop_label)
        self.assertIn("Items Lab", self.workshop_ticket.coworking_workshop_label)
        self.workshop.action_coworking_cancel()
        self.assertNotIn(self.workshop_ticket, self._tickets_loaded(self.desk_a))
        self.assertFalse(self.workshop_ticket.coworking_workshop_label)

    def test_a_desk_sells_its_items_and_its_tickets_products(self):
        Product = self.env["product.product"]
        products = Product.search(self.desk_a._get_available_product_domain())
        self.assertIn(self.dinner, products)
        self.assertIn(self.ticket_product, products)
        self.assertNotIn(self.goodies, products)
        # a desk without items sells every item of the Point of Sale
        self.desk_b.coworking_item_ids = False
        self.assertIn(
            self.goodies,
            Product.search(self.desk_b._get_available_product_domain()),
        )

    def test_a_desk_sells_a_bounded_number_of_items(self):
        products = self.env["product.product"].create(
            [
                {"name": f"Bulk item {index}", "available_in_pos": True}
                for index in range(bounds.MAX_DESK_ITEMS + 1)
            ]
        )
        with self.assertRaises(ValidationError):
            self.desk_a.coworking_item_ids = products

    def test_only_point_of_sale_users_operate_a_desk(self):
        stranger = self.env["res.users"].create(
            {
                "name": "Items Stranger",
                "login": "items_stranger",
                "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        with self.assertRaises(ValidationError):
            self.desk_a.coworking_operator_ids = [Command.link(stranger.id)]

    def test_a_cashier_lands_on_their_desk(self):
        action = (
            self.env["pos.config"]
            .with_user(self.cashier_a)
            .action_coworking_open_my_desk()
        )
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(f"config_id={self.desk_a.id}", action["url"])
        # a cashier of two desks chooses among them, and only them
        self.desk_b.coworking_operator_ids |= self.cashier_a
        action = (
            self.env["pos.config"]
            .with_user(self.cashier_a)
            .action_coworking_open_my_desk()
        )
        self.assertEqual(action["res_model"], "pos.config")
        self.assertEqual(
            sorted(action["domain"][0][2]), sorted((self.desk_a | self.desk_b).ids)
        )
