# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.coworking_base.tools import qr_token

from ..exceptions import ScanRefused
from .common import EventBadgesCommon, nonce


@tagged("post_install", "-at_install")
class TestScanVerdicts(EventBadgesCommon):
    """Every answer a door gives, each for the reason it names."""

    def assertVerdict(self, scan, verdict, *words):
        self.assertEqual(scan.verdict, verdict, scan.message)
        for word in words:
            self.assertIn(word, scan.message)

    def test_confirmed_registration_enters_the_event(self):
        scan = self.scan(self.token(self.alice))
        self.assertVerdict(scan, "granted", "Alice Pass")
        self.assertEqual(scan.partner_id, self.alice)
        self.assertEqual(scan.registration_id, self.alice_reg)
        self.assertEqual(scan.code_kind, "credential")
        self.assertTrue(scan.granted)

    def test_one_qr_per_person_for_every_event(self):
        """The same credential opens every event its holder is registered in."""
        self._register(
            self.alice,
            self.env["event.event.ticket"].create(
                {
                    "name": "Fair pass",
                    "event_id": self.other_event.id,
                    "product_id": self.pass_ticket.product_id.id,
                }
            ),
        )
        self.assertEqual(len(self.alice.coworking_credential_ids), 1)
        scans = self.env["coworking.event.scan"].with_user(self.other_controller)
        scan, _duplicate = scans._coworking_scan(
            self.other_event, self.token(self.alice), nonce()
        )
        self.assertVerdict(scan, "granted")
        self.assertVerdict(self.scan(self.token(self.alice)), "granted")

    def test_odoo_registration_barcode_keeps_working(self):
        scan = self.scan(self.alice_reg.barcode)
        self.assertVerdict(scan, "granted")
        self.assertEqual(scan.code_kind, "barcode")
        self.assertEqual(scan.partner_id, self.alice)

    def test_attendee_without_partner_gets_a_person_and_a_credential(self):
        registration = self.env["event.registration"].create(
            {
                "event_id": self.event.id,
                "event_ticket_id": self.pass_ticket.id,
                "name": "Walk-in Guest",
                "email": "walkin@t.example",
                "state": "open",
            }
        )
        attendee = registration.coworking_attendee_id
        self.assertEqual(attendee.email, "walkin@t.example")
        self.assertTrue(registration._coworking_credential())
        self.assertVerdict(self.scan(self.token(attendee)), "granted", "Walk-in")

    def test_unknown_codes(self):
        self.assertVerdict(self.scan("hello, door"), "unknown")
        self.assertVerdict(self.scan("1234567890123"), "unknown")
        key, tag = self.env["coworking.credential"]._signing_material()
        forged = qr_token.sign(key, tag, qr_token.new_handle())
        self.assertVerdict(self.scan(forged), "unknown")

    def test_tampered_code(self):
        token = self.token(self.alice)
        tampered = token[:-4] + ("AAAA" if token[-4:] != "AAAA" else "BBBB")
        scan = self.scan(tampered)
        self.assertVerdict(scan, "tampered")
        self.assertFalse(scan.granted)

    def test_revoked_credential(self):
        token = self.token(self.alice)
        self.alice.coworking_credential_ids.action_revoke("lost badge")
        self.assertVerdict(self.scan(token), "revoked")
        self.assertVerdict(self.scan(self.alice_reg.barcode), "granted")

    def test_revoked_registration(self):
        self.alice_reg._coworking_revoke("refunded by RINV/0001")
        scan = self.scan(self.token(self.alice))
        self.assertVerdict(scan, "revoked", "RINV/0001")

    def test_not_registered(self):
        self.assertVerdict(
            self.scan(self.token(self.stranger)), "not_registered", "Stranger"
        )

    def test_unconfirmed_registration_is_unpaid(self):
        # a credential from elsewhere (a membership): the door knows Carol
        self.carol._coworking_issue_credential()
        self.assertVerdict(self.scan(self.token(self.carol)), "unpaid")
        self.assertVerdict(self.scan(self.carol_reg.barcode), "unpaid")

    def test_restricted_room_closed_to_a_plain_pass(self):
        scan = self.scan(self.token(self.alice), location=self.lounge)
        self.assertVerdict(scan, "wrong_room", "Test Lounge")

    def test_ticket_opens_its_restricted_room(self):
        self.assertVerdict(
            self.scan(self.token(self.dave), location=self.lounge), "granted"
        )

    def test_registration_opens_an_extra_room(self):
        self.alice_reg.coworking_location_ids = [Command.link(self.lounge.id)]
        self.assertVerdict(
            self.scan(self.token(self.alice), location=self.lounge), "granted"
        )

    def test_paid_workshop_open_to_its_ticket_holders_only(self):
        granted = self.scan(self.token(self.bob), location=self.lab)
        self.assertVerdict(granted, "granted")
        self.assertEqual(granted.track_id, self.workshop)
        self.assertEqual(granted.registration_id, self.bob_workshop_reg)
        refused = self.scan(self.token(self.alice), location=self.lab)
        self.assertVerdict(refused, "not_registered", "Workshop Now")

    def test_workshop_ticket_not_paid(self):
        frank = self.env["res.partner"].create(
            {"name": "Frank", "email": "f@t.example"}
        )
        self._register(frank, self.pass_ticket)
        self._register(frank, self.workshop_ticket, state="draft")
        scan = self.scan(self.token(frank), location=self.lab)
        self.assertVerdict(scan, "unpaid", "Workshop Now")

    def test_workshop_room_before_the_session(self):
        scan = self.scan(self.token(self.erin), location=self.studio)
        self.assertVerdict(scan, "session_not_started", "Test Studio")
        # its room opens a quarter of an hour before it starts
        self.later_workshop.date = self.now + timedelta(minutes=10)
        self.assertVerdict(
            self.scan(self.token(self.erin), location=self.studio), "granted"
        )

    def test_cancelled_session_no_longer_opens_its_room(self):
        self.workshop.action_coworking_cancel()
        self.assertVerdict(
            self.scan(self.token(self.bob), location=self.lab), "wrong_room"
        )

    def test_already_inside_until_exit(self):
        token = self.token(self.alice)
        self.assertVerdict(self.scan(token), "granted")
        self.assertVerdict(self.scan(token), "already_inside")
        self.assertVerdict(self.scan(token, direction="out"), "granted", "Goodbye")
        self.assertVerdict(self.scan(token), "granted")
        Scan = self.env["coworking.event.scan"]
        self.assertEqual(Scan._occupancy(self.event, self.hall.browse()), 1)

    def test_room_full_until_someone_leaves(self):
        gina = self.env["res.partner"].create({"name": "Gina", "email": "g@t.example"})
        hank = self.env["res.partner"].create({"name": "Hank", "email": "h@t.example"})
        for person in (gina, hank):
            self._register(person, self.workshop_ticket)
        self.assertVerdict(
            self.scan(self.token(self.bob), location=self.lab), "granted"
        )
        self.assertVerdict(self.scan(self.token(gina), location=self.lab), "granted")
        self.assertVerdict(
            self.scan(self.token(hank), location=self.lab), "room_full", "2"
        )
        self.assertEqual(self.lab.coworking_occupancy, 2)
        self.scan(self.token(self.bob), location=self.lab, direction="out")
        self.assertVerdict(self.scan(self.token(hank), location=self.lab), "granted")
        self.lab.invalidate_recordset(["coworking_occupancy"])
        self.assertEqual(self.lab.coworking_occupancy, 2)

    def test_event_not_open_yet(self):
        tomorrow = self._create_event("Tomorrow Forum", self.now + timedelta(days=1))
        ticket = self.env["event.event.ticket"].create(
            {
                "name": "Forum pass",
                "event_id": tomorrow.id,
                "product_id": self.pass_ticket.product_id.id,
            }
        )
        self._register(self.alice, ticket)
        scan, _dup = self.env["coworking.event.scan"]._coworking_scan(
            tomorrow, self.token(self.alice), nonce()
        )
        self.assertVerdict(scan, "event_closed", "Tomorrow Forum")

    def test_staff_of_the_event_enter_without_a_ticket(self):
        self.room_manager.partner_id._coworking_issue_credential()
        scan = self.scan(self.token(self.room_manager.partner_id), location=self.lab)
        self.assertVerdict(scan, "granted")

    def test_every_scan_is_logged_with_its_verdict(self):
        self.scan(self.token(self.alice))
        self.scan("garbage")
        self.scan(self.token(self.stranger))
        scans = self.env["coworking.event.scan"].search(
            [("event_id", "=", self.event.id)]
        )
        self.assertEqual(
            sorted(scans.mapped("verdict")), ["granted", "not_registered", "unknown"]
        )
        self.assertEqual(set(scans.user_id.ids), {self.controller.id})


