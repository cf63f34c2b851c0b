# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
from datetime import timedelta

import psycopg2
from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from odoo.addons.coworking_base.tools.api_input import MAX_BODY_BYTES
from odoo.addons.coworking_base.tools.openapi import API_PREFIX

from .api_common import NOW, EventApiCommon, stamp
from .common import nonce


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestEventApi(EventApiCommon):
    # -- events ---------------------------------------------------------

    def events(self, user, **params):
        response = self.call("GET", "/events", self.key(user), params=params)
        data = self.assertAnswer(response, "EventList")
        return {event["id"]: event for event in data["events"]}

    def test_events_list_the_callers_roles_rooms_and_registration(self):
        events = self.events(self.room_manager)
        self.assertEqual(list(events), [self.event.id])
        summit = events[self.event.id]
        self.assertEqual(summit["name"], "Test Summit")
        self.assertEqual(
            (summit["date_begin"], summit["date_end"], summit["tz"]),
            ("2026-12-07T10:00:00Z", "2026-12-07T20:00:00Z", "UTC"),
        )
        self.assertEqual((summit["can_scan"], summit["registered"]), (True, False))
        self.assertEqual(
            summit["roles"],
            [
                {
                    "role": "room_manager",
                    "rooms": [{"id": self.lab.id, "name": "Test Lab"}],
                    "booth": None,
                }
            ],
        )
        rooms = {room["id"]: room for room in summit["rooms"]}
        self.assertEqual(set(rooms), {self.hall.id, self.lab.id, self.studio.id})
        self.assertEqual(
            rooms[self.lab.id],
            {"id": self.lab.id, "name": "Test Lab", "capacity": 2, "restricted": True},
        )
        participant = self.events(self.participant)[self.event.id]
        self.assertEqual(
            (participant["registered"], participant["can_scan"], participant["roles"]),
            (True, False, []),
        )
        exhibitor = self.events(self.exhibitor)[self.event.id]
        self.assertEqual(
            exhibitor["roles"],
            [
                {
                    "role": "exhibitor",
                    "rooms": [],
                    "booth": {"id": self.booth.id, "name": "Robots Inc"},
                }
            ],
        )
        self.assertFalse(exhibitor["can_scan"])
        self.assertEqual(
            list(self.events(self.other_controller)), [self.other_event.id]
        )
        # no part in any event: nothing, whatever the groups
        self.assertEqual(self.events(self.outsider), {})
        self.assertEqual(self.events(self.manager), {})

    def test_finished_events_are_listed_on_request(self):
        past = self._create_event("Past Forum", NOW - timedelta(days=5))
        self.env["coworking.event.role"].create(
            {"event_id": past.id, "user_id": self.controller.id}
        )
        self.assertEqual(list(self.events(self.controller)), [self.event.id])
        self.assertEqual(
            list(self.events(self.controller, period="all")),
            [self.event.id, past.id],
        )
        self.assertEqual(
            list(self.events(self.controller, period="all", limit=1)),
            [self.event.id],
        )
        for params in ({"period": "past"}, {"limit": 0}, {"limit": 101}):
            with self.subTest(params=params):
                response = self.call(
                    "GET", "/events", self.key(self.controller), params=params
                )
                self.assertError(response, 400, "invalid_field")

    # -- scans ------------------------------------------------------------

    def test_a_scan_refused_a_stale_snapshot_is_retried_at_once(self):
        """Another scan of the person committed meanwhile: PostgreSQL refuses
        this transaction's snapshot; the route runs the scan again at once,
        in a new transaction, and records it once."""
        Scan = type(self.env["coworking.event.scan"])
        original = Scan._coworking_scan
        calls = []

        def _coworking_scan(records, *args, **kwargs):
            calls.append(1)
            if len(calls) == 1:
                raise psycopg2.errors.SerializationFailure()
            return original(records, *args, **kwargs)

        self.patch(Scan, "_coworking_scan", _coworking_scan)
        response = self.post_scan(self.token(self.alice))
        answer = self.assertAnswer(response, "EventScanResult", 201)
        self.assertEqual(answer["verdict"], "granted")
        self.assertEqual(len(calls), 2)
        self.assertEqual(len(self.scans_of()), 1)

    def test_a_scan_is_recorded_once_per_nonce(self):
        body = self.scan_body(self.token(self.alice), device="Door 1")
        path = f"/events/{self.event.id}/scans"
        response = self.call("POST", path, self.key(self.controller), body)
        first = self.assertAnswer(response, "EventScanResult", 201)
        self.assertEqual(
            (first["verdict"], first["granted"], first["duplicate"]),
            ("granted", True, False),
        )
        self.assertIn("Alice Pass", first["message"])
        self.assertEqual(
            first["person"],
            {
                "name": "Alice Pass",
                "company": "",
                "ticket": "Pass",
                "role": "participant",
            },
        )
        self.assertEqual(first["scanned_at"], "2026-12-07T11:00:00Z")
        self.assertEqual((first["direction"], first["location"]), ("in", None))
        # the answer was lost: the scanner sends the scan again
        response = self.call("POST", path, self.key(self.controller), body)
        again = self.assertAnswer(response, "EventScanResult", 200)
        self.assertEqual(again["id"], first["id"])
        self.assertTrue(again["duplicate"])
        self.assertEqual(again["verdict"], "granted")
        scan = self.scans_of()
        self.assertEqual(scan.ids, [first["id"]])
        self.assertEqual(
            (scan.nonce, scan.device, scan.user_id, scan.source),
            (body["nonce"], "Door 1", self.controller, "online"),
        )

    def test_a_refused_entry_is_a_recorded_scan(self):
        for code, location, verdict in (
            (self.token(self.stranger), None, "not_registered"),
            ("garbage", None, "unknown"),
            (self.token(self.alice), self.lounge, "wrong_room"),
        ):
            with self.subTest(verdict=verdict):
                response = self.post_scan(
                    code, location_id=location and location.id, device=None
                )
                result = self.assertAnswer(response, "EventScanResult", 201)
                self.assertEqual(result["verdict"], verdict)
                self.assertFalse(result["granted"])
        self.assertEqual(
            sorted(self.scans_of().mapped("verdict")),
            ["not_registered", "unknown", "wrong_room"],
        )

    def test_a_scan_at_a_room_tells_its_session_and_occupancy(self):
        response = self.post_scan(self.token(self.bob), location_id=self.lab.id)
        result = self.assertAnswer(response, "EventScanResult", 201)
        self.assertTrue(result["granted"])
        self.assertEqual(
            result["location"],
            {"id": self.lab.id, "name": "Test Lab", "occupancy": 1, "capacity": 2},
        )
        self.assertEqual(
            result["session"], {"id": self.workshop.id, "name": "Workshop Now"}
        )
        self.assertEqual(result["person"]["ticket"], "Workshop")
        # an exit dated a minute earlier, sent later
        response = self.post_scan(
            self.token(self.bob),
            location_id=self.lab.id,
            direction="out",
            scanned_at=stamp(-1),
        )
        result = self.assertAnswer(response, "EventScanResult", 201)
        self.assertEqual(result["scanned_at"], "2026-12-07T10:59:00Z")
        self.assertEqual(result["location"]["occupancy"], 1)

    def test_scanning_where_the_caller_controls_no_badges_is_forbidden(self):
        code = self.token(self.alice)
        for user in (
            self.other_controller,
            self.lab_controller,
            self.participant,
            self.exhibitor,
            self.outsider,
        ):
            with self.subTest(user=user.login):
                error = self.assertError(self.post_scan(code, user), 403, "forbidden")
                self.assertIn("Test Summit", error["message"])
        self.assertFalse(self.scans_of())
        # the lab's controller scans at the lab; an administrator anywhere
        response = self.post_scan(
            self.token(self.bob), self.lab_controller, location_id=self.lab.id
        )
        self.assertAnswer(response, "EventScanResult", 201)
        self.assertAnswer(self.post_scan(code, self.manager), "EventScanResult", 201)

    def test_unknown_archived_or_foreign_records_are_not_found(self):
        code = self.token(self.alice)
        self.other_event.active = False
        for event_id in (2**31 - 1, self.foreign_event.id, self.other_event.id):
            with self.subTest(event_id=event_id):
                response = self.call(
                    "POST",
                    f"/events/{event_id}/scans",
                    self.key(self.manager),
                    self.scan_body(code),
                )
                error = self.assertError(response, 404, "not_found")
                self.assertEqual(error["field"], "event_id")
                for path in ("statistics", "announcements"):
                    response = self.call(
                        "GET", f"/events/{event_id}/{path}", self.key(self.manager)
                    )
                    self.assertError(response, 404, "not_found")
        error = self.assertError(
            self.post_scan(code, location_id=2**31 - 1), 404, "not_found"
        )
        self.assertEqual(error["field"], "location_id")
        response = self.call(
            "POST",
            f"/events/{self.event.id}/scans/upload",
            self.key(self.controller),
            {
                "scans": [
                    {**self.scan_body(code), "scanned_at": stamp(-5)},
                    {
                        **self.scan_body(code),
                        "scanned_at": stamp(-4),
                        "location_id": 2**31 - 1,
                    },
                ]
            },
        )
        error = self.assertError(response, 404, "not_found")
        self.assertEqual(error["field"], "scans[1].location_id")
        for path, field in (
            ("/events/tracks/%s/questions", "track_id"),
            ("/events/booths/%s/visits", "sponsor_id"),
        ):
            with self.subTest(path=path):
                response = self.call("GET", path % (2**31 - 1), self.key(self.manager))
                error = self.assertError(response, 404, "not_found")
                self.assertEqual(error["field"], field)
        self.assertFalse(self.scans_of())

    def test_malformed_scans_are_refused_as_documented(self):
        code = self.token(self.alice)
        for values, field in (
            ({"nonce": "short"}, "nonce"),
            ({"nonce": "x" * 65}, "nonce"),
            ({"nonce": "with spaces"}, "nonce"),
            ({"code": ""}, "code"),
            ({"code": "9" * 257}, "code"),
            ({"code": "nul\x00byte"}, "code"),
            ({"direction": "sideways"}, "direction"),
            ({"location_id": 0}, "location_id"),
            ({"location_id": "3"}, "location_id"),
            ({"scanned_at": "yesterday"}, "scanned_at"),
            ({"scanned_at": "1999-12-31T23:00:00Z"}, "scanned_at"),
            ({"device": "d" * 65}, "device"),
        ):
            with self.subTest(values=values):
                error = self.assertError(
                    self.post_scan(code, **values), 400, "invalid_field"
                )
                self.assertEqual(error["field"], field)
        key = self.key(self.controller)
        path = f"/events/{self.event.id}/scans"
        error = self.assertError(
            self.call("POST", path, key, {"nonce": nonce()}), 400, "missing_field"
        )
        self.assertEqual(error["fields"], ["code"])
        error = self.assertError(
            self.call("POST", path, key, self.scan_body(code, seats=2)),
            400,
            "unknown_field",
        )
        self.assertEqual(error["fields"], ["seats"])
        for raw in ("{not json", "[1, 2]"):
            with self.subTest(raw=raw):
                response = self.call("POST", path, key, raw=raw)
                self.assertError(response, 400, "malformed_json")
        for event_id in ("abc", "0", "-3", str(2**31)):
            with self.subTest(event_id=event_id):
                response = self.call(
                    "POST", f"/events/{event_id}/scans", key, self.scan_body(code)
                )
                error = self.assertError(response, 400, "invalid_field")
                self.assertEqual(error["field"], "event_id")
        response = self.call(
            "POST", path, key, self.scan_body(code), params={"verbose": 1}
        )
        self.assertError(response, 400, "unknown_parameter")
        response = self.url_open(
            f"{API_PREFIX}{path}",
            data="code=1",
            headers={
                "Authorization": f"Bearer {key}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        self.assertError(response, 415, "unsupported_media_type")
        response = self.call(
            "POST",
            path,
            key,
            raw=json.dumps(self.scan_body(code, device="d" * MAX_BODY_BYTES)),
        )
        self.assertError(response, 413, "payload_too_large")
        for bad_key in (None, "not-a-key"):
            with self.subTest(key=bad_key):
                response = self.call("POST", path, bad_key, self.scan_body(code))
                self.assertError(response, 401, "unauthorized")
        self.assertFalse(self.scans_of())

    def test_scans_dated_out_of_bounds_or_blank_are_refused(self):
        code = self.token(self.alice)
        for values, reason in (
            ({"scanned_at": stamp(-4 * 24 * 60)}, "scan_too_old"),
            ({"scanned_at": stamp(60)}, "scan_in_future"),
            ({"code": "   "}, "empty_code"),
        ):
            with self.subTest(reason=reason):
                self.assertError(self.post_scan(code, **values), 422, reason)
        # a local time repeated by the end of summer time in Paris
        self.event.date_tz = "Europe/Paris"
        response = self.post_scan(code, scanned_at="2026-10-25T02:30:00")
        error = self.assertError(response, 422, "ambiguous_time")
        self.assertEqual(error["field"], "scanned_at")
        self.assertFalse(self.scans_of())

    def test_a_nonce_of_another_event_or_scanner_is_a_conflict(self):
        body = self.scan_body(self.token(self.alice))
        response = self.call(
            "POST", f"/events/{self.event.id}/scans", self.key(self.controller), body
        )
        first = self.assertAnswer(response, "EventScanResult", 201)
        for user, event in (
            (self.other_controller, self.other_event),
            (self.organizer, self.event),
        ):
            with self.subTest(user=user.login):
                response = self.call(
                    "POST", f"/events/{event.id}/scans", self.key(user), body
                )
                error = self.assertError(response, 409, "nonce_reused")
                self.assertEqual(error["field"], "nonce")
                self.assertNotIn("Alice", response.text)
        scans = self.env["coworking.event.scan"].search([("nonce", "=", body["nonce"])])
        self.assertEqual(scans.ids, [first["id"]])

    def test_a_preflight_request_records_no_scan(self):
        response = self.opener.request(
            "OPTIONS",
            self.base_url() + f"{API_PREFIX}/events/{self.event.id}/scans",
            data=json.dumps(self.scan_body(self.token(self.alice))),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.key(self.controller)}",
            },
            timeout=30,
        )
        self.assertEqual(response.status_code, 204)
        self.assertEqual(response.headers["Allow"], "OPTIONS, POST")
        self.assertFalse(self.scans_of())

    # -- offline upload -----------------------------------------------------

    def upload(self, scans, user=None, status=200, **values):
        response = self.call(
            "POST",
            f"/events/{self.event.id}/scans/upload",
            self.key(user or self.controller),
            {"scans": scans, **values},
        )
        if status != 200:
            return response
        return self.assertAnswer(response, "EventScanUploadResult")

    def test_an_offline_upload_is_judged_in_the_order_scans_were_made(self):
        alice, bob = self.token(self.alice), self.token(self.bob)
        # Bob's entry reached the server before the scanner went offline
        online = self.assertAnswer(
            self.post_scan(bob, scanned_at=stamp(-40)), "EventScanResult", 201
        )
        entry = {"code": alice, "nonce": nonce(), "scanned_at": stamp(-10)}
        sent = [
            {
                "code": alice,
                "nonce": nonce(),
                "scanned_at": stamp(-5),
                "direction": "out",
            },
            entry,
            {"code": alice, "nonce": nonce(), "scanned_at": stamp(-30)},
            {"code": bob, "nonce": self.scans_of().nonce, "scanned_at": stamp(-40)},
            dict(entry),
        ]
        data = self.upload(sent, device="Phone 7")
        results = data["results"]
        self.assertEqual([r["nonce"] for r in results], [s["nonce"] for s in sent])
        self.assertEqual(
            [(r["verdict"], r["direction"], r["duplicate"]) for r in results],
            [
                # in the order they were made: in at -30, in again at -10
                # (still inside), out at -5
                ("granted", "out", False),
                ("already_inside", "in", False),
                ("granted", "in", False),
                ("granted", "in", True),
                ("already_inside", "in", True),
            ],
        )
        self.assertEqual(results[3]["id"], online["id"])
        self.assertEqual(results[4]["id"], results[1]["id"])
        self.assertEqual((data["recorded"], data["duplicates"]), (3, 2))
        uploaded = self.scans_of().filtered(lambda scan: scan.source == "offline")
        self.assertEqual(len(uploaded), 3)
        self.assertEqual(set(uploaded.mapped("device")), {"Phone 7"})
        # Alice went out last: only Bob is inside
        Scan = self.env["coworking.event.scan"]
        self.assertEqual(Scan._occupancy(self.event, self.hall.browse()), 1)
        # sent again (the answer was lost): the same scans, nothing more
        again = self.upload(sent, device="Phone 7")
        self.assertEqual(
            [r["id"] for r in again["results"]], [r["id"] for r in results]
        )
        self.assertEqual((again["recorded"], again["duplicates"]), (0, 5))
        self.assertEqual(len(self.scans_of()), 4)

    def test_an_upload_with_a_refused_scan_names_it_and_records_nothing(self):
        alice = self.token(self.alice)
        good = {"code": alice, "nonce": nonce(), "scanned_at": stamp(-10)}
        old = {"code": alice, "nonce": nonce(), "scanned_at": stamp(-4 * 24 * 60)}
        error = self.assertError(
            self.upload([good, old], status=422), 422, "scan_too_old"
        )
        self.assertEqual(error["field"], "scans[1]")
        self.assertFalse(self.scans_of())
        # the nonce of another event's scan
        taken = self.scan_body(alice)
        response = self.call(
            "POST",
            f"/events/{self.other_event.id}/scans",
            self.key(self.other_controller),
            taken,
        )
        self.assertEqual(response.status_code, 201, response.text)
        reused = {**taken, "scanned_at": stamp(-3)}
        error = self.assertError(
            self.upload([good, reused], status=409), 409, "nonce_reused"
        )
        self.assertEqual(error["field"], "scans[1].nonce")
        self.assertFalse(self.scans_of())
        # a door the caller does not control
        at_lounge = {**good, "location_id": self.lounge.id}
        self.assertError(
            self.upload([at_lounge], user=self.lab_controller, status=403),
            403,
            "forbidden",
        )
        tiny = {"code": "1", "nonce": "abcdefgh", "scanned_at": stamp(-1)}
        for scans in ([], [{**good, "scanned_at": None}], [tiny] * 501):
            with self.subTest(count=len(scans)):
                error = self.assertError(
                    self.upload(scans, status=400), 400, "invalid_field"
                )
                self.assertEqual(error["field"], "scans")
        self.assertFalse(self.scans_of())

    # -- statistics ---------------------------------------------------------

    def statistics(self, user, status=200, **params):
        response = self.call(
            "GET",
            f"/events/{self.event.id}/statistics",
            self.key(user),
            params=params,
        )
        if status != 200:
            return response
        return self.assertAnswer(response, "EventStatistics")

    def test_statistics_of_the_scanner_and_of_the_whole_event(self):
        self.post_scan(self.token(self.alice))
        self.post_scan(self.token(self.stranger))
        self.post_scan(self.token(self.bob), self.room_manager, location_id=self.lab.id)
        mine = self.statistics(self.controller)
        self.assertEqual(
            {
                key: mine[key]
                for key in ("scope", "since", "scans", "granted", "refused", "people")
            },
            {
                "scope": "mine",
                "since": "2026-12-07T00:00:00Z",
                "scans": 2,
                "granted": 1,
                "refused": 1,
                "people": 2,
            },
        )
        self.assertEqual(
            mine["by_room"],
            [
                {
                    "location_id": None,
                    "name": "Entrance",
                    "granted": 1,
                    "refused": 1,
                    "people": 2,
                    "occupancy": 1,
                    "capacity": 0,
                }
            ],
        )
        for user in (self.room_manager, self.organizer, self.manager):
            with self.subTest(user=user.login):
                whole = self.statistics(user, all="true")
                self.assertEqual((whole["scope"], whole["scans"]), ("all", 3))
                lab = [r for r in whole["by_room"] if r["location_id"] == self.lab.id]
                self.assertEqual((lab[0]["granted"], lab[0]["occupancy"]), (1, 1))
        self.assertEqual(self.statistics(self.room_manager)["scans"], 1)
        self.assertError(
            self.statistics(self.controller, 403, all="true"), 403, "forbidden"
        )
        for user in (self.participant, self.exhibitor, self.other_controller):
            with self.subTest(user=user.login):
                self.assertError(self.statistics(user, 403), 403, "forbidden")
        self.assertError(
            self.statistics(self.controller, 400, all="yes"), 400, "invalid_field"
        )


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestEventApiFrench(EventApiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(["coworking_base"], ["fr_FR"])
        cls.event.with_context(lang="fr_FR").name = "Sommet de test"
        cls.french = new_test_user(
            cls.env,
            "cw_ev_api_fr",
            groups="base.group_portal",
            name="Fanny",
            email="fanny@t.example",
            lang="fr_FR",
        )
        cls._register(cls.french.partner_id, cls.pass_ticket)
        cls.keys[cls.french.login] = (
            cls.env["res.users.apikeys"]
            .with_user(cls.french)
            .sudo()
            ._generate(None, "fr", None)
        )

    def test_a_french_key_gets_french_answers(self):
        response = self.call("GET", "/events", self.key(self.french))
        data = self.assertAnswer(response, "EventList")
        self.assertEqual([e["name"] for e in data["events"]], ["Sommet de test"])
        response = self.call("GET", "/events/0/statistics", self.key(self.french))
        error = self.assertError(response, 400, "invalid_field")
        self.assertIn("au moins 1", error["message"])
        # the same request in English for an English key
        response = self.call("GET", "/events", self.key(self.participant))
        data = self.assertAnswer(response, "EventList")
        self.assertEqual([e["name"] for e in data["events"]], ["Test Summit"])
