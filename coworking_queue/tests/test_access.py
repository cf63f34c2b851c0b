# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MONDAY, QueueCommon


@tagged("post_install", "-at_install")
class TestAccess(QueueCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls.Ticket._take(cls.reception, now=MONDAY, staff=True)
        cls.other_company = cls.env["res.company"].create({"name": "Dakar Org"})
        calendar = cls._create_calendar("Dakar", "Africa/Dakar", cls.other_company)
        location = cls.env["coworking.location"].create(
            {
                "name": "Dakar",
                "tz": "Africa/Dakar",
                "company_id": cls.other_company.id,
                "resource_calendar_id": calendar.id,
            }
        )
        cls.foreign_queue = cls.env["coworking.queue"].create(
            {"name": "Accueil", "location_id": location.id, "prefix": "D"}
        )
        cls.foreign_ticket = cls.Ticket._take(cls.foreign_queue, now=MONDAY, staff=True)

    def test_an_organisation_sees_only_its_own_queues_and_tickets(self):
        env = self.env(user=self.user_agent)  # current company only
        self.assertIn(self.ticket, env["coworking.queue.ticket"].search([]))
        self.assertNotIn(self.foreign_ticket, env["coworking.queue.ticket"].search([]))
        self.assertNotIn(self.foreign_queue, env["coworking.queue"].search([]))
        self.assertEqual(self.foreign_queue.company_id, self.other_company)
        self.assertEqual(self.foreign_ticket.company_id, self.other_company)

    def test_employees_outside_the_queue_see_no_ticket(self):
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.user_employee).read(["name"])
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.user_portal).read(["name"])

    def test_agents_cannot_configure_and_visitors_cannot_act(self):
        with self.assertRaises(AccessError):
            self.reception.with_user(self.user_agent).write({"prefix": "Z"})
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.user_employee).action_cancel()

    def test_an_agent_changes_only_the_counters_they_work_at(self):
        self.counter_2.user_ids = self.agent_2
        with self.assertRaises(AccessError):
            self.counter_2.with_user(self.user_agent).write({"name": "Mine"})
        self.counter_1.with_user(self.user_agent).write({"name": "Desk 1"})

    def test_the_manager_configures(self):
        queue = (
            self.env["coworking.queue"]
            .with_user(self.user_manager)
            .create({"name": "Managed", "location_id": self.location.id, "prefix": "M"})
        )
        self.assertTrue(queue.sequence_id)
