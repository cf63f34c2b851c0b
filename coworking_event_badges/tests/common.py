# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import uuid
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

GROUP = "coworking_base.group_coworking_"


def nonce():
    return uuid.uuid4().hex


class EventBadgesCommon(BaseCommon):
    """An event running now with three rooms (an open hall, a restricted
    workshop lab with a capacity of two, a VIP lounge), a pass, a VIP pass
    and a paid workshop ticket; one user per role; participants in every
    state a door must tell apart."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # attendees and credentials in the test's transaction (they are given
        # after the commit otherwise, which a test never reaches)
        cls.env = cls.env(context=dict(cls.env.context, coworking_attendees_now=True))
        cls.now = fields.Datetime.now().replace(microsecond=0)
        Location = cls.env["event.track.location"]
        cls.hall = Location.create({"name": "Test Hall"})
        cls.lab = Location.create(
            {"name": "Test Lab", "coworking_restricted": True, "coworking_capacity": 2}
        )
        cls.lounge = Location.create(
            {"name": "Test Lounge", "coworking_restricted": True}
        )
        cls.studio = Location.create(
            {"name": "Test Studio", "coworking_restricted": True}
        )
        cls.event = cls._create_event("Test Summit", cls.now - timedelta(hours=1))
        cls.other_event = cls._create_event("Other Fair", cls.now - timedelta(hours=1))
        product = cls.env.ref("event_product.product_product_event")
        Ticket = cls.env["event.event.ticket"]
        cls.pass_ticket = Ticket.create(
            {"name": "Pass", "event_id": cls.event.id, "product_id": product.id}
        )
        cls.vip_ticket = Ticket.create(
            {
                "name": "VIP",
                "event_id": cls.event.id,
                "product_id": product.id,
                "price": 100,
                "coworking_location_ids": [Command.link(cls.lounge.id)],
            }
        )
        cls.workshop_ticket = Ticket.create(
            {
                "name": "Workshop",
                "event_id": cls.event.id,
                "product_id": product.id,
                "price": 40,
            }
        )
        cls.later_ticket = Ticket.create(
            {
                "name": "Later Workshop",
                "event_id": cls.event.id,
                "product_id": product.id,
                "price": 40,
            }
        )
        Track = cls.env["event.track"]
        cls.workshop = Track.create(
            {
                "name": "Workshop Now",
                "event_id": cls.event.id,
                "location_id": cls.lab.id,
                "coworking_kind": "workshop",
                "coworking_ticket_ids": [Command.link(cls.workshop_ticket.id)],
                "date": cls.now - timedelta(minutes=5),
                "duration": 1.0,
            }
        )
        cls.later_workshop = Track.create(
            {
                "name": "Workshop Later",
                "event_id": cls.event.id,
                "location_id": cls.studio.id,
                "coworking_kind": "workshop",
                "coworking_ticket_ids": [Command.link(cls.later_ticket.id)],
                "date": cls.now + timedelta(hours=3),
                "duration": 1.0,
            }
        )
        cls.keynote = Track.create(
            {
                "name": "Keynote",
                "event_id": cls.event.id,
                "location_id": cls.hall.id,
                "date": cls.now - timedelta(minutes=10),
                "duration": 1.0,
            }
        )
        # people
        cls.controller = new_test_user(
            cls.env,
            login="ctrl",
            groups=f"{GROUP}badge_controller",
            name="Controller A",
        )
        cls.other_controller = new_test_user(
            cls.env,
            login="ctrl_b",
            groups=f"{GROUP}badge_controller",
            name="Controller B",
        )
        cls.room_manager = new_test_user(
            cls.env,
            login="roomman",
            groups=f"{GROUP}room_manager",
            name="Room Manager A",
        )
        cls.lab_controller = new_test_user(
            cls.env,
            login="labctrl",
            groups=f"{GROUP}badge_controller",
            name="Lab Controller",
        )
        Role = cls.env["coworking.event.role"]
        Role.create(
            [
                {
                    "event_id": cls.event.id,
                    "user_id": cls.controller.id,
                    "role": "badge_controller",
                },
                {
                    "event_id": cls.other_event.id,
                    "user_id": cls.other_controller.id,
                    "role": "badge_controller",
                },
                {
                    "event_id": cls.event.id,
                    "user_id": cls.room_manager.id,
                    "role": "room_manager",
                    "location_ids": [Command.link(cls.lab.id)],
                },
                {
                    "event_id": cls.event.id,
                    "user_id": cls.lab_controller.id,
                    "role": "badge_controller",
                    "location_ids": [Command.link(cls.lab.id)],
                },
            ]
        )
        Partner = cls.env["res.partner"]
        cls.alice = Partner.create({"name": "Alice Pass", "email": "alice@t.example"})
        cls.bob = Partner.create({"name": "Bob Workshop", "email": "bob@t.example"})
        cls.carol = Partner.create({"name": "Carol Draft", "email": "carol@t.example"})
        cls.dave = Partner.create({"name": "Dave Vip", "email": "dave@t.example"})
        cls.erin = Partner.create({"name": "Erin Later", "email": "erin@t.example"})
        cls.stranger = Partner.create({"name": "Stranger", "email": "x@t.example"})
        cls.alice_reg = cls._register(cls.alice, cls.pass_ticket)
        cls.bob_reg = cls._register(cls.bob, cls.pass_ticket)
        cls.bob_workshop_reg = cls._register(cls.bob, cls.workshop_ticket)
        cls.carol_reg = cls._register(cls.carol, cls.pass_ticket, state="draft")
        cls.dave_reg = cls._register(cls.dave, cls.vip_ticket)
        cls.erin_reg = cls._register(cls.erin, cls.pass_ticket)
        cls.erin_later_reg = cls._register(cls.erin, cls.later_ticket)
        # a stranger with a credential and no registration
        cls.stranger._coworking_issue_credential()

    @classmethod
    def _create_event(cls, name, begin, hours=10):
        return cls.env["event.event"].create(
            {
                "name": name,
                "date_begin": begin,
                "date_end": begin + timedelta(hours=hours),
                "date_tz": "UTC",
            }
        )

    @classmethod
    def _register(cls, partner, ticket, state="open"):
        return cls.env["event.registration"].create(
            {
                "event_id": ticket.event_id.id,
                "event_ticket_id": ticket.id,
                "partner_id": partner.id,
                "name": partner.name,
                "email": partner.email,
                "state": state,
            }
        )

    @classmethod
    def token(cls, partner):
        credential = partner.coworking_credential_ids.filtered(
            lambda c: c.state == "active"
        )[:1]
        return credential.token

    def scan(self, code, location=None, direction="in", user=None, at=None, key=None):
        """Scan ``code`` as ``user`` (the event's controller by default);
        return the recorded scan."""
        scans = self.env["coworking.event.scan"].with_user(user or self.controller)
        scan, _duplicate = scans._coworking_scan(
            self.event,
            code,
            key or nonce(),
            location=location,
            direction=direction,
            scanned_at=at,
        )
        return scan
