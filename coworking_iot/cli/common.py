# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import argparse
import sys
from pathlib import Path

from odoo.tools import config


def parse(command, description, add_arguments, args):
    """The command's own options, then Odoo's (``-c``, ``-d``, database
    connection…), as ``odoo shell`` takes them."""
    parser = argparse.ArgumentParser(
        prog=f"{Path(sys.argv[0]).name} {command}",
        description=description,
        epilog="Odoo's options (-c, -d, --db_host…) follow the command's own.",
    )
    broker = parser.add_argument_group("broker (default: the database's IoT settings)")
    broker.add_argument("--mqtt-host")
    broker.add_argument("--mqtt-port", type=int)
    broker.add_argument("--mqtt-username")
    broker.add_argument("--mqtt-password")
    broker.add_argument("--mqtt-tls", action="store_true", default=None)
    add_arguments(parser)
    options, odoo_args = parser.parse_known_args(args)
    config.parse_config(odoo_args, setup_logging=True)
    databases = [db for db in (config["db_name"] or "").split(",") if db]
    if len(databases) != 1:
        parser.error("give one database with -d")
    return options, databases[0]


def broker_overrides(options):
    return {
        "host": options.mqtt_host,
        "port": options.mqtt_port,
        "username": options.mqtt_username,
        "password": options.mqtt_password,
        "tls": options.mqtt_tls,
    }
