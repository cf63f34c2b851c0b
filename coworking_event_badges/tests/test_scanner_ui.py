# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged

from .common import EventBadgesCommon


@tagged("post_install", "-at_install")
class TestScannerTour(HttpCase, EventBadgesCommon):
    """A badge controller on the scanner page: manual search, a badge
    granted, the same badge refused as already inside, an unknown badge read
    by a keyboard-wedge scanner, then an exit whose answer is lost and which
    is sent again with its nonce."""

    def test_controller_checks_people_in_and_out_from_the_scanner_page(self):
        self.start_tour(
            "/odoo/action-coworking_event_badges.coworking_event_scanner_action",
            "coworking_event_scanner_tour",
            login=self.controller.login,
        )
        scans = self.env["coworking.event.scan"].search(
            [("user_id", "=", self.controller.id)], order="id"
        )
        self.assertEqual(
            [(s.verdict, s.direction) for s in scans],
            [
                ("granted", "in"),
                ("already_inside", "in"),
                ("unknown", "in"),
                ("granted", "out"),
            ],
        )
        self.assertEqual(scans.event_id, self.event)
        self.assertFalse(scans.location_id, "every scan at the entrance")
        self.assertEqual(
            scans.filtered("partner_id").partner_id, self.alice, "Alice, by hand"
        )
        self.assertEqual(scans[2].code_kind, "invalid")
        # the exit was sent twice (its first answer lost) and recorded once
        self.assertEqual(len(set(scans.mapped("nonce"))), 4, "a nonce per scan")
        self.assertEqual(
            self.env["coworking.event.scan"]._occupancy(
                self.event, self.env["event.track.location"]
            ),
            0,
        )
