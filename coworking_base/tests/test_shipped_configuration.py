# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import configparser
import json
from pathlib import Path

from odoo.tests import HttpCase, tagged
from odoo.tools import config, mute_logger

REPO_ROOT = Path(__file__).resolve().parents[2]


@tagged("post_install", "-at_install")
class TestShippedConfiguration(HttpCase):
    """The configuration the suite ships opens no database manager: nobody
    who reaches the server can list, download or drop a database."""

    def test_the_shipped_file_disables_the_database_manager(self):
        path = REPO_ROOT / "odoo.conf"
        self.assertTrue(path.is_file(), path)
        parser = configparser.ConfigParser()
        parser.read(path)
        options = parser["options"]
        self.assertEqual(options.get("list_db"), "False")
        self.assertNotIn("admin_passwd", options, "no master password in the repo")
        compose = (REPO_ROOT / "docker-compose.yml").read_text()
        self.assertNotIn("admin_passwd", compose)

    def test_the_server_refuses_to_list_or_dump_databases(self):
        self.assertFalse(
            config["list_db"], "the test command runs with the shipped odoo.conf"
        )
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/web/database/list",
                data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": {}}),
                headers={"Content-Type": "application/json"},
            )
        self.assertEqual(response.status_code, 200)
        self.assertIn("error", response.json(), "no list of databases")
        with mute_logger(
            "odoo.service.db", "odoo.addons.web.controllers.database", "odoo.http"
        ):
            dump = self.url_open(
                "/web/database/backup",
                data={
                    "master_pwd": "admin",
                    "name": self.env.cr.dbname,
                    "backup_format": "zip",
                },
            )
        self.assertNotIn("Content-Disposition", dump.headers, "no backup file")
        self.assertIn("text/html", dump.headers.get("Content-Type", ""))
