# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo.tests import tagged

from ..exceptions import ScanRefused
from ..tools import bounds
from .common import EventBadgesCommon, nonce


@tagged("post_install", "-at_install")
class TestOfflineUpload(EventBadgesCommon):
    """A scanner that lost the network uploads its scans later: they are
    evaluated in the order they were made, each against the log as it stood
    then; what was already recorded is answered from the log."""

    def upload(self, items, user=None):
        scans = self.env["coworking.event.scan"].with_user(user or self.controller)
        return scans._coworking_upload(self.event, items, device="door-2")

    def item(self, partner, minutes_ago, direction="in", key=None, location=None):
        return {
            "code": self.token(partner),
            "nonce": key or nonce(),
            "scanned_at": self.now - timedelta(minutes=minutes_ago),
            "direction": direction,
            "location": location,
        }

    def test_out_of_order_upload_is_reconciled_in_time_order(self):
        exit_, entry = self.item(self.alice, 10, "out"), self.item(self.alice, 20)
        results = self.upload([exit_, entry])
        # answered in the order sent, evaluated in the order made
        self.assertEqual(
            [r[0].nonce for r in results], [exit_["nonce"], entry["nonce"]]
        )
        self.assertEqual([r[0].verdict for r in results], ["granted", "granted"])
        self.assertTrue(all(r[0].source == "offline" for r in results))
        self.assertEqual(results[0][0].device, "door-2")
        # Alice left: she enters again now
        self.assertEqual(self.scan(self.token(self.alice)).verdict, "granted")

    def test_two_entries_offline_second_is_already_inside(self):
        first, second = self.item(self.alice, 30), self.item(self.alice, 5)
        results = self.upload([second, first])
        self.assertEqual(results[1][0].verdict, "granted")
        self.assertEqual(results[0][0].verdict, "already_inside")

    def test_duplicates_in_the_upload_and_in_the_log_are_recorded_once(self):
        online = self.scan(self.token(self.bob), at=self.now - timedelta(minutes=40))
        again = self.item(self.bob, 40, key=online.nonce)
        fresh = self.item(self.alice, 15)
        twice = dict(fresh)
        results = self.upload([again, fresh, twice])
        self.assertEqual(results[0], (online, True))
        self.assertFalse(results[1][1])
        self.assertEqual(results[2], (results[1][0], True))
        self.assertEqual(
            self.env["coworking.event.scan"].search_count(
                [("event_id", "=", self.event.id)]
            ),
            2,
        )

    def test_offline_scans_older_than_online_ones_keep_the_present_right(self):
        """Online, Alice entered now. Offline scans from earlier arrive: an
        entry and an exit before it. She is still inside."""
        self.assertEqual(self.scan(self.token(self.alice)).verdict, "granted")
        results = self.upload(
            [self.item(self.alice, 50), self.item(self.alice, 30, "out")]
        )
        self.assertEqual([r[0].verdict for r in results], ["granted", "granted"])
        Scan = self.env["coworking.event.scan"]
        self.assertEqual(Scan._occupancy(self.event, self.hall.browse()), 1)
        self.assertEqual(self.scan(self.token(self.alice)).verdict, "already_inside")

    def test_upload_size_is_bounded(self):
        items = [self.item(self.alice, 1)] * (bounds.MAX_UPLOAD_SCANS + 1)
        with self.assertRaises(ScanRefused) as caught:
            self.upload(items)
        self.assertEqual(caught.exception.code, "too_many_scans")

    def test_an_upload_with_a_bad_item_records_nothing(self):
        """The whole upload is one transaction: a bad item refuses it all,
        and the scanner can send it again once mended."""
        good, bad = self.item(self.alice, 10), self.item(self.bob, 10)
        bad["nonce"] = "bad"
        with self.assertRaises(ScanRefused):
            self.upload([good, bad])
