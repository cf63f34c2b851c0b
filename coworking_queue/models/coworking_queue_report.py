# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models, tools
from odoo.tools import SQL

from .coworking_queue import TICKET_TYPES
from .coworking_queue_ticket import STATES

HOURS = [(f"{hour:02d}", f"{hour:02d}:00") for hour in range(24)]
# "<field>:p90" reads the 90th percentile of the field's values in each group
PERCENTILE_FIELDS = ("wait_p90", "service_p90")


class CoworkingQueueReport(models.Model):
    """Waits, service times and outcomes of the queue tickets, one row per
    ticket, for the pivot and graph of the queue analytics.

    Every figure is read with SQL aggregates over the tickets of each group,
    so each cell of a pivot is exact, whatever the grouping: counts are
    sums, averages are averages of the tickets (not of sub-groups), the no-
    show rate is the average of 0 or 100 over the called tickets, and the
    p90 measures (aggregator ``p90``, see ``_read_group_select``) are the
    PostgreSQL ``percentile_cont(0.9)`` of the group's tickets."""

    _name = "coworking.queue.report"
    _description = "Queue Analytics"
    _auto = False
    _order = "day desc, id desc"
    # tickets changed in this transaction are written before the view is read
    _depends = {
        "coworking.queue.ticket": [
            "day",
            "queue_id",
            "location_id",
            "company_id",
            "ticket_type",
            "state",
            "counter_id",
            "agent_id",
            "hour",
            "called_at",
            "transferred_from_id",
            "wait_minutes",
            "service_minutes",
        ],
    }

    ticket_id = fields.Many2one("coworking.queue.ticket", readonly=True)
    day = fields.Date(readonly=True, help="Day at the location.")
    queue_id = fields.Many2one("coworking.queue", string="Service", readonly=True)
    location_id = fields.Many2one("coworking.location", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    ticket_type = fields.Selection(TICKET_TYPES, string="Type", readonly=True)
    state = fields.Selection(STATES, readonly=True)
    counter_id = fields.Many2one("coworking.queue.counter", readonly=True)
    agent_id = fields.Many2one("res.users", string="Agent", readonly=True)
    hour = fields.Selection(
        HOURS, string="Hour Taken", readonly=True, help="Local hour at the location."
    )
    ticket_count = fields.Integer(string="Tickets", readonly=True)
    visitor_count = fields.Integer(
        string="Visitors",
        readonly=True,
        help="Tickets taken by a visitor, not given by a transfer: a visitor "
        "sent to another service counts once.",
    )
    called_count = fields.Integer(string="Called Tickets", readonly=True)
    served_count = fields.Integer(string="Served Tickets", readonly=True)
    no_show_count = fields.Integer(string="No-shows", readonly=True)
    expired_count = fields.Integer(string="Expired Tickets", readonly=True)
    cancelled_count = fields.Integer(string="Cancelled Tickets", readonly=True)
    transferred_count = fields.Integer(string="Transferred Tickets", readonly=True)
    wait_minutes = fields.Float(
        string="Average Wait (min)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="From the ticket taken to its first call, over the called tickets: "
        "tickets never called (expired, cancelled while waiting) have no wait.",
    )
    wait_p90 = fields.Float(
        string="Wait p90 (min)",
        readonly=True,
        aggregator="p90",
        digits=(16, 1),
        help="Nine called tickets out of ten waited at most this long. Computed "
        "from the tickets of each group, never from sub-totals: a p90 cannot be "
        "added or averaged across groups, so read it at the grouping shown.",
    )
    service_minutes = fields.Float(
        string="Average Service (min)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="From the start of the service to its end, over the served tickets.",
    )
    service_p90 = fields.Float(
        string="Service p90 (min)",
        readonly=True,
        aggregator="p90",
        digits=(16, 1),
        help="Nine services out of ten took at most this long. Computed from the "
        "tickets of each group, never from sub-totals.",
    )
    no_show_rate = fields.Float(
        string="No-show Rate (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="No-shows among the visitors called whose outcome is known (came, "
        "did not come, transferred, cancelled); visitors called right now and "
        "tickets never called are left out.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(view)s AS (
                SELECT t.id AS id,
                       t.id AS ticket_id,
                       t.day AS day,
                       t.queue_id AS queue_id,
                       t.location_id AS location_id,
                       t.company_id AS company_id,
                       t.ticket_type AS ticket_type,
                       t.state AS state,
                       t.counter_id AS counter_id,
                       t.agent_id AS agent_id,
                       lpad(t.hour::text, 2, '0') AS hour,
                       1 AS ticket_count,
                       (t.transferred_from_id IS NULL)::int AS visitor_count,
                       (t.called_at IS NOT NULL)::int AS called_count,
                       (t.state = 'served')::int AS served_count,
                       (t.state = 'no_show')::int AS no_show_count,
                       (t.state = 'expired')::int AS expired_count,
                       (t.state = 'cancelled')::int AS cancelled_count,
                       (t.state = 'transferred')::int AS transferred_count,
                       %(wait)s AS wait_minutes,
                       %(wait)s AS wait_p90,
                       %(service)s AS service_minutes,
                       %(service)s AS service_p90,
                       CASE WHEN t.called_at IS NOT NULL
                             AND t.state NOT IN ('waiting', 'called')
                            THEN CASE WHEN t.state = 'no_show' THEN 100.0
                                      ELSE 0.0 END
                        END AS no_show_rate
                  FROM coworking_queue_ticket t
                )
                """,
                view=SQL.identifier(self._table),
                # a float the ORM wrote as 0.0 may be stored as NULL
                wait=SQL(
                    "CASE WHEN t.called_at IS NOT NULL "
                    "THEN COALESCE(t.wait_minutes, 0.0) END"
                ),
                service=SQL(
                    "CASE WHEN t.state = 'served' "
                    "THEN COALESCE(t.service_minutes, 0.0) END"
                ),
            )
        )

    @api.model
    def _read_group_select(self, aggregate_spec, query):
        """``wait_p90:p90`` and ``service_p90:p90``: the 90th percentile of
        the group's tickets (interpolated, as ``percentile_cont``)."""
        fname, _sep, func = aggregate_spec.partition(":")
        if func == "p90" and fname in PERCENTILE_FIELDS:
            return SQL(
                "PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY %s)",
                self._field_to_sql(self._table, fname, query),
            )
        return super()._read_group_select(aggregate_spec, query)

    def action_open_ticket(self):
        """Open the ticket of a row of the analytics list."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "coworking.queue.ticket",
            "res_id": self.ticket_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
