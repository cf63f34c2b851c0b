# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import EventBadgesCommon


@tagged("post_install", "-at_install")
class TestDeferredAttendees(EventBadgesCommon):
    """Registering costs what it costs in Odoo: the attendee (a person, and
    their credential) is given after the commit, or on the spot by the pages
    that show it."""

    def setUp(self):
        super().setUp()
        # no confirmation email: its badge would give the attendee at once
        self.event.event_mail_ids.unlink()

    def _register_later(self, **values):
        env = self.env(context={})
        return env["event.registration"].create(
            {
                "event_id": self.event.id,
                "event_ticket_id": self.pass_ticket.id,
                "name": "Late Larry",
                "email": "larry@t.example",
                "state": "open",
                **values,
            }
        )

    def test_registering_schedules_the_attendee_after_the_commit(self):
        registration = self._register_later()
        other = self._register_later(name="Other", email="other@t.example")
        self.assertFalse(registration.coworking_attendee_id)
        # both wait for the transaction's one callback
        self.assertLessEqual(
            {registration.id, other.id},
            self.env.cr.postcommit.data["coworking_attendees"],
        )
        # what the callback does, in its own transaction after the commit
        registration._coworking_ensure_attendee()
        self.assertEqual(registration.coworking_attendee_id.email, "larry@t.example")
        self.assertTrue(registration._coworking_credential())

    def test_the_barcode_opens_the_door_before_the_attendee_is_given(self):
        registration = self._register_later()
        scan = self.scan(registration.barcode)
        self.assertEqual(scan.verdict, "granted", scan.message)

    def test_the_pages_of_a_person_give_their_attendees_on_the_spot(self):
        larry = self.env["res.partner"].create(
            {"name": "Larry", "email": "Larry@t.example"}
        )
        registration = self._register_later()
        self.env["event.registration"]._coworking_ensure_attendees_of(larry)
        self.assertEqual(registration.coworking_attendee_id, larry)
        self.assertTrue(registration._coworking_credential())

    def test_a_badge_printed_before_the_attendee_shows_odoo_barcode(self):
        """The confirmation email sent in the registration's transaction
        carries a badge with Odoo's QR (the registration barcode, which the
        doors accept); once the attendee is given, the personal QR."""
        registration = self._register_later()
        report = self.env.ref("coworking_event_badges.action_report_coworking_badge_a6")
        html = report._render_qweb_html(report, registration.ids)[0].decode()
        self.assertIn(registration.barcode, html)
        registration._coworking_ensure_attendee()
        credential = registration._coworking_credential()
        html = report._render_qweb_html(report, registration.ids)[0].decode()
        self.assertIn(credential.qr_image.decode()[:200], html)
