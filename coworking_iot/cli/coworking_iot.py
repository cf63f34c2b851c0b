# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import signal
import socket

from odoo import SUPERUSER_ID, api
from odoo.cli import Command
from odoo.modules.registry import Registry

from ..tools.worker import BrokerSettings, IngestionWorker
from .common import broker_overrides, parse

_logger = logging.getLogger(__name__)


class CoworkingIot(Command):
    """Ingest the coworking sensors' MQTT messages (the IoT worker)"""

    name = "coworking-iot"

    def run(self, args):
        def add_arguments(parser):
            parser.add_argument(
                "--client-id",
                help="MQTT client id, the key of the broker's session: give each "
                "worker its own and keep it across restarts (default: "
                "coworking-iot-<host>)",
            )
            parser.add_argument(
                "--group",
                help="share the messages with the other workers of this group "
                "(an MQTT shared subscription); default: subscribe alone",
            )
            parser.add_argument(
                "--session-expiry",
                type=int,
                default=24 * 3600,
                help="seconds the broker keeps the worker's session and messages "
                "while it is away (default: a day)",
            )
            parser.add_argument(
                "--retire",
                action="store_true",
                help="remove this client id's session from the broker and exit "
                "(a worker taken out of service for good)",
            )
            parser.add_argument(
                "--batch-size",
                type=int,
                default=500,
                help="messages written per transaction (1-10000, default 500)",
            )
            parser.add_argument(
                "--flush-interval",
                type=float,
                default=0.2,
                help="seconds a batch waits for more messages (default 0.2)",
            )

        options, dbname = parse(
            self.name,
            "Ingest the coworking sensors' MQTT messages.",
            add_arguments,
            args,
        )
        registry = Registry(dbname)
        with registry.cursor() as cr:
            broker = BrokerSettings.from_env(
                api.Environment(cr, SUPERUSER_ID, {}), **broker_overrides(options)
            )
        worker = IngestionWorker(
            registry.cursor,
            broker,
            client_id=options.client_id or f"coworking-iot-{socket.gethostname()}",
            group=options.group,
            batch_size=options.batch_size,
            flush_interval=options.flush_interval,
            session_expiry=options.session_expiry,
        )
        if options.retire:
            worker.retire()
            _logger.info(
                "IoT worker %s: session removed from the broker", worker.client_id
            )
            return

        def stop(signum, frame):
            _logger.info("IoT worker: stopping after the current batch")
            worker.stop()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        worker.run()
