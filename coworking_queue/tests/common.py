# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, timedelta

from odoo.tests import new_test_user

from odoo.addons.coworking_base.tests.common import CoworkingCommon

# Monday 7 December 2026, 10:00 UTC = 11:00 in Paris (open 8:00-20:00)
MONDAY = datetime(2026, 12, 7, 10, 0)


class QueueCommon(CoworkingCommon):
    """Two services of the Paris location, two counters serving both, two
    agents; times are given explicitly (``now=``) from ``MONDAY``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Ticket = cls.env["coworking.queue.ticket"]
        cls.reception = cls.env["coworking.queue"].create(
            {
                "name": "Reception",
                "location_id": cls.location.id,
                "prefix": "a",
                "priority_advance": 10,
                "max_priority_streak": 2,
            }
        )
        cls.parcels = cls.env["coworking.queue"].create(
            {"name": "Parcels", "location_id": cls.location.id, "prefix": "B"}
        )
        cls.agent_2 = new_test_user(
            cls.env,
            "cw_agent_2",
            groups="coworking_base.group_coworking_queue_agent",
            name="Agent Two",
        )
        cls.counter_1, cls.counter_2 = cls.env["coworking.queue.counter"].create(
            [
                {
                    "name": f"Counter {number}",
                    "location_id": cls.location.id,
                    "queue_ids": [(6, 0, (cls.reception | cls.parcels).ids)],
                    "user_ids": [(6, 0, (cls.user_agent | cls.agent_2).ids)],
                }
                for number in (1, 2)
            ]
        )

    def at(self, minutes):
        """``MONDAY`` plus some minutes."""
        return MONDAY + timedelta(minutes=minutes)

    def take(self, minutes, ticket_type="normal", queue=None, **kwargs):
        return self.Ticket._take(
            queue or self.reception,
            ticket_type,
            now=self.at(minutes),
            staff=True,
            **kwargs,
        )

    def open_counter(self, counter=None, user=None):
        counter = (counter or self.counter_1).with_user(user or self.user_agent)
        counter.action_open()
        return counter

    def serve(self, counter, minutes):
        """Call the next ticket at ``counter`` and serve it at once."""
        ticket = self.Ticket.with_user(counter.env.user)._call_next(
            counter, now=self.at(minutes)
        )
        if ticket:
            ticket.action_start(now=self.at(minutes))
            ticket.action_served(now=self.at(minutes + 1))
        return ticket
