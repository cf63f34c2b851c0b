# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.coworking_base.tests.common import EVERY_DAY, create_calendar


@tagged("post_install", "-at_install")
class TestAssistantPortal(HttpCase):
    """The chat box of the portal: the page, its JSON route (bounded), and a
    member booking through it in a browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        hour = cls.env.ref("uom.product_uom_hour")
        rate = cls.env["product.product"].create(
            {
                "name": "Tour room (hour)",
                "type": "service",
                "list_price": 20.0,
                "uom_id": hour.id,
                "uom_po_id": hour.id,
                "coworking_rate_hours": 1,
                "taxes_id": [Command.clear()],
            }
        )
        location = cls.env["coworking.location"].create(
            {
                "name": "Tour Place",
                "tz": "Europe/Paris",
                "resource_calendar_id": create_calendar(
                    cls.env, "Tour hours", "Europe/Paris", days=EVERY_DAY
                ).id,
            }
        )
        cls.space = cls.env["coworking.space"].create(
            {
                "name": "Tour Room",
                "location_id": location.id,
                "capacity": 6,
                "rate_product_ids": [Command.set(rate.ids)],
            }
        )
        cls.member = new_test_user(
            cls.env,
            "cw_assistant_portal",
            groups="base.group_portal",
            name="Tour Member",
            tz="Europe/Paris",
            email="tour.member@example.com",
        )

    def test_the_page_and_its_route(self):
        self.authenticate("cw_assistant_portal", "cw_assistant_portal")
        page = self.url_open("/my/assistant")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_coworking_assistant_log", page.text)
        self.assertIn("I am the coworking assistant", page.text, "it says hello")
        result = self.make_jsonrpc_request("/my/assistant/message", {"message": "help"})
        self.assertIn("front desk", result["answer"])
        result = self.make_jsonrpc_request(
            "/my/assistant/message", {"message": "x" * 501}
        )
        self.assertIn("500 characters", result["error"])
        result = self.make_jsonrpc_request("/my/assistant/message", {"message": 42})
        self.assertIn("Write a message", result["error"])
        channel = self.env["coworking.ai.assistant"]._chat_channel(self.member)
        self.assertNotIn("x" * 501, "".join(channel.message_ids.mapped("body")))
        home = self.url_open("/my")
        self.assertIn('href="/my/assistant"', home.text)

    def test_visitors_are_sent_to_log_in(self):
        page = self.url_open("/my/assistant", allow_redirects=False)
        self.assertIn(page.status_code, (302, 303))
        self.assertIn("/web/login", page.headers["Location"])

    def test_a_member_books_through_the_chat_box(self):
        self.start_tour(
            "/my/assistant", "coworking_ai_assistant_tour", login="cw_assistant_portal"
        )
        booking = self.env["coworking.booking"].search(
            [("partner_id", "=", self.member.partner_id.id)]
        )
        self.assertEqual(booking.space_id, self.space)
        self.assertIn(booking.state, ("held", "confirmed"))
