# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the tests of every JSON API of the suite share: calling a route,
checking answers against the published OpenAPI document, and running
schemathesis on an addon's operations (for ``HttpCase`` classes)."""

import json
import logging
import subprocess
import sys
import tempfile
from urllib.parse import urlencode

from odoo.addons.coworking_base.tools.openapi import API_PREFIX

try:
    import jsonschema
except ImportError:  # tests/requirements.txt installs it
    jsonschema = None

_logger = logging.getLogger(__name__)


class ApiClientMixin:
    """Helpers of an ``HttpCase`` testing a part of the suite's API."""

    _openapi = None

    def call(
        self, method, path, key=None, body=None, params=None, raw=None, headers=None
    ):
        """Call ``path`` (below the API prefix), with an API key if given."""
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
        """An error answer as documented: status, JSON ``Error`` body, code."""
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

    def assertSchemathesisPasses(self, key, paths, config, max_examples=20):
        """Run ``schemathesis run --checks all`` against this server on the
        operations of ``paths`` (an addon's part of the document: the
        document holds the parts of every addon installed), as the user of
        API key ``key``; every check must pass on every operation."""
        command = [
            sys.executable,
            "-m",
            "schemathesis.cli",
            "--config-file",
            config,
            "--no-color",
            "run",
            f"{self.base_url()}{API_PREFIX}/openapi.json",
            "--checks",
            "all",
            "--header",
            f"Authorization: Bearer {key}",
            "--max-examples",
            str(max_examples),
            "--workers",
            "1",
            "--seed",
            "2026",
            "--generation-database",
            "none",
            "--request-timeout",
            "60",
        ]
        operation_ids = [
            operation["operationId"]
            for operations in paths.values()
            for operation in operations.values()
        ]
        for operation_id in operation_ids:
            command += ["--include-operation-id", operation_id]
        with tempfile.TemporaryDirectory() as workdir:
            result = subprocess.run(
                command,
                cwd=workdir,
                capture_output=True,
                text=True,
                timeout=900,
                check=False,
            )
        output = result.stdout + result.stderr
        summary = output.rsplit("SUMMARY", 1)[-1]
        _logger.info("schemathesis: %s", summary.strip())
        self.assertEqual(result.returncode, 0, output[-6000:])
        self.assertIn(f"Tested: {len(operation_ids)}", output)
        self.assertNotIn("failure", summary.lower())
        return output
