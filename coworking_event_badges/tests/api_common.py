# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, timedelta

from odoo.tests import HttpCase, new_test_user

from odoo.addons.coworking_base.tests.api_common import ApiClientMixin

from .common import GROUP, EventBadgesCommon, nonce

# Monday 7 December 2026, 11:00 UTC: the tests' event runs from 10:00 to 20:00
NOW = datetime(2026, 12, 7, 11, 0)


def stamp(minutes):
    """``NOW`` plus some minutes, as a scanner sends it."""
    return (NOW + timedelta(minutes=minutes)).isoformat() + "Z"


class EventApiCommon(ApiClientMixin, HttpCase, EventBadgesCommon):
    """The event of ``EventBadgesCommon`` with two exhibitors' booths; an API
    key for each of its users with a part in it (badge controllers, a room
    manager, an organizer, a participant, two exhibitors), for a controller
    of another event, a coworking administrator and a portal user with no
    part in any event; an event of another company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, "cw_ev_api_manager", groups=f"{GROUP}manager", name="Admin"
        )
        cls.organizer = new_test_user(
            cls.env,
            "cw_ev_api_organizer",
            groups=f"{GROUP}room_manager",
            name="Organizer",
        )
        cls.participant = new_test_user(
            cls.env,
            "cw_ev_api_participant",
            groups="base.group_portal",
            name="Paula Participant",
            email="paula@t.example",
        )
        cls.outsider = new_test_user(
            cls.env,
            "cw_ev_api_outsider",
            groups="base.group_portal",
            name="Oscar Outsider",
            email="oscar@t.example",
        )
        cls.exhibitor = new_test_user(
            cls.env,
            "cw_ev_api_exhibitor",
            groups="base.group_portal",
            name="Ella Exhibitor",
            email="ella@t.example",
        )
        cls.other_exhibitor = new_test_user(
            cls.env,
            "cw_ev_api_exhibitor_b",
            groups="base.group_portal",
            name="Emil Exhibitor",
            email="emil@t.example",
        )
        cls.participant_reg = cls._register(cls.participant.partner_id, cls.pass_ticket)
        booth_type = cls.env["event.sponsor.type"].create({"name": "Test Booths"})
        Sponsor = cls.env["event.sponsor"]
        cls.booth, cls.other_booth = Sponsor.create(
            [
                {
                    "event_id": cls.event.id,
                    "sponsor_type_id": booth_type.id,
                    "partner_id": cls.env["res.partner"]
                    .create({"name": name, "is_company": True})
                    .id,
                }
                for name in ("Robots Inc", "Drones Ltd")
            ]
        )
        cls.env["coworking.event.role"].create(
            [
                {
                    "event_id": cls.event.id,
                    "user_id": cls.organizer.id,
                    "role": "organizer",
                },
                {
                    "event_id": cls.event.id,
                    "user_id": cls.exhibitor.id,
                    "role": "exhibitor",
                    "sponsor_id": cls.booth.id,
                },
                {
                    "event_id": cls.event.id,
                    "user_id": cls.other_exhibitor.id,
                    "role": "exhibitor",
                    "sponsor_id": cls.other_booth.id,
                },
            ]
        )
        other_company = cls.env["res.company"].create({"name": "Other Venue"})
        cls.foreign_event = cls.env["event.event"].create(
            {
                "name": "Foreign Expo",
                "date_begin": cls.event.date_begin,
                "date_end": cls.event.date_end,
                "date_tz": "UTC",
                "company_id": other_company.id,
            }
        )
        Keys = cls.env["res.users.apikeys"]
        cls.keys = {
            user.login: Keys.with_user(user).sudo()._generate(None, user.login, None)
            for user in (
                cls.controller,
                cls.other_controller,
                cls.room_manager,
                cls.lab_controller,
                cls.manager,
                cls.organizer,
                cls.participant,
                cls.outsider,
                cls.exhibitor,
                cls.other_exhibitor,
            )
        }

    # -- helpers --------------------------------------------------------

    def key(self, user):
        return self.keys[user.login]

    def assertAnswer(self, response, schema, status=200):
        """The JSON answered, checked against the document."""
        self.assertEqual(response.status_code, status, response.text)
        data = response.json()
        self.assertSchema(data, schema)
        return data

    def scan_body(self, badge, **values):
        """A scan of the code ``badge`` with a new nonce; ``values`` add to
        it or replace them."""
        return {"code": badge, "nonce": nonce(), **values}

    def post_scan(self, badge, user=None, event=None, **values):
        """POST a scan of ``badge`` (by the event's controller by default);
        the response."""
        return self.call(
            "POST",
            f"/events/{(event or self.event).id}/scans",
            self.key(user or self.controller),
            self.scan_body(badge, **values),
        )

    def scans_of(self, event=None):
        return self.env["coworking.event.scan"].search(
            [("event_id", "=", (event or self.event).id)]
        )
