# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime

import psycopg2
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.coworking_base.tests.common import CronRunnerMixin

from .assistant_common import NOW, AssistantCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestAssistantNotices(CronRunnerMixin, AssistantCommon):
    """The hourly reminders, through the cron runner: a booking starting
    within a day and credit hours ending within a week, each told once in
    the member's chat with the assistant."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("coworking_ai.ir_cron_coworking_ai_assistant_notices")
        cls.Notice = cls.env["coworking.ai.assistant.notice"]
        cls.bot = cls.env["coworking.ai.assistant"]._bot_partner()
        # the notices of the database's own data are not this test's
        cls.Notice._cron_send_notices(batch_size=10_000)

    def bot_messages(self, user):
        channel = self.env["coworking.ai.assistant"]._chat_channel(user)
        return channel.message_ids.filtered(lambda m: m.author_id == self.bot)

    def test_upcoming_booking_and_expiring_credits_are_told_once(self):
        # tomorrow at 08:00 in Paris, within 24 hours
        soon = self.book(
            self.room,
            datetime(2026, 11, 25, 7, 0),
            datetime(2026, 11, 25, 8, 0),
            partner=self.portal_partner,
        )
        later = self.book(
            self.room,
            datetime(2026, 11, 27, 9, 0),
            datetime(2026, 11, 27, 10, 0),
            partner=self.portal_partner,
        )
        # hours given by hand, valid until Sunday: within a week
        grant = self.Credit.create(
            {
                "membership_id": self.membership_b.id,
                "type": "adjust",
                "unit": "hours",
                "amount": 3,
                "valid_from": NOW.date(),
                "valid_to": date(2026, 11, 29),
            }
        )
        told_before = self.Notice.search([])
        self.run_cron(self.cron)
        notices = self.Notice.search([]) - told_before
        self.assertEqual(notices.booking_id, soon)
        self.assertNotIn(later, notices.booking_id, "more than a day ahead")
        self.assertIn(grant, notices.credit_id)
        self.assertIn(
            self.portal_b_partner,
            notices.filtered(lambda n: n.credit_id == grant).partner_ids,
        )
        told_portal = self.bot_messages(self.user_portal)
        self.assertEqual(len(told_portal.filtered(lambda m: soon.name in m.body)), 1)
        expiries = self.bot_messages(self.user_portal_b).mapped("body")
        self.assertTrue([body for body in expiries if "3 credit hours" in body])
        self.assertEqual(self.progress_of(self.cron)[-1], (len(notices), 0))
        self.run_cron(self.cron)
        self.assertEqual(self.Notice.search([]) - told_before, notices, "told once")
        self.assertEqual(self.bot_messages(self.user_portal), told_portal)
        self.assertEqual(len(self.bot_messages(self.user_portal_b)), len(expiries))
        self.assertEqual(self.progress_of(self.cron)[-1], (0, 0))

    def test_batches_report_what_is_left(self):
        bookings = self.env["coworking.booking"]
        for hour in range(12, 15):
            bookings |= self.book(
                self.room,
                datetime(2026, 11, 24, hour, 0),
                datetime(2026, 11, 24, hour, 30),
                partner=self.portal_partner,
            )
        done = self.Notice._cron_send_notices(batch_size=2)
        self.assertEqual(done, 2)
        self.assertEqual(
            self.Notice.search_count([("booking_id", "in", bookings.ids)]), 2
        )
        self.Notice._cron_send_notices(batch_size=2)
        self.assertEqual(
            self.Notice.search_count([("booking_id", "in", bookings.ids)]), 3
        )

    def test_a_second_notice_of_a_booking_is_refused_by_the_database(self):
        booking = self.book(
            self.room,
            datetime(2026, 11, 25, 7, 0),
            datetime(2026, 11, 25, 8, 0),
            partner=self.portal_partner,
        )
        values = {
            "kind": "booking",
            "company_id": booking.company_id.id,
            "booking_id": booking.id,
        }
        self.Notice.create(values)
        with (
            self.assertRaises(psycopg2.errors.UniqueViolation),
            self.cr.savepoint(),
            mute_logger("odoo.sql_db"),
        ):
            self.Notice.create(values)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestAssistantAccess(AssistantCommon):
    """Who reads the assistant's records: reminders for staff, pending
    requests for managers; nobody writes them but the assistant."""

    def test_rights_per_group(self):
        self.Assistant.with_user(self.user_portal)._answer("book Test Room")
        pending = self.pending_of(self.user_portal)
        self.assertEqual(pending.stage, "ask")
        notice = self.env["coworking.ai.assistant.notice"].create(
            {
                "kind": "booking",
                "company_id": self.env.company.id,
                "booking_id": self.book(
                    self.room,
                    datetime(2026, 12, 1, 9, 0),
                    datetime(2026, 12, 1, 10, 0),
                    partner=self.portal_partner,
                ).id,
            }
        )
        for user in (self.user_portal, self.user_employee):
            for record in (pending, notice):
                with self.assertRaises(AccessError):
                    record.with_user(user).read(["company_id"])
        notice.with_user(self.user_front).read(["kind"])
        with self.assertRaises(AccessError):
            pending.with_user(self.user_front).read(["intent"])
        pending.with_user(self.user_manager).read(["intent"])
        for user in (self.user_front, self.user_manager):
            for record in (pending, notice):
                with self.assertRaises(AccessError):
                    record.with_user(user).write({"company_id": self.env.company.id})

    def test_records_of_another_company_are_hidden(self):
        self._create_company_b()
        self.Assistant.with_user(self.user_portal)._answer("book Test Room")
        pending = self.pending_of(self.user_portal)
        pending.company_id = self.company_b
        self.user_manager.company_ids = self.env.company
        self.assertFalse(
            self.Pending.with_user(self.user_manager).search([("id", "=", pending.id)])
        )
