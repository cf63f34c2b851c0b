# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
import re

import jsonschema

from odoo.tests import HttpCase, tagged

from ..tools import openapi

INSTALLED = "coworking_sample_installed"
ABSENT = "coworking_sample_absent"


@tagged("post_install", "-at_install")
class TestApiDocument(HttpCase):
    """One OpenAPI document for the suite: each addon registers its part, the
    document of a database holds the parts of the addons installed in it."""

    def setUp(self):
        super().setUp()
        # the parts registered by a test are forgotten after it
        self.patch(openapi, "_PARTS", dict(openapi._PARTS))
        self.patch(
            self.env.registry,
            "_init_modules",
            self.env.registry._init_modules | {INSTALLED},
        )

    def _register(self, module, name, **overrides):
        """A part with one operation, one schema, one tag, one rule and one
        error detail, all named after ``name``."""
        values = {
            "summary": f"the {name} samples.",
            "paths": {
                f"/{name}/items": {
                    "get": {
                        "operationId": f"list{name}",
                        "tags": [name],
                        "security": openapi.AUTH_OPTIONAL,
                        "parameters": [
                            openapi.query_param("item_id", openapi.ID, "One item.")
                        ],
                        "responses": openapi.responses(
                            "200", name, "The items.", ["400", "401"]
                        ),
                    }
                }
            },
            "schemas": {name: openapi.obj({"id": {"type": "integer"}})},
            "tags": [{"name": name, "description": f"The {name} samples."}],
            "refusal_codes": [f"{name.lower()}_closed"],
            "error_details": {f"{name.lower()}_hint": {"type": "string"}},
        }
        openapi.register_part(module, **{**values, **overrides})

    def _assert_complete(self, document):
        """Every reference resolves and every schema is valid JSON Schema."""
        schemas = document["components"]["schemas"]
        refs = re.findall(
            r'"\$ref": "#/components/schemas/([^"]+)"', json.dumps(document)
        )
        self.assertTrue(refs)
        self.assertLessEqual(set(refs), set(schemas))
        for name, schema in schemas.items():
            with self.subTest(schema=name):
                jsonschema.Draft202012Validator.check_schema(schema)

    def test_the_document_holds_the_parts_of_installed_addons_only(self):
        self._register(INSTALLED, "Present")
        self._register(ABSENT, "Missing")
        document = openapi.build_openapi(self.env, "https://example.com")
        self.assertEqual(
            document["servers"], [{"url": "https://example.com/coworking/api"}]
        )
        self.assertIn("/Present/items", document["paths"])
        self.assertNotIn("/Missing/items", document["paths"])
        # the document's own operation comes after the parts'
        self.assertEqual(list(document["paths"])[-1], "/openapi.json")
        schemas = document["components"]["schemas"]
        self.assertEqual(list(schemas)[:2], ["Error", "Reason"])
        self.assertIn("Present", schemas)
        self.assertNotIn("Missing", schemas)
        self.assertIn(
            {"name": "Present", "description": "The Present samples."},
            document["tags"],
        )
        self.assertNotIn("Missing", {tag["name"] for tag in document["tags"]})
        error = schemas["Error"]["properties"]["error"]["properties"]
        self.assertIn("present_closed", error["code"]["description"])
        self.assertNotIn("missing_closed", error["code"]["description"])
        self.assertIn("present_hint", error)
        self.assertNotIn("missing_hint", error)
        self.assertIn(
            f"`{INSTALLED}`: the Present samples.", document["info"]["description"]
        )
        self.assertNotIn(ABSENT, document["info"]["description"])
        self._assert_complete(document)

    def test_a_part_reusing_another_parts_name_is_refused(self):
        self._register(INSTALLED, "Present")
        before = dict(openapi._PARTS)
        path = {"/Present/items": {}}
        for overrides in (
            {"schemas": {"Present": {"type": "object"}}},
            {"schemas": {"Error": {"type": "object"}}},
            {"paths": path},
            {"paths": {"/openapi.json": {}}},
            {"tags": [{"name": "Present"}]},
            {"error_details": {"present_hint": {"type": "string"}}},
            {"error_details": {"code": {"type": "integer"}}},
        ):
            with self.subTest(overrides=overrides):
                with self.assertRaisesRegex(ValueError, ABSENT):
                    self._register(ABSENT, "Other", **overrides)
                self.assertEqual(openapi._PARTS, before)
        # an addon registering its part again replaces it
        self._register(INSTALLED, "Present", summary="the new samples.")
        self.assertEqual(openapi._PARTS[INSTALLED]["summary"], "the new samples.")

    def test_the_route_answers_the_document_of_this_database(self):
        self._register(INSTALLED, "Present")
        self._register(ABSENT, "Missing")
        response = self.url_open(f"{openapi.API_PREFIX}/openapi.json")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(
            response.headers["Content-Type"], "application/json; charset=utf-8"
        )
        document = response.json()
        self.assertEqual(document, openapi.build_openapi(self.env, self.base_url()))
        self.assertEqual(document["info"]["title"], "Coworking Suite API")
        self.assertIn("/Present/items", document["paths"])
        self.assertNotIn("/Missing/items", document["paths"])
        self._assert_complete(document)
