# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestRpcErrors(HttpCase):
    """What a person filling a form sees when the database refuses the input."""

    def _call_kw(self, model, method, args, kwargs=None):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        }
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_zero_capacity_gives_a_clear_message_and_creates_nothing(self):
        self.authenticate("admin", "admin")
        calendar = self.env["resource.calendar"].create(
            {"name": "Hours", "tz": "Europe/Paris"}
        )
        location = self.env["coworking.location"].create(
            {"name": "RPC", "tz": "Europe/Paris", "resource_calendar_id": calendar.id}
        )
        before = self.env["coworking.space"].search_count([])
        with mute_logger("odoo.sql_db", "odoo.http"):
            result = self._call_kw(
                "coworking.space",
                "create",
                [{"name": "Broken", "location_id": location.id, "capacity": 0}],
            )
        message = result["error"]["data"]["message"]
        self.assertIn("capacity of a space must be at least one person", message)
        self.assertEqual(self.env["coworking.space"].search_count([]), before)

    def test_location_without_timezone_gives_a_clear_message(self):
        self.authenticate("admin", "admin")
        with mute_logger("odoo.http"):
            result = self._call_kw(
                "coworking.location", "create", [{"name": "Nowhere"}]
            )
        self.assertIn("needs a timezone", result["error"]["data"]["message"])
        self.assertFalse(
            self.env["coworking.location"].search([("name", "=", "Nowhere")])
        )
