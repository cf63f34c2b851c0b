# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common import DeskCommon

TOUR = "coworking_desk_tour"
# the key under which the tour reads the participant's QR code
CODE_KEY = "coworking_desk_tour_code"
REASON = "Workshop full, moved to the next session"
REFERENCE = "TERM-REF-42"


@tagged("post_install", "-at_install")
class TestDeskTour(HttpCase, DeskCommon):
    """A full sale at desk A, as its cashier sees it: the participant's
    personal QR code scanned, the workshop ticket (with the session it opens)
    and the dinner paid in cash, the badge printed (nobody marked present),
    the participant marked present, the badges reprinted from the order
    history, then the workshop refunded with a reason, back to the card
    terminal whose reference is asked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.participant = cls.env["res.partner"].create(
            {"name": "Tour Participant", "email": "tour.participant@example.com"}
        )
        cls.token = cls.participant._coworking_issue_credential().token
        room = cls.env["event.track.location"].create({"name": "Test Workshop Room"})
        cls.env["event.track"].create(
            {
                "name": "Test Workshop Session",
                "event_id": cls.event.id,
                "location_id": room.id,
                "coworking_kind": "workshop",
                "coworking_ticket_ids": [Command.link(cls.workshop_ticket.id)],
                "date": fields.Datetime.now() + timedelta(hours=2),
                "duration": 1.0,
            }
        )

    def _start_desk_tour(self, desk, user):
        url = f"/pos/ui?config_id={desk.id}"
        options = {
            "stepDelay": 0,
            "keepWatchBrowser": False,
            "debug": False,
            "startUrl": url,
            "delayToCheckUndeterminisms": 0,
        }
        # the QR code the tour's scanner reads
        code = (
            f"sessionStorage.setItem({json.dumps(CODE_KEY)}, {json.dumps(self.token)});"
            f"odoo.startTour({json.dumps(TOUR)}, {json.dumps(options)});"
        )
        self.start_tour(url, TOUR, login=user.login, code=code, timeout=180)

    def test_cashier_sells_prints_marks_present_and_refunds_at_the_desk(self):
        self._start_desk_tour(self.desk_a, self.cashier_a)

        orders = self.env["pos.order"].search(
            [("config_id", "=", self.desk_a.id)], order="id"
        )
        self.assertEqual(len(orders), 2, "the sale and its refund")
        sale, refund = orders
        self.assertEqual(sale.state, "paid")
        self.assertEqual(sale.partner_id, self.participant)
        self.assertEqual(
            sorted(sale.lines.product_id.mapped("name")),
            ["Test Desk Ticket", "Test Dinner"],
        )
        self.assertEqual(sale.payment_ids.payment_method_id, self.cash_a)

        registration = sale.lines.event_registration_ids
        self.assertEqual(len(registration), 1)
        self.assertEqual(registration.event_ticket_id, self.workshop_ticket)
        # the registration popup was answered with the customer's name and email
        self.assertEqual(registration.name, "Tour Participant")
        self.assertEqual(registration.email, "tour.participant@example.com")
        self.assertEqual(registration.coworking_attendee_id, self.participant)
        self.assertTrue(registration.coworking_paid)
        # marked present at the desk (printing the badge did not), then the
        # refund revoked it with its reason
        self.assertTrue(registration.date_closed, "the participant was present")
        states = (
            self.env["mail.tracking.value"]
            .search(
                [
                    ("mail_message_id.model", "=", "event.registration"),
                    ("mail_message_id.res_id", "=", registration.id),
                    ("field_id.name", "=", "state"),
                ],
                order="id",
            )
            .mapped("new_value_char")
        )
        self.assertEqual(states, ["Attended", "Cancelled"])
        self.assertEqual(registration.state, "cancel")
        self.assertTrue(registration.coworking_revoked)
        self.assertIn(REASON, registration.coworking_revoke_reason)
        self.assertIn(refund.pos_reference, registration.coworking_revoke_reason)

        self.assertEqual(refund.state, "paid")
        self.assertEqual(refund.coworking_refund_reason, REASON)
        self.assertEqual(
            refund.lines.refunded_orderline_id.event_ticket_id, self.workshop_ticket
        )
        self.assertEqual(refund.payment_ids.payment_method_id, self.card)
        self.assertEqual(refund.payment_ids.transaction_id, REFERENCE)
        self.assertAlmostEqual(
            refund.amount_total,
            -sale.lines.filtered("event_ticket_id").price_subtotal_incl,
        )

        # the doors refuse the refunded ticket, and say why
        answer = self.env["coworking.event.scan"].scanner_scan(
            self.event.id, self.token, "desk-tour-after-refund"
        )
        self.assertEqual(answer["result"]["verdict"], "revoked")
        self.assertIn(REASON, answer["result"]["message"])
