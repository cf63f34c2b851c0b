# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the browser tours of pages listening to Odoo's bus share (the queue's
ticket page, a session's questions): websockets allowed in the test server,
and notifications pushed to the pages listening to a channel."""

import threading
import time
from unittest.mock import patch

from odoo.addons.bus.models.bus import channel_with_db, dispatch, hashable
from odoo.addons.bus.websocket import WebsocketConnectionHandler


class BusTourMixin:
    """For an ``HttpCase`` whose tour waits for a push over the bus."""

    def setUp(self):
        super().setUp()
        # Odoo refuses websockets in tests unless asked (bus's WebsocketCase);
        # the test waits for them to close before its cursor goes away
        self.startPatcher(
            patch.object(
                WebsocketConnectionHandler, "websocket_allowed", return_value=True
            )
        )
        self.websocket_closed = []
        serve_forever = WebsocketConnectionHandler._serve_forever

        def _serve_forever(*args):
            closed = threading.Event()
            self.websocket_closed.append(closed)
            try:
                serve_forever(*args)
            finally:
                closed.set()

        self.startPatcher(
            patch.object(
                WebsocketConnectionHandler, "_serve_forever", wraps=_serve_forever
            )
        )

    def tearDown(self):
        for closed in self.websocket_closed:
            closed.wait(timeout=10)
        super().tearDown()

    def wait_for_listener(self, channel, timeout=20):
        """Wait until a page's websocket listens to ``channel``; return the
        channel as the bus dispatches it."""
        channel = hashable(channel_with_db(self.registry.db_name, channel))
        deadline = time.monotonic() + timeout
        while not dispatch._channels_to_ws.get(channel) and time.monotonic() < deadline:
            time.sleep(0.1)
        return channel

    def push_until(self, channel, done):
        """Wake the websockets listening to ``channel`` until ``done`` is set:
        a test cursor never notifies the bus at commit, and a socket may
        still be subscribing when the first wake-up comes."""
        while not done.is_set():
            for websocket in list(dispatch._channels_to_ws.get(channel, ())):
                websocket.trigger_notification_dispatching()
            done.wait(0.5)
