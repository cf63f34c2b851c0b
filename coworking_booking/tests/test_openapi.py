# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo.tests import tagged

from odoo.addons.coworking_base.tests.api_common import jsonschema
from odoo.addons.coworking_base.tools.openapi import API_PREFIX

from .api_common import ApiCommon


@tagged("post_install", "-at_install")
class TestOpenApi(ApiCommon):
    def test_document_lists_exactly_the_routes_served(self):
        document = self.openapi()
        self.assertEqual(document["openapi"], "3.1.0")
        documented = {
            (f"{API_PREFIX}{path}", method.upper())
            for path, operations in document["paths"].items()
            for method in operations
        }
        served = set()
        for rule in self.env["ir.http"].routing_map().iter_rules():
            if rule.rule.startswith(API_PREFIX):
                methods = rule.endpoint.routing.get("methods") or ["GET", "POST"]
                # werkzeug's <event_id> (or <int:event_id>) is {event_id} there
                path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
                served.update((path, method) for method in methods)
        self.assertEqual(documented, served)
        self.assertTrue(document["servers"][0]["url"].endswith(API_PREFIX))

    def test_document_is_valid_openapi(self):
        document = self.openapi()
        # every $ref points to a schema that exists
        refs = set()

        def walk(node):
            if isinstance(node, dict):
                if "$ref" in node:
                    refs.add(node["$ref"])
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(document)
        schemas = document["components"]["schemas"]
        for ref in refs:
            self.assertIn(ref.rsplit("/", 1)[-1], schemas, ref)
        for name, schema in schemas.items():
            with self.subTest(schema=name):
                jsonschema.Draft202012Validator.check_schema(schema)
        for path, operations in document["paths"].items():
            for method, operation in operations.items():
                self.assertTrue(operation.get("operationId"), (path, method))
                # a read answers 200; a write 200, or 201 when it creates
                answers = {"200"} if method == "get" else {"200", "201"}
                self.assertTrue(answers & operation["responses"].keys(), (path, method))
