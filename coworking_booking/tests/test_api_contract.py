# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The OpenAPI document says exactly what the server accepts: what it
declares valid is served (or refused by a rule, 4xx other than 400), what it
declares invalid is refused with 400 and a JSON body; schemathesis checks it
on generated requests."""

import os

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.coworking_base.tests.api_common import jsonschema

from ..tools.openapi import PATHS
from .api_common import ApiCommon
from .common import NOW

SCHEMATHESIS_CONFIG = os.path.join(os.path.dirname(__file__), "schemathesis.toml")


@tagged("post_install", "-at_install")
class TestApiContract(ApiCommon):
    def _parameters(self, path):
        operation = self.openapi()["paths"][path]["get"]
        return {param["name"]: param for param in operation["parameters"]}

    def _body_validator(self, name):
        document = self.openapi()
        return jsonschema.Draft202012Validator(
            {**document, "$ref": f"#/components/schemas/{name}"}
        )

    def test_ids_are_documented_as_the_server_reads_them(self):
        parameters = self._parameters("/room/availability")
        self.assertEqual(parameters["space_id"]["schema"]["minimum"], 1)
        for space_id in (0, -3, 2**31):
            with self.subTest(space_id=space_id):
                response = self.call(
                    "GET",
                    "/room/availability",
                    params={
                        "space_id": space_id,
                        "start": "2026-12-01T10:00:00+01:00",
                        "stop": "2026-12-01T11:00:00+01:00",
                    },
                )
                self.assertError(response, 400, "invalid_field")

    @freeze_time(NOW)
    def test_a_whole_json_number_is_an_integer(self):
        # JSON Schema counts 409.0 as an integer: so does the server
        booking = self.call("POST", "/booking/create", self.key_a, self.body()).json()
        booking_id = booking["booking"]["id"]
        self.assertTrue(
            self._body_validator("BookingCancel").is_valid(
                {"booking_id": float(booking_id)}
            )
        )
        response = self.call(
            "POST",
            "/booking/cancel",
            self.key_a,
            {"booking_id": float(booking_id)},
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["booking"]["state"], "cancelled")
        response = self.call(
            "POST", "/booking/cancel", self.key_a, {"booking_id": 409.5}
        )
        self.assertError(response, 400, "invalid_field")

    def test_enums_are_documented(self):
        states = self._parameters("/bookings")["state"]["schema"]["enum"]
        self.assertEqual(
            states, list(dict(self.env["coworking.booking"]._fields["state"].selection))
        )
        kinds = self._parameters("/spaces")["kind"]["schema"]["enum"]
        self.assertEqual(
            kinds, list(dict(self.env["coworking.space"]._fields["kind"].selection))
        )
        response = self.call(
            "GET", "/bookings", self.key_a, params={"state": "teleported"}
        )
        error = self.assertError(response, 400, "invalid_field")
        self.assertEqual(error["field"], "state")

    def test_slots_without_a_filter_list_every_bookable_space(self):
        parameters = self._parameters("/room/slots")
        self.assertFalse(parameters["space_id"]["required"])
        response = self.call("GET", "/room/slots", params={"date_from": "2026-12-01"})
        self.assertEqual(response.status_code, 200, response.text)
        spaces = {space["space_id"] for space in response.json()["spaces"]}
        self.assertIn(self.room.id, spaces)
        self.assertNotIn(self.hidden_room.id, spaces)

    def test_create_takes_a_space_or_a_piece_of_equipment(self):
        validator = self._body_validator("BookingCreate")
        equipment = self.env["coworking.equipment"].search(
            [("location_id", "=", self.location.id), ("is_bookable", "=", True)],
            limit=1,
        )
        both = self.body(equipment_id=equipment.id or 1)
        neither = {key: value for key, value in both.items() if key == "start"}
        neither["stop"] = both["stop"]
        alone_with_extras = {
            "equipment_id": equipment.id or 1,
            "equipment_ids": [equipment.id or 1],
            "start": both["start"],
            "stop": both["stop"],
        }
        for body, code in (
            (both, "invalid_field"),
            (neither, "missing_field"),
            (alone_with_extras, "invalid_field"),
        ):
            with self.subTest(body=body):
                self.assertFalse(validator.is_valid(body))
                response = self.call("POST", "/booking/create", self.key_a, body)
                self.assertError(response, 400, code)
        self.assertTrue(validator.is_valid(self.body()))

    def test_text_is_bounded_as_documented(self):
        for note in ("x" * 1001, " " * 1001, "nul\x00byte"):
            with self.subTest(note=note[:10]):
                response = self.call(
                    "POST", "/booking/create", self.key_a, self.body(note=note)
                )
                self.assertError(response, 400, "invalid_field")

    def test_ranges_beyond_the_bounds_are_a_422(self):
        response = self.call(
            "GET",
            "/room/slots",
            params={
                "space_id": self.room.id,
                "date_from": "2026-12-01",
                "date_to": "2027-03-01",
            },
        )
        self.assertError(response, 422, "range_too_long")
        response = self.call(
            "GET",
            "/room/slots",
            params={
                "space_id": self.room.id,
                "date_from": "2026-12-02",
                "date_to": "2026-12-01",
            },
        )
        self.assertError(response, 422, "invalid_range")
        operation = self.openapi()["paths"]["/room/slots"]["get"]
        self.assertIn("422", operation["responses"])

    def test_schemathesis_finds_no_failure(self):
        """Requests generated from the document, valid and invalid, against
        this server: every check of schemathesis passes (a refusal by a
        booking rule, 422, counts as an answer to a valid request)."""
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.user_a)
            .sudo()
            ._generate(None, "schemathesis", None)
        )
        self.assertSchemathesisPasses(key, PATHS, SCHEMATHESIS_CONFIG, 20)


@tagged("post_install", "-at_install")
class TestApiContractFrench(ApiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_french("coworking_base", "coworking_booking")
        cls.user_a.lang = "fr_FR"

    def test_refusals_speak_the_callers_language(self):
        response = self.call(
            "POST",
            "/booking/create",
            self.key_a,
            self.body(start="0001-01-01T00:00:00+01:00"),
        )
        error = self.assertError(response, 400, "invalid_field")
        self.assertIn("entre les années 2000 et 2100", error["message"])
        response = self.call(
            "POST", "/booking/create", self.key_a, self.body(equipment_id=1)
        )
        error = self.assertError(response, 400, "invalid_field")
        self.assertIn("Indiquez soit space_id", error["message"])
