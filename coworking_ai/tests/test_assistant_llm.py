# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..models.coworking_ai_llm import PARAM_PREFIX
from ..tools import intents
from .assistant_common import AssistantCommon

# the local classifier does not know what this asks
UNSURE = "hmm, the thing we spoke about earlier?"
LOGGER = "odoo.addons.coworking_ai.models.coworking_ai_llm"


class FakeModelHandler(BaseHTTPRequestHandler):
    """An OpenAI-compatible ``/v1/chat/completions`` endpoint whose answer,
    delay and size the test sets on the server."""

    def do_POST(self):  # noqa: N802 (http.server's name)
        server = self.server
        length = int(self.headers.get("Content-Length") or 0)
        server.requests.append(
            {
                "path": self.path,
                "authorization": self.headers.get("Authorization"),
                "body": json.loads(self.rfile.read(length) or b"{}"),
            }
        )
        if server.delay:
            time.sleep(server.delay)
        if self.path != "/v1/chat/completions":
            self.send_response(404)
            self.end_headers()
            return
        body = (
            server.raw_reply
            or json.dumps(
                {
                    "choices": [
                        {"message": {"role": "assistant", "content": server.reply}}
                    ]
                }
            ).encode()
        )
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            return  # the client gave up: what a timeout test wants

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        return


@tagged("post_install", "-at_install")
class TestAssistantLlm(AssistantCommon):
    """The optional language model, against a local fake server: it only
    sorts a message the assistant did not understand; a slow, broken or
    oversized answer leaves the assistant with its own answer, quickly."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), FakeModelHandler)
        cls.server.daemon_threads = True
        cls.server.requests = []
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()
        cls.addClassCleanup(cls.thread.join, 10)
        cls.addClassCleanup(cls.server.server_close)
        cls.addClassCleanup(cls.server.shutdown)

    def setUp(self):
        super().setUp()
        self.server.requests.clear()
        self.server.reply = '{"intent": "help"}'
        self.server.raw_reply = None
        self.server.delay = 0
        port = self.server.server_address[1]
        set_param = self.env["ir.config_parameter"].sudo().set_param
        set_param(f"{PARAM_PREFIX}enabled", "True")
        set_param(f"{PARAM_PREFIX}url", f"http://127.0.0.1:{port}/v1")
        set_param(f"{PARAM_PREFIX}model", "local-model")
        set_param(f"{PARAM_PREFIX}api_key", "secret-key")
        set_param(f"{PARAM_PREFIX}timeout", "1")
        self.assertIn(intents.classify(UNSURE).intent, (intents.UNCLEAR, "other"))

    def test_the_model_sorts_an_unclear_message(self):
        answer = self.ask(self.user_portal, UNSURE)
        self.assertIn("as you would to the front desk", answer, "answered as help")
        [request] = self.server.requests
        self.assertEqual(request["path"], "/v1/chat/completions")
        self.assertEqual(request["authorization"], "Bearer secret-key")
        self.assertEqual(request["body"]["model"], "local-model")
        self.assertEqual(request["body"]["messages"][-1]["content"], UNSURE)

    def test_a_clear_message_never_reaches_the_model(self):
        self.ask(self.user_portal, "my bookings")
        self.assertFalse(self.server.requests)

    def test_the_model_never_acts_on_its_own_text(self):
        self.server.reply = (
            'Sure! {"intent": "cancel_everything"} and I booked the Louvre for you.'
        )
        answer = self.ask(self.user_portal, UNSURE)
        self.assertIn("What would you like to do?", answer)
        self.assertFalse(self.bookings_of(self.portal_partner))

    def test_a_slow_model_is_given_up_after_its_timeout(self):
        self.server.delay = 5
        started = time.monotonic()
        with self.assertLogs(LOGGER, "WARNING") as logs:
            answer = self.ask(self.user_portal, UNSURE)
        elapsed = time.monotonic() - started
        self.assertIn("What would you like to do?", answer, "the local answer")
        self.assertLess(elapsed, 3, "answered without the model, quickly")
        self.assertIn("timed out", logs.output[0].lower())

    def test_an_oversized_or_broken_reply_is_ignored(self):
        for raw in (b"x" * 70_000, b"not json", b'{"choices": []}'):
            self.server.raw_reply = raw
            with self.assertLogs(LOGGER, "WARNING"):
                answer = self.ask(self.user_portal, UNSURE)
            self.assertIn("What would you like to do?", answer)

    def test_an_unreachable_model_is_ignored(self):
        self.env["ir.config_parameter"].sudo().set_param(
            f"{PARAM_PREFIX}url", "http://127.0.0.1:9/v1"
        )
        with self.assertLogs(LOGGER, "WARNING"):
            answer = self.ask(self.user_portal, UNSURE)
        self.assertIn("What would you like to do?", answer)

    def test_the_model_is_off_unless_enabled(self):
        self.env["ir.config_parameter"].sudo().set_param(
            f"{PARAM_PREFIX}enabled", "False"
        )
        self.ask(self.user_portal, UNSURE)
        self.assertFalse(self.server.requests)

    def test_settings_are_bounded(self):
        Settings = self.env["res.config.settings"]
        for values in (
            {"coworking_ai_llm_timeout": 0},
            {"coworking_ai_llm_timeout": 31},
            {"coworking_ai_llm_enabled": True, "coworking_ai_llm_url": "ftp://x/v1"},
            {"coworking_ai_llm_enabled": True, "coworking_ai_llm_url": False},
        ):
            with self.assertRaises(ValidationError), self.cr.savepoint():
                Settings.create(values)
        Settings.create(
            {
                "coworking_ai_llm_enabled": True,
                "coworking_ai_llm_url": "https://llm.example.org/v1",
                "coworking_ai_llm_timeout": 30,
            }
        ).execute()
        self.assertEqual(
            self.env["ir.config_parameter"].sudo().get_param(f"{PARAM_PREFIX}url"),
            "https://llm.example.org/v1",
        )
