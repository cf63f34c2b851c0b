# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from ..exceptions import ScanRefused
from .common import EventBadgesCommon, nonce


@tagged("post_install", "-at_install")
class TestRolesAccess(EventBadgesCommon):
    """Rights follow the role held in the event concerned: the staff of
    one event see nothing of another; exhibitors see their own visitors."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Scan = cls.env["coworking.event.scan"]
        fair_ticket = cls.env["event.event.ticket"].create(
            {
                "name": "Fair pass",
                "event_id": cls.other_event.id,
                "product_id": cls.pass_ticket.product_id.id,
            }
        )
        cls.fair_reg = cls._register(cls.alice, fair_ticket)
        cls.fair_scan = Scan.with_user(cls.other_controller)._coworking_scan(
            cls.other_event, cls.token(cls.alice), nonce()
        )[0]
        cls.summit_scan = Scan.with_user(cls.controller)._coworking_scan(
            cls.event, cls.token(cls.alice), nonce()
        )[0]
        cls.fair_session = cls.env["event.track"].create(
            {"name": "Fair Talk", "event_id": cls.other_event.id}
        )
        Sponsor = cls.env["event.sponsor"]
        company = cls.env["res.partner"].create({"name": "Booth Co"})
        cls.booth_a = Sponsor.create(
            {"event_id": cls.event.id, "partner_id": company.id, "name": "Booth A"}
        )
        cls.booth_b = Sponsor.create(
            {"event_id": cls.event.id, "partner_id": company.id, "name": "Booth B"}
        )
        cls.exhibitor_a = new_test_user(
            cls.env, login="exh_a", groups="base.group_portal", name="Exhibitor A"
        )
        cls.exhibitor_b = new_test_user(
            cls.env, login="exh_b", groups="base.group_portal", name="Exhibitor B"
        )
        Role = cls.env["coworking.event.role"]
        for user, booth in (
            (cls.exhibitor_a, cls.booth_a),
            (cls.exhibitor_b, cls.booth_b),
        ):
            Role.create(
                {
                    "event_id": cls.event.id,
                    "user_id": user.id,
                    "role": "exhibitor",
                    "sponsor_id": booth.id,
                }
            )
        Lead = cls.env["coworking.event.lead"]
        cls.lead_a = Lead.with_user(cls.exhibitor_a)._coworking_booth_scan(
            cls.booth_a, cls.token(cls.alice), nonce(), note="Wants a demo"
        )[0]
        cls.lead_b = Lead.with_user(cls.exhibitor_b)._coworking_booth_scan(
            cls.booth_b, cls.token(cls.bob), nonce()
        )[0]

    def test_controller_sees_only_the_events_of_their_roles(self):
        env = self.env(user=self.controller)
        self.assertEqual(
            env["event.event"].search(
                [("id", "in", (self.event + self.other_event).ids)]
            ),
            self.event,
        )
        self.assertFalse(
            env["event.registration"].search([("event_id", "=", self.other_event.id)])
        )
        self.assertEqual(
            env["coworking.event.scan"].search([]), self.summit_scan.with_env(env)
        )
        with self.assertRaises(AccessError):
            self.fair_scan.with_env(env).read(["verdict"])
        with self.assertRaises(AccessError):
            self.fair_reg.with_env(env).read(["name"])

    def test_controller_cannot_write_scans(self):
        with self.assertRaises(AccessError):
            self.summit_scan.with_user(self.controller).write({"verdict": "granted"})
        with self.assertRaises(AccessError):
            self.summit_scan.with_user(self.controller).unlink()

    def test_room_manager_runs_the_sessions_of_their_event_only(self):
        workshop = self.workshop.with_user(self.room_manager)
        workshop.action_coworking_start()
        workshop.action_coworking_finish()
        self.assertEqual(self.workshop.coworking_session_state, "done")
        with self.assertRaises(AccessError):
            self.fair_session.with_user(self.room_manager).action_coworking_start()

    def test_event_users_and_coworking_managers_see_every_event(self):
        event_user = new_test_user(
            self.env, login="evuser", groups="event.group_event_user"
        )
        manager = new_test_user(
            self.env, login="cwman", groups="coworking_base.group_coworking_manager"
        )
        for user in (event_user, manager):
            scans = self.env["coworking.event.scan"].with_user(user).search([])
            self.assertLessEqual(self.fair_scan + self.summit_scan, scans.sudo())

    def test_registration_desk_of_odoo_is_not_restricted(self):
        """Odoo's own registration desk users keep every event."""
        desk = new_test_user(
            self.env, login="desk", groups="event.group_event_registration_desk"
        )
        events = (
            self.env["event.event"]
            .with_user(desk)
            .search([("id", "in", (self.event + self.other_event).ids)])
        )
        self.assertEqual(events, self.event + self.other_event)

    def test_exhibitor_reads_only_the_visitors_they_scanned(self):
        env = self.env(user=self.exhibitor_a)
        leads = env["coworking.event.lead"].search([])
        self.assertEqual(leads, self.lead_a.with_env(env))
        self.assertEqual(leads.visitor_name, "Alice Pass")
        self.assertEqual(leads.visitor_email, "alice@t.example")
        with self.assertRaises(AccessError):
            self.lead_b.with_env(env).read(["visitor_email"])
        with self.assertRaises(AccessError):
            self.bob.with_env(env).read(["email"])
        leads.note = "Demo booked for Monday"
        self.assertEqual(self.lead_a.note, "Demo booked for Monday")

    def test_exhibitor_cannot_scan_at_another_booth(self):
        with self.assertRaises(ScanRefused) as caught:
            self.env["coworking.event.lead"].with_user(
                self.exhibitor_a
            )._coworking_booth_scan(self.booth_b, self.token(self.dave), nonce())
        self.assertEqual(caught.exception.code, "forbidden")

    def test_booth_scan_of_an_unregistered_visitor_is_refused(self):
        with self.assertRaises(ScanRefused) as caught:
            self.env["coworking.event.lead"].with_user(
                self.exhibitor_a
            )._coworking_booth_scan(self.booth_a, self.token(self.stranger), nonce())
        self.assertEqual(caught.exception.code, "not_registered")

    def test_a_retried_booth_scan_is_recorded_once(self):
        Lead = self.env["coworking.event.lead"].with_user(self.exhibitor_a)
        key = nonce()
        first, duplicate = Lead._coworking_booth_scan(
            self.booth_a, self.token(self.dave), key
        )
        self.assertFalse(duplicate)
        again, duplicate = Lead._coworking_booth_scan(
            self.booth_a, self.token(self.dave), key
        )
        self.assertTrue(duplicate)
        self.assertEqual(again, first)
        stats = Lead._booth_statistics(self.booth_a)
        self.assertEqual(stats, {"total": 2, "today": 2, "visitors": 2})

    def test_exhibitor_role_needs_a_booth_of_the_event(self):
        other_booth = self.env["event.sponsor"].create(
            {
                "event_id": self.other_event.id,
                "partner_id": self.booth_a.partner_id.id,
            }
        )
        with self.assertRaises(ValidationError), mute_logger("odoo.sql_db"):
            self.env["coworking.event.role"].create(
                {
                    "event_id": self.event.id,
                    "partner_id": self.stranger.id,
                    "role": "exhibitor",
                    "sponsor_id": other_booth.id,
                }
            )


