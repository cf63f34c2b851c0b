# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The events' part of the OpenAPI document says exactly what the server
accepts: what it declares valid is served (or refused by a rule: 403, 404,
409, 422), what it declares invalid is refused with 400 and a JSON body;
schemathesis checks it on generated requests."""

import os
import tempfile

from freezegun import freeze_time

from odoo.tests import tagged

from ..tools import bounds
from ..tools.openapi import PATHS
from .api_common import NOW, EventApiCommon, stamp

SCHEMATHESIS_CONFIG = os.path.join(os.path.dirname(__file__), "schemathesis.toml")


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestEventApiContract(EventApiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the user of the generated requests has a part in every operation:
        # organizer (scans anywhere, every statistic), exhibitor at the
        # booth, and registered (asks questions)
        cls.env["coworking.event.role"].create(
            {
                "event_id": cls.event.id,
                "user_id": cls.organizer.id,
                "role": "exhibitor",
                "sponsor_id": cls.booth.id,
            }
        )
        cls._register(cls.organizer.partner_id, cls.pass_ticket)

    def _selection(self, model, field):
        return list(dict(self.env[model]._fields[field].selection))

    def test_the_document_holds_the_event_operations(self):
        document = self.openapi()
        operations = {
            operation["operationId"]
            for path in PATHS
            for operation in document["paths"][path].values()
        }
        self.assertEqual(
            operations,
            {
                "listEvents",
                "createEventScan",
                "uploadEventScans",
                "getEventStatistics",
                "listEventAnnouncements",
                "listEventQuestions",
                "askEventQuestion",
                "listEventBoothVisits",
                "createEventBoothVisit",
            },
        )
        schemas = document["components"]["schemas"]
        result = schemas["EventScanResult"]["properties"]
        self.assertEqual(
            result["verdict"]["enum"],
            self._selection("coworking.event.scan", "verdict"),
        )
        self.assertEqual(
            result["direction"]["enum"],
            self._selection("coworking.event.scan", "direction"),
        )
        self.assertEqual(
            schemas["EventRole"]["properties"]["role"]["enum"],
            self._selection("coworking.event.role", "role"),
        )
        self.assertEqual(
            schemas["EventAnnouncement"]["properties"]["audience"]["enum"],
            self._selection("coworking.event.announcement", "audience"),
        )
        item = schemas["EventScanUpload"]["properties"]["scans"]
        self.assertEqual(item["maxItems"], bounds.MAX_UPLOAD_SCANS)
        self.assertEqual(
            item["items"]["properties"]["nonce"]["pattern"], bounds.NONCE_PATTERN
        )
        codes = schemas["Error"]["properties"]["error"]["properties"]["code"]
        for code in ("nonce_reused", "scan_too_old", "not_registered"):
            self.assertIn(code, codes["description"])
        self.assertLessEqual(
            {"Event scanning", "Event participation", "Event booths"},
            {tag["name"] for tag in document["tags"]},
        )

    def test_a_whole_json_number_is_an_id(self):
        # JSON Schema counts 12.0 as an integer: so does the server
        response = self.post_scan(self.token(self.bob), location_id=float(self.lab.id))
        result = self.assertAnswer(response, "EventScanResult", 201)
        self.assertEqual(result["location"]["id"], self.lab.id)
        response = self.call(
            "POST",
            f"/events/{self.event.id}/scans/upload",
            self.key(self.controller),
            {
                "scans": [
                    {
                        **self.scan_body(self.token(self.bob)),
                        "location_id": float(self.lab.id),
                        "direction": "out",
                        "scanned_at": stamp(0),
                    }
                ]
            },
        )
        upload = self.assertAnswer(response, "EventScanUploadResult")
        self.assertEqual(upload["results"][0]["location"]["id"], self.lab.id)
        response = self.post_scan(self.token(self.bob), location_id=self.lab.id + 0.5)
        self.assertError(response, 400, "invalid_field")

    def test_schemathesis_finds_no_failure(self):
        """Requests generated from the document, valid and invalid, against
        this server, at the test's event, session and booth: every check of
        schemathesis passes (a refusal by a rule counts as an answer to a
        valid request)."""
        ids = {
            "event_id": self.event.id,
            "track_id": self.keynote.id,
            "sponsor_id": self.booth.id,
        }
        with open(SCHEMATHESIS_CONFIG, encoding="utf-8") as settings:
            config = settings.read()
        # the fuzzing phase draws the ids from these dictionaries (the
        # coverage phase tries the bounds of the ids themselves)
        for name, record_id in ids.items():
            config += f"\n[dictionaries.{name}]\nvalues = [{record_id}]\n"
        config += "\n[parameters]\n" + "".join(
            f'"path.{name}" = {{ dictionary = "{name}", probability = 1.0 }}\n'
            for name in ids
        )
        with tempfile.NamedTemporaryFile("w", suffix=".toml") as run_config:
            run_config.write(config)
            run_config.flush()
            self.assertSchemathesisPasses(
                self.key(self.organizer), PATHS, run_config.name, 10
            )
