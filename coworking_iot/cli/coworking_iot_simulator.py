# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import signal
import threading

from odoo import SUPERUSER_ID, api
from odoo.cli import Command
from odoo.modules.registry import Registry

from ..tools.simulator import Simulator
from ..tools.worker import BrokerSettings
from .common import broker_overrides, parse

_logger = logging.getLogger(__name__)


class CoworkingIotSimulator(Command):
    """Publish realistic traffic of the coworking sensors (demos, benchmarks)"""

    name = "coworking-iot-simulator"

    def run(self, args):
        def add_arguments(parser):
            parser.add_argument(
                "--devices",
                type=int,
                default=0,
                help="simulate N devices, created in the database (sim-0001…) when "
                "missing; default: the database's active devices",
            )
            parser.add_argument(
                "--rate",
                type=float,
                default=20.0,
                help="messages per second in all (0: as fast as possible)",
            )
            parser.add_argument("--count", type=int, help="stop after N messages")
            parser.add_argument("--duration", type=float, help="stop after N seconds")
            parser.add_argument(
                "--speed",
                type=float,
                default=60.0,
                help="simulated seconds of the day per second (default 60)",
            )
            parser.add_argument("--start-hour", type=float, default=7.0)
            parser.add_argument(
                "--bad-ratio",
                type=float,
                default=0.0,
                help="share of bad messages mixed in (0-1)",
            )
            parser.add_argument("--client-id", default="coworking-iot-simulator")

        options, dbname = parse(
            self.name, "Publish simulated sensor traffic.", add_arguments, args
        )
        if not 0 <= options.devices <= 10_000:
            raise SystemExit("--devices: 0 to 10000")
        if not 0 <= options.bad_ratio <= 1:
            raise SystemExit("--bad-ratio: 0 to 1")
        registry = Registry(dbname)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            broker = BrokerSettings.from_env(env, **broker_overrides(options))
            devices = env["coworking.iot.device"]._simulated_devices(options.devices)
        simulator = Simulator(
            devices,
            broker,
            rate=options.rate,
            speed=options.speed,
            start_hour=options.start_hour,
            client_id=options.client_id,
            bad_ratio=options.bad_ratio,
        )
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *a: stop.set())
        signal.signal(signal.SIGINT, lambda *a: stop.set())
        simulator.connect()
        simulator.publish_statuses()
        published = simulator.run(
            count=options.count, duration=options.duration, stop=stop
        )
        _logger.info(
            "IoT simulator: %s messages published for %s devices, %s acknowledged "
            "by the broker",
            published,
            len(devices),
            simulator.acknowledged,
        )
        simulator.close()