@tagged("post_install", "-at_install")
class TestScanInput(EventBadgesCommon):
    """What a door refuses to evaluate at all: a clear refusal, nothing
    recorded."""

    def assertRefused(self, reason, **kwargs):
        code = kwargs.pop("code", self.token(self.alice))
        kwargs.setdefault("key", nonce())
        with self.assertRaises(ScanRefused) as caught:
            self.scan(code, **kwargs)
        self.assertEqual(caught.exception.code, reason)
        self.assertFalse(
            self.env["coworking.event.scan"].search_count(
                [("event_id", "=", self.event.id)]
            )
        )

    def test_bad_nonces(self):
        self.assertRefused("invalid_nonce", key="short")
        self.assertRefused("invalid_nonce", key="x" * 65)
        self.assertRefused("invalid_nonce", key="with spaces in it")

    def test_bad_codes(self):
        self.assertRefused("empty_code", code="   ")
        self.assertRefused("invalid_code", code="9" * 300)

    def test_bad_direction(self):
        self.assertRefused("invalid_direction", direction="sideways")

    def test_scan_dates_are_bounded(self):
        self.assertRefused("scan_in_future", at=self.now + timedelta(hours=1))
        self.assertRefused("scan_too_old", at=self.now - timedelta(days=4))

    def test_controller_of_another_event_cannot_scan(self):
        self.assertRefused("forbidden", user=self.other_controller)

    def test_controller_of_one_room_scans_there_only(self):
        self.assertRefused("forbidden", user=self.lab_controller)
        scan = self.scan(
            self.token(self.bob), location=self.lab, user=self.lab_controller
        )
        self.assertEqual(scan.verdict, "granted")