@tagged("post_install", "-at_install")
class TestStaffRota(EventBadgesCommon):
    def test_a_slot_gives_the_role_for_its_room(self):
        slot = self.env["coworking.event.staff.slot"].create(
            {
                "event_id": self.event.id,
                "location_id": self.lounge.id,
                "user_id": self.other_controller.id,
                "date_begin": self.now,
                "date_end": self.now + timedelta(hours=2),
            }
        )
        role = self.env["coworking.event.role"].search(
            [
                ("event_id", "=", self.event.id),
                ("user_id", "=", self.other_controller.id),
            ]
        )
        self.assertEqual(role.role, "badge_controller")
        self.assertEqual(role.location_ids, slot.location_id)
        scan = self.scan(
            self.token(self.dave), location=self.lounge, user=self.other_controller
        )
        self.assertEqual(scan.verdict, "granted")

    def test_one_person_in_one_room_at_a_time(self):
        Slot = self.env["coworking.event.staff.slot"]
        values = {
            "event_id": self.event.id,
            "location_id": self.hall.id,
            "user_id": self.controller.id,
            "date_begin": self.now,
            "date_end": self.now + timedelta(hours=2),
        }
        Slot.create(values)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            Slot.create(
                dict(
                    values,
                    location_id=self.lab.id,
                    date_begin=self.now + timedelta(hours=1),
                    date_end=self.now + timedelta(hours=3),
                )
            )

    def test_slot_within_the_event(self):
        with self.assertRaises(ValidationError):
            self.env["coworking.event.staff.slot"].create(
                {
                    "event_id": self.event.id,
                    "location_id": self.hall.id,
                    "user_id": self.controller.id,
                    "date_begin": self.now + timedelta(days=2),
                    "date_end": self.now + timedelta(days=2, hours=1),
                }
            )


@tagged("post_install", "-at_install")
class TestAttendanceReport(EventBadgesCommon):
    def test_registered_against_present_per_door_and_session(self):
        self.scan(self.token(self.alice))
        self.scan(self.token(self.bob))
        self.scan(self.token(self.bob), location=self.lab)
        self.scan(self.token(self.alice), location=self.hall)
        self.scan(self.token(self.stranger))  # refused: not counted
        self.env.flush_all()
        rows = {
            (row.kind, row.track_id.name or ""): row
            for row in self.env["coworking.event.attendance.report"].search(
                [("event_id", "=", self.event.id)]
            )
        }
        entrance = rows[("event", "")]
        # Alice, Bob, Dave, Erin confirmed; Carol's registration is a draft
        self.assertEqual(
            (entrance.registered_count, entrance.present_count, entrance.absent_count),
            (4, 2, 2),
        )
        workshop = rows[("workshop", "Workshop Now")]
        self.assertEqual((workshop.registered_count, workshop.present_count), (1, 1))
        keynote = rows[("conference", "Keynote")]
        self.assertEqual((keynote.registered_count, keynote.present_count), (4, 1))

    def test_room_manager_sees_the_attendance_of_their_event_only(self):
        rows = (
            self.env["coworking.event.attendance.report"]
            .with_user(self.room_manager)
            .search([])
        )
        self.assertEqual(rows.event_id, self.event)
