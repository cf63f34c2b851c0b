# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
from urllib.parse import urlencode

from odoo.tests import HttpCase, new_test_user

from ..tools.openapi import API_PREFIX
from .common import BookingCommon

try:
    import jsonschema
except ImportError:  # tests/requirements.txt installs it
    jsonschema = None


class ApiCommon(HttpCase, BookingCommon):
    """Portal users flagged as members (no membership bills them: this addon
    has none) with API keys, a guest customer with a key, front desk staff,
    and a space of another company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_a = new_test_user(
            cls.env,
            "cw_api_a",
            groups="base.group_portal",
            name="Member A",
            email="api.a@example.com",
        )
        cls.user_b = new_test_user(
            cls.env,
            "cw_api_b",
            groups="base.group_portal",
            name="Member B",
            email="api.b@example.com",
        )
        (cls.user_a | cls.user_b).partner_id.is_coworking_member = True
        cls.user_guest = new_test_user(
            cls.env,
            "cw_api_guest",
            groups="base.group_portal",
            name="Guest With Account",
            email="api.guest@example.com",
        )
        Keys = cls.env["res.users.apikeys"]
        cls.key_a = Keys.with_user(cls.user_a).sudo()._generate(None, "a", None)
        cls.key_b = Keys.with_user(cls.user_b).sudo()._generate(None, "b", None)
        cls.key_guest = (
            Keys.with_user(cls.user_guest).sudo()._generate(None, "guest", None)
        )
        cls.key_front = (
            Keys.with_user(cls.user_front).sudo()._generate(None, "front", None)
        )
        cls.hidden_room = cls.env["coworking.space"].create(
            {
                "name": "Unpublished Room",
                "location_id": cls.location.id,
                "kind": "meeting_room",
                "capacity": 4,
                "is_published": False,
            }
        )
        cls.foreign_room = cls._create_foreign_space("Foreign Room")
        cls._enable_demo_payment()
        cls._openapi = None

    # -- helpers --------------------------------------------------------

    def call(
        self, method, path, key=None, body=None, params=None, raw=None, headers=None
    ):
        url = f"{API_PREFIX}{path}"
        if params:
            url += "?" + urlencode(params)
        all_headers = dict(headers or {})
        if key:
            all_headers["Authorization"] = f"Bearer {key}"
        if method == "GET":
            return self.url_open(url, headers=all_headers)
        all_headers.setdefault("Content-Type", "application/json")
        data = raw if raw is not None else json.dumps(body or {})
        return self.url_open(url, data=data, headers=all_headers)

    def openapi(self):
        """The document the server publishes (read once per test class)."""
        cls = type(self)
        if not cls._openapi:
            cls._openapi = self.url_open(f"{API_PREFIX}/openapi.json").json()
        return cls._openapi

    def assertSchema(self, data, name):
        """``data`` matches the component schema ``name`` of the OpenAPI
        document the server publishes."""
        if jsonschema is None:
            self.fail("jsonschema is missing: pip install -r tests/requirements.txt")
        document = self.openapi()
        schema = {**document, "$ref": f"#/components/schemas/{name}"}
        jsonschema.Draft202012Validator(schema).validate(data)

    def assertError(self, response, status, code=None):
        self.assertEqual(response.status_code, status, response.text)
        self.assertEqual(
            response.headers["Content-Type"], "application/json; charset=utf-8"
        )
        data = response.json()
        self.assertSchema(data, "Error")
        self.assertEqual(data["error"]["status"], status)
        self.assertTrue(data["error"]["message"])
        if code:
            self.assertEqual(data["error"]["code"], code, data)
        return data["error"]

    def snapshot(self):
        """What a refused request must leave as it was."""
        self.env.invalidate_all()
        bookings = self.env["coworking.booking"].search([])
        return (
            sorted(bookings.mapped(lambda b: (b.id, b.state, b.start, b.stop))),
            self.env["sale.order"].search_count([]),
            self.env["res.partner"].search_count([]),
        )

    def body(self, target=None, start=None, stop=None, **values):
        target = target or self.room
        return {
            "space_id": target.id,
            "start": (start or "2026-12-01T10:00:00+01:00"),
            "stop": (stop or "2026-12-01T12:00:00+01:00"),
            **values,
        }
