# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.coworking_base.tests.common import CronRunnerMixin

from .common import MONDAY, QueueCommon


@tagged("post_install", "-at_install")
class TestClosingCron(CronRunnerMixin, QueueCommon):
    """The scheduled action, run by Odoo's cron runner."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("coworking_queue.ir_cron_close_days")
        # only this test's queues
        cls.env["coworking.queue"].search(
            [("id", "not in", (cls.reception | cls.parcels).ids)]
        ).active = False

    def setUp(self):
        super().setUp()
        self.counter = self.open_counter()
        self.late = self.take(0)
        self.waiting = self.take(1)
        self.Ticket.with_user(self.user_agent)._call_next(self.counter, now=self.at(2))

    def test_called_visitors_who_never_came_are_no_shows(self):
        with freeze_time(self.at(8)):  # grace of 5 minutes passed
            self.run_cron(self.cron)
        self.assertEqual(self.late.state, "no_show")
        self.assertEqual(self.waiting.state, "waiting", "the queue is still open")
        self.assertEqual(self.progress_of(self.cron)[-1], (1, 0))

    def test_within_the_grace_time_nothing_moves(self):
        with freeze_time(self.at(4)):
            self.run_cron(self.cron)
        self.assertEqual(self.late.state, "called")

    def test_tickets_left_at_closing_expire(self):
        evening = MONDAY.replace(hour=19, minute=30)  # 20:30 in Paris
        with freeze_time(evening):
            self.run_cron(self.cron)
        self.assertEqual(self.waiting.state, "expired")
        self.assertEqual(self.waiting.done_at, evening)
        self.assertEqual(self.late.state, "no_show")
        self.assertEqual(self.progress_of(self.cron)[-1], (2, 0))
        tomorrow = self.env["ir.sequence.date_range"].search(
            [
                ("sequence_id", "=", self.reception.sequence_id.id),
                ("date_from", "=", "2026-12-08"),
            ]
        )
        self.assertTrue(tomorrow, "tomorrow's numbers are ready")

    def test_the_cron_works_in_batches(self):
        for minute in range(3, 8):
            self.take(minute)
        with freeze_time(MONDAY.replace(hour=19, minute=30)):
            self.cron.code = "model._cron_close_days(batch_size=2)"
            self.run_cron(self.cron)
        self.assertEqual(
            self.Ticket.search_count(
                [("queue_id", "=", self.reception.id), ("state", "=", "waiting")]
            ),
            0,
        )
        progress = self.progress_of(self.cron)
        self.assertEqual(progress[0], (2, 5))
        self.assertEqual(progress[-1][1], 0)
