# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo.tests import tagged

from .common import QueueCommon


@tagged("post_install", "-at_install")
class TestOrdering(QueueCommon):
    """Who is called next: arrival order, priority tickets moved forward by
    the queue's advance, the limit of priority calls in a row, appointments
    near their time, tickets sent to a counter."""

    def setUp(self):
        super().setUp()
        self.counter = self.open_counter()

    def called_order(self, count):
        return [self.serve(self.counter, 60 + 2 * i).name for i in range(count)]

    def test_normal_tickets_are_called_in_arrival_order(self):
        names = [self.take(minute).name for minute in (0, 1, 2)]
        self.assertEqual(names, ["A-001", "A-002", "A-003"], "prefix upper-cased")
        self.assertEqual(self.called_order(3), names)

    def test_a_priority_ticket_goes_before_recent_normal_tickets(self):
        self.take(0)
        self.take(5)
        self.take(8, "express")
        self.take(9, "vip")
        # express and VIP rank 10 minutes earlier: at -2 and -1
        self.assertEqual(self.called_order(4), ["A-003", "A-004", "A-001", "A-002"])

    def test_a_normal_ticket_waits_at_most_the_advance_for_later_priority(self):
        self.take(0)
        self.take(11, "vip")  # ranks at minute 1: after the normal ticket
        self.assertEqual(self.called_order(2), ["A-001", "A-002"])

    def test_priority_calls_in_a_row_are_limited(self):
        """With a limit of 2, a normal ticket comes after two priority
        tickets even though later priority tickets rank before it."""
        self.take(20)  # A-001, normal
        for minute in range(21, 26):
            self.take(minute, "vip")  # A-002..A-006, ranked before A-001
        self.assertEqual(
            self.called_order(6),
            ["A-002", "A-003", "A-001", "A-004", "A-005", "A-006"],
        )

    def test_priority_streak_without_limit_serves_priority_first(self):
        self.reception.max_priority_streak = 0
        self.take(20)
        for minute in range(21, 24):
            self.take(minute, "vip")
        self.assertEqual(self.called_order(4), ["A-002", "A-003", "A-004", "A-001"])

    def test_an_appointment_is_called_near_its_time(self):
        appointment = self.at(30)
        self.take(0)
        ticket = self.take(1, appointment_at=appointment)
        self.assertEqual(ticket.ticket_type, "appointment")
        self.assertEqual(ticket.rank, appointment - timedelta(minutes=5))
        self.take(24)  # before the appointment's window: served first
        self.take(26)  # after it: served after the appointment
        self.assertEqual(self.called_order(4), ["A-001", "A-003", "A-002", "A-004"])

    def test_a_ticket_sent_to_a_counter_is_called_there_first(self):
        self.take(0)
        sent = self.take(1)
        other = self.open_counter(self.counter_2, self.agent_2)
        self.Ticket.with_user(self.agent_2)._call_next(other, now=self.at(2))
        ticket = other.current_ticket_id
        self.assertEqual(ticket.name, "A-001")
        ticket.with_user(self.agent_2).action_transfer(
            counter=self.counter, now=self.at(3)
        )
        self.assertEqual(ticket.target_counter_id, self.counter)
        # counter 2 does not get it back; counter 1 takes it before A-002
        self.assertEqual(self.serve(other, 4), sent)
        self.assertEqual(self.serve(self.counter, 6), ticket)

    def test_positions_and_wait_ranges_follow_the_order(self):
        self.take(0)
        self.take(1)
        vip = self.take(2, "vip")
        tickets = self.Ticket.search([("queue_id", "=", self.reception.id)])
        live = self.env["coworking.queue"]._live_positions(
            self.reception, now=self.at(3)
        )
        positions = {ticket.name: live[ticket.id][0] for ticket in tickets}
        self.assertEqual(positions, {"A-003": 1, "A-001": 2, "A-002": 3})
        low, high = live[vip.id][1:]
        self.assertEqual((low, high), (0, 5), "the next ticket, a free counter")
        # one open counter, 5 minutes per visitor: the third waits ~10 min
        self.assertEqual(
            live[tickets.filtered(lambda t: t.name == "A-002").id][1:], (5, 15)
        )
        for _position, low, high in live.values():
            self.assertLess(low, high)
            self.assertEqual(low % 5 + high % 5, 0, "ranges in steps of 5 min")
