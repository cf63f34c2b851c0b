# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The queue's part of the OpenAPI document says exactly what the server
accepts: what it declares valid is served (or refused by a rule: 404, 409,
422), what it declares invalid is refused with 400 and a JSON body;
schemathesis checks it on generated requests."""

import os

from freezegun import freeze_time

from odoo.tests import tagged

from ..models.coworking_queue_ticket import STATES
from ..tools.openapi import PATHS
from .api_common import QueueApiCommon
from .common import MONDAY

SCHEMATHESIS_CONFIG = os.path.join(os.path.dirname(__file__), "schemathesis.toml")


@tagged("post_install", "-at_install")
class TestQueueApiContract(QueueApiCommon):
    def test_the_document_holds_the_queue_operations(self):
        document = self.openapi()
        operations = {
            operation["operationId"]
            for path in PATHS
            for operation in document["paths"][path].values()
        }
        self.assertEqual(
            operations,
            {
                "listQueueServices",
                "takeQueueTicket",
                "getQueueTicket",
                "cancelQueueTicket",
            },
        )
        schemas = document["components"]["schemas"]
        states = schemas["QueueTicket"]["properties"]["state"]["enum"]
        self.assertEqual(states, [code for code, _label in STATES])
        types = schemas["QueueTicket"]["properties"]["type"]["enum"]
        self.assertEqual(
            types,
            list(
                dict(
                    self.env["coworking.queue.ticket"]._fields["ticket_type"].selection
                )
            ),
        )
        codes = schemas["Error"]["properties"]["error"]["properties"]["code"]
        for code in ("closed", "not_offered", "nonce_reused", "invalid_transition"):
            self.assertIn(code, codes["description"])

    @freeze_time(MONDAY)
    def test_schemathesis_finds_no_failure(self):
        """Requests generated from the document, valid and invalid, against
        this server while the services are open: every check of schemathesis
        passes (a refusal by a rule, 404, 409 or 422, counts as an answer to
        a valid request)."""
        key = self.key_member
        self.assertSchemathesisPasses(key, PATHS, SCHEMATHESIS_CONFIG, 30)
