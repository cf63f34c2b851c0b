# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import EventBadgesCommon


@tagged("post_install", "-at_install")
class TestAnnouncements(EventBadgesCommon):
    """Announcements reach the people of one event who hold the role of
    their audience (participants: confirmed registrations too), by email
    when published."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        Role = cls.env["coworking.event.role"]
        cls.organizer = new_test_user(
            cls.env, login="orga", groups="base.group_user", name="Organizer A"
        )
        cls.exhibitor = Partner.create(
            {"name": "Exhibitor A", "email": "exhibitor@t.example"}
        )
        cls.speaker = Partner.create(
            {"name": "Guest Speaker", "email": "speaker@t.example"}
        )
        cls.no_email = Partner.create({"name": "No Email"})
        sponsor = cls.env["event.sponsor"].create(
            {"event_id": cls.event.id, "partner_id": cls.exhibitor.id}
        )
        Role.create(
            [
                {
                    "event_id": cls.event.id,
                    "user_id": cls.organizer.id,
                    "role": "organizer",
                },
                {
                    "event_id": cls.event.id,
                    "partner_id": cls.exhibitor.id,
                    "role": "exhibitor",
                    "sponsor_id": sponsor.id,
                },
                # a participant without a registration (a guest speaker)
                {
                    "event_id": cls.event.id,
                    "partner_id": cls.speaker.id,
                    "role": "participant",
                },
            ]
        )
        cls._register(cls.no_email, cls.pass_ticket)
        cls.attendees = (
            cls.alice | cls.bob | cls.dave | cls.erin | cls.no_email
        )  # carol's registration is a draft
        cls.controllers = (cls.controller | cls.lab_controller).partner_id
        cls.managers = (cls.room_manager | cls.organizer).partner_id
        cls.Announcement = cls.env["coworking.event.announcement"]

    def announce(self, audience, event=None):
        return self.Announcement.create(
            {
                "event_id": (event or self.event).id,
                "name": f"To {audience}",
                "body": f"<p>Message for {audience}</p>",
                "audience": audience,
            }
        )

    def test_recipients_of_each_audience(self):
        expected = {
            "participants": self.attendees | self.speaker,
            "exhibitors": self.exhibitor,
            "controllers": self.controllers,
            "managers": self.managers,
            "all": self.attendees
            | self.speaker
            | self.exhibitor
            | self.controllers
            | self.managers,
        }
        for audience, partners in expected.items():
            with self.subTest(audience=audience):
                announcement = self.announce(audience)
                self.assertEqual(announcement._recipients(), partners)
                self.assertEqual(announcement.recipient_count, len(partners))

    def test_people_of_another_event_or_unconfirmed_are_not_recipients(self):
        everyone = self.announce("all")._recipients()
        self.assertNotIn(self.other_controller.partner_id, everyone)
        self.assertNotIn(self.carol, everyone, "a draft registration")
        self.assertNotIn(self.stranger, everyone)
        other = self.announce("all", event=self.other_event)._recipients()
        self.assertEqual(other, self.other_controller.partner_id)

    def test_audiences_of_a_person(self):
        audiences = self.Announcement._audiences_of
        self.assertEqual(audiences(self.event, self.alice), {"all", "participants"})
        self.assertEqual(audiences(self.event, self.speaker), {"all", "participants"})
        self.assertEqual(audiences(self.event, self.exhibitor), {"all", "exhibitors"})
        self.assertEqual(
            audiences(self.event, self.controller.partner_id), {"all", "controllers"}
        )
        self.assertEqual(
            audiences(self.event, self.organizer.partner_id), {"all", "managers"}
        )
        self.assertEqual(audiences(self.event, self.carol), set())
        self.assertEqual(audiences(self.other_event, self.alice), set())

    def test_publish_sends_one_email_per_recipient_with_an_address(self):
        announcement = self.announce("participants")
        announcement.action_publish()
        self.assertEqual(announcement.state, "published")
        self.assertTrue(announcement.published_date)
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", announcement._name),
                ("res_id", "=", announcement.id),
            ]
        )
        self.assertEqual(len(mails), 5, "four attendees and the speaker")
        for mail in mails:
            self.assertEqual(len(mail.recipient_ids), 1)
            self.assertIn("Message for participants", mail.body_html)
            self.assertIn(f"/my/events/{self.event.id}", mail.body_html)
            self.assertEqual(mail.subject, "Test Summit: To participants")
        self.assertEqual(
            mails.recipient_ids,
            (self.attendees | self.speaker) - self.no_email,
            "the person without an email address is not mailed",
        )
        self.assertIn(
            "Published and sent to 5 people.",
            announcement.message_ids[:1].body,
        )

    def test_publish_to_exhibitors_mails_only_them(self):
        announcement = self.announce("exhibitors")
        announcement.action_publish()
        mails = self.env["mail.mail"].search(
            [("model", "=", announcement._name), ("res_id", "=", announcement.id)]
        )
        self.assertEqual(mails.recipient_ids, self.exhibitor)

    def test_publishing_twice_is_refused(self):
        announcement = self.announce("all")
        announcement.action_publish()
        count = self.env["mail.mail"].search_count(
            [("model", "=", announcement._name), ("res_id", "=", announcement.id)]
        )
        with self.assertRaises(UserError):
            announcement.action_publish()
        self.assertEqual(
            self.env["mail.mail"].search_count(
                [("model", "=", announcement._name), ("res_id", "=", announcement.id)]
            ),
            count,
            "nobody is mailed twice",
        )
