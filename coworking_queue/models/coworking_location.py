# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import pytz

from odoo import fields, models


class CoworkingLocation(models.Model):
    _inherit = "coworking.location"

    queue_ids = fields.One2many("coworking.queue", "location_id", string="Services")
    queue_counter_ids = fields.One2many(
        "coworking.queue.counter", "location_id", string="Counters"
    )

    def _queue_channel(self):
        self.ensure_one()
        return f"coworking_queue.location.{self.id}"

    def _display_payload(self, now=None, last=8):
        """What the display screen of the location shows: the ticket called
        or served at each open counter, and the last tickets called."""
        self.ensure_one()
        counters = (
            self.env["coworking.queue.counter"]
            .sudo()
            .search([("location_id", "=", self.id), ("state", "!=", "closed")])
        )
        today = (
            pytz.utc.localize(now or fields.Datetime.now())
            .astimezone(pytz.timezone(self.tz))
            .date()
        )
        recent = (
            self.env["coworking.queue.ticket"]
            .sudo()
            .search(
                [
                    ("location_id", "=", self.id),
                    ("called_at", "!=", False),
                    ("day", "=", today),
                ],
                order="called_at desc, id desc",
                limit=last,
            )
        )
        at_counters = {t.counter_id.id: t for t in counters.current_ticket_id}
        return {
            "location_id": self.id,
            "counters": [
                {
                    "id": counter.id,
                    "name": counter.name,
                    "state": counter.state,
                    "ticket": at_counters[counter.id].name
                    if counter.id in at_counters
                    else None,
                    "ticket_state": at_counters[counter.id].state
                    if counter.id in at_counters
                    else None,
                }
                for counter in counters
            ],
            "last_called": [
                {
                    "name": ticket.name,
                    "counter": ticket.counter_id.name or "",
                    "state": ticket.state,
                    "called_at": fields.Datetime.to_string(ticket.called_at),
                }
                for ticket in recent
            ],
        }
