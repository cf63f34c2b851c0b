# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from ..exceptions import ScanRefused
from ..tools import bounds
from .common import GROUP, EventBadgesCommon, nonce


@tagged("post_install", "-at_install")
class TestScannerRpc(EventBadgesCommon):
    """What the scanner page calls: the events and doors of the user, a scan
    with its verdict and fresh statistics, the manual search, each within
    the user's roles."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # an event whose only role for the controller is not a scanning one
        cls.exhibited_event = cls._create_event("Exhibited Expo", cls.now)
        sponsor = cls.env["event.sponsor"].create(
            {
                "event_id": cls.exhibited_event.id,
                "partner_id": cls.env["res.partner"].create({"name": "Booth Co"}).id,
            }
        )
        cls.env["coworking.event.role"].create(
            {
                "event_id": cls.exhibited_event.id,
                "user_id": cls.controller.id,
                "role": "exhibitor",
                "sponsor_id": sponsor.id,
            }
        )
        cls.other_reg = cls._register(
            cls.alice,
            cls.env["event.event.ticket"].create(
                {
                    "name": "Fair Pass",
                    "event_id": cls.other_event.id,
                    "product_id": cls.pass_ticket.product_id.id,
                }
            ),
        )
        # a controller of two events
        cls.two_events_controller = new_test_user(
            cls.env,
            login="ctrl_two",
            groups=f"{GROUP}badge_controller",
            name="Controller Two",
        )
        cls.env["coworking.event.role"].create(
            [
                {
                    "event_id": event.id,
                    "user_id": cls.two_events_controller.id,
                    "role": "badge_controller",
                }
                for event in (cls.event, cls.other_event)
            ]
        )

    def scanner(self, user=None):
        return self.env["coworking.event.scan"].with_user(user or self.controller)

    def assertRefused(self, code, call, *args, **kwargs):
        with self.assertRaises(ScanRefused) as refused:
            call(*args, **kwargs)
        self.assertEqual(refused.exception.code, code)
        return refused.exception

    # ------------------------------------------------------------
    # scanner_init
    # ------------------------------------------------------------

    def test_init_lists_only_the_events_where_i_scan(self):
        data = self.scanner().scanner_init()
        self.assertEqual([e["id"] for e in data["events"]], [self.event.id])
        self.assertEqual(data["event"]["id"], self.event.id)
        self.assertTrue(data["event"]["open"])
        self.assertEqual(
            data["statistics"]["scans"], 0, "nothing scanned yet by this user"
        )
        two = self.scanner(self.two_events_controller).scanner_init()
        self.assertEqual(
            {e["id"] for e in two["events"]}, {self.event.id, self.other_event.id}
        )

    def test_init_refuses_an_event_where_i_do_not_scan(self):
        for event in (self.other_event, self.exhibited_event):
            with self.subTest(event=event.name):
                self.assertRefused(
                    "forbidden", self.scanner().scanner_init, event_id=event.id
                )

    def test_init_opens_the_asked_event(self):
        data = self.scanner(self.two_events_controller).scanner_init(
            event_id=self.other_event.id
        )
        self.assertEqual(data["event"]["id"], self.other_event.id)
        self.assertEqual(data["event"]["name"], "Other Fair")

    def test_init_gives_the_entrance_and_every_room_of_the_event(self):
        event = self.scanner().scanner_init()["event"]
        self.assertEqual(event["entrance"]["name"], "Entrance")
        rooms = {room["name"]: room for room in event["rooms"]}
        # rooms of the sessions, and the lounge opened by the VIP ticket
        self.assertEqual(
            set(rooms), {"Test Hall", "Test Lab", "Test Studio", "Test Lounge"}
        )
        self.assertEqual(rooms["Test Lab"]["capacity"], 2)
        self.assertTrue(rooms["Test Lab"]["restricted"])

    def test_init_limits_a_controller_of_some_rooms_to_them(self):
        event = self.scanner(self.lab_controller).scanner_init()["event"]
        self.assertIsNone(event["entrance"], "no entrance for a lab controller")
        self.assertEqual([room["name"] for room in event["rooms"]], ["Test Lab"])
        # as the scan engine: refused at the entrance, granted in the lab
        self.assertRefused(
            "forbidden",
            self.scanner(self.lab_controller).scanner_scan,
            self.event.id,
            self.bob_reg.barcode,
            nonce(),
        )
        answer = self.scanner(self.lab_controller).scanner_scan(
            self.event.id, self.bob_reg.barcode, nonce(), location_id=self.lab.id
        )
        self.assertTrue(answer["result"]["granted"])

    # ------------------------------------------------------------
    # scanner_scan
    # ------------------------------------------------------------

    def test_scan_answers_the_verdict_the_door_and_fresh_statistics(self):
        answer = self.scanner().scanner_scan(
            self.event.id, self.alice_reg.barcode, nonce()
        )
        result = answer["result"]
        self.assertEqual(result["verdict"], "granted")
        self.assertEqual(result["verdict_label"], "Granted")
        self.assertEqual(result["person"]["name"], "Alice Pass")
        self.assertEqual(result["person"]["ticket"], "Pass")
        self.assertEqual(result["person"]["role_label"], "Participant")
        self.assertEqual(result["door"], "Entrance")
        self.assertEqual(answer["door"]["occupancy"], 1)
        stats = answer["statistics"]
        self.assertEqual(
            (stats["scans"], stats["granted"], stats["refused"], stats["people"]),
            (1, 1, 0, 1),
        )
        again = self.scanner().scanner_scan(
            self.event.id, self.alice_reg.barcode, nonce()
        )
        self.assertEqual(again["result"]["verdict"], "already_inside")
        self.assertEqual(again["result"]["verdict_label"], "Already Inside")
        stats = again["statistics"]
        self.assertEqual(
            (stats["scans"], stats["granted"], stats["refused"], stats["people"]),
            (2, 1, 1, 1),
        )

    def test_scan_retried_with_its_nonce_is_recorded_once(self):
        key = nonce()
        first = self.scanner().scanner_scan(self.event.id, self.alice_reg.barcode, key)
        retry = self.scanner().scanner_scan(self.event.id, self.alice_reg.barcode, key)
        self.assertFalse(first["result"]["duplicate"])
        self.assertTrue(retry["result"]["duplicate"])
        self.assertEqual(retry["result"]["id"], first["result"]["id"])
        self.assertEqual(retry["result"]["verdict"], "granted")
        self.assertEqual(retry["statistics"]["scans"], 1)
        self.assertEqual(
            self.env["coworking.event.scan"].search_count([("nonce", "=", key)]), 1
        )

    def test_scan_at_a_room_answers_its_occupancy_against_its_capacity(self):
        answer = self.scanner().scanner_scan(
            self.event.id,
            self.bob_reg.barcode,
            nonce(),
            location_id=self.lab.id,
        )
        self.assertTrue(answer["result"]["granted"])
        self.assertEqual(answer["result"]["door"], "Test Lab")
        self.assertEqual(
            answer["door"],
            {"id": self.lab.id, "name": "Test Lab", "occupancy": 1, "capacity": 2},
        )
        refused = self.scanner().scanner_scan(
            self.event.id, self.alice_reg.barcode, nonce(), location_id=self.lab.id
        )
        self.assertEqual(refused["result"]["verdict"], "not_registered")
        self.assertEqual(refused["door"]["occupancy"], 1)

    def test_scan_for_an_event_of_another_controller_is_refused(self):
        exception = self.assertRefused(
            "forbidden",
            self.scanner().scanner_scan,
            self.other_event.id,
            self.other_reg.barcode,
            nonce(),
        )
        self.assertIsInstance(exception, UserError)
        self.assertFalse(
            self.env["coworking.event.scan"].search(
                [("event_id", "=", self.other_event.id)]
            )
        )

    def test_scan_refuses_a_room_that_is_no_door_of_the_event(self):
        elsewhere = self.env["event.track.location"].create({"name": "Elsewhere"})
        self.assertRefused(
            "wrong_location",
            self.scanner().scanner_scan,
            self.event.id,
            self.alice_reg.barcode,
            nonce(),
            location_id=elsewhere.id,
        )

    def test_scan_refuses_malformed_input_before_any_work(self):
        scan = self.scanner().scanner_scan
        barcode = self.alice_reg.barcode
        cases = [
            ("bad_event", ("1", barcode, nonce()), {}),
            ("bad_event", (True, barcode, nonce()), {}),
            ("bad_event", (-4, barcode, nonce()), {}),
            ("bad_event", (2**40, barcode, nonce()), {}),
            ("not_found", (2**31 - 1, barcode, nonce()), {}),
            ("bad_location", (self.event.id, barcode, nonce()), {"location_id": "x"}),
            ("invalid_nonce", (self.event.id, barcode, "short"), {}),
            ("invalid_nonce", (self.event.id, barcode, "a b c d e f g h"), {}),
            ("empty_code", (self.event.id, "  ", nonce()), {}),
            ("invalid_code", (self.event.id, "9" * 300, nonce()), {}),
            (
                "invalid_direction",
                (self.event.id, barcode, nonce()),
                {"direction": "up"},
            ),
        ]
        for code, args, kwargs in cases:
            with self.subTest(code=code, args=args[:1], kwargs=kwargs):
                self.assertRefused(code, scan, *args, **kwargs)
        self.assertFalse(
            self.env["coworking.event.scan"].search([("event_id", "=", self.event.id)])
        )

    # ------------------------------------------------------------
    # scanner_search
    # ------------------------------------------------------------

    def test_search_needs_two_characters_and_a_bounded_query(self):
        search = self.scanner().scanner_search
        self.assertRefused("query_too_short", search, self.event.id, "a")
        self.assertRefused("query_too_short", search, self.event.id, "  b  ")
        self.assertRefused(
            "query_too_long", search, self.event.id, "x" * (bounds.MAX_CODE_LENGTH + 1)
        )
        self.assertRefused("bad_query", search, self.event.id, ["alice"])

    def test_search_finds_confirmed_people_by_name_email_company_or_barcode(self):
        self.alice_reg.company_name = "Wonderland Labs"
        search = self.scanner().scanner_search
        for query in ("alice", "ALICE@t.exa", "wonderland", self.alice_reg.barcode):
            with self.subTest(query=query):
                results = search(self.event.id, query)["results"]
                self.assertEqual([r["name"] for r in results], ["Alice Pass"])
                self.assertEqual(results[0]["code"], self.alice_reg.barcode)
                self.assertEqual(results[0]["company"], "Wonderland Labs")
        # a draft registration (unpaid) is no one to let in by hand
        self.assertEqual(search(self.event.id, "carol")["results"], [])

    def test_search_gives_one_line_per_person_with_their_pass_to_scan(self):
        results = self.scanner().scanner_search(self.event.id, "bob")["results"]
        self.assertEqual(len(results), 1)
        bob = results[0]
        self.assertEqual(
            bob["code"], self.bob_reg.barcode, "the pass, not the workshop"
        )
        self.assertEqual(set(bob["tickets"]), {"Pass", "Workshop"})
        self.assertFalse(bob["inside"])
        # the code found lets the person in, and the search then says so
        answer = self.scanner().scanner_scan(self.event.id, bob["code"], nonce())
        self.assertEqual(answer["result"]["person"]["name"], "Bob Workshop")
        self.assertTrue(answer["result"]["granted"])
        again = self.scanner().scanner_search(self.event.id, "bob")["results"]
        self.assertTrue(again[0]["inside"])
        lab = self.scanner().scanner_search(
            self.event.id, "bob", location_id=self.lab.id
        )
        self.assertFalse(lab["results"][0]["inside"], "inside the event, not the lab")

    def test_search_returns_at_most_the_bounded_number_of_people(self):
        with patch.object(bounds, "MAX_SEARCH_RESULTS", 2):
            answer = self.scanner().scanner_search(self.event.id, "t.example")
        # alice, bob, dave, erin are confirmed; carol is a draft
        self.assertEqual(len(answer["results"]), 2)
        self.assertTrue(answer["more"])
        answer = self.scanner().scanner_search(self.event.id, "t.example")
        self.assertEqual(
            [r["name"] for r in answer["results"]],
            ["Alice Pass", "Bob Workshop", "Dave Vip", "Erin Later"],
        )
        self.assertFalse(answer["more"])

    def test_search_in_an_event_of_another_controller_is_refused(self):
        self.assertRefused(
            "forbidden", self.scanner().scanner_search, self.other_event.id, "alice"
        )
        # the controller of the other event finds its own people only
        other = self.scanner(self.other_controller).scanner_search(
            self.other_event.id, "alice"
        )["results"]
        self.assertEqual([r["code"] for r in other], [self.other_reg.barcode])
        self.assertRefused(
            "forbidden",
            self.scanner(self.other_controller).scanner_search,
            self.event.id,
            "alice",
        )

    def test_scanner_of_a_coworking_manager_covers_every_event(self):
        manager = new_test_user(
            self.env,
            login="cw_manager_scanner",
            groups=f"{GROUP}manager",
            name="Coworking Manager",
        )
        data = self.scanner(manager).scanner_init(event_id=self.other_event.id)
        self.assertIn(self.event.id, [e["id"] for e in data["events"]])
        self.assertEqual(data["event"]["entrance"]["name"], "Entrance")
        answer = self.scanner(manager).scanner_scan(
            self.other_event.id, self.other_reg.barcode, nonce()
        )
        self.assertTrue(answer["result"]["granted"])

    def test_rooms_of_a_room_manager_role_are_doors_of_the_event(self):
        office = self.env["event.track.location"].create({"name": "Staff Office"})
        self.env["coworking.event.role"].search(
            [("user_id", "=", self.room_manager.id), ("event_id", "=", self.event.id)]
        ).location_ids = [Command.link(office.id)]
        event = self.scanner(self.room_manager).scanner_init()["event"]
        self.assertEqual(
            [room["name"] for room in event["rooms"]], ["Test Lab", "Staff Office"]
        )
