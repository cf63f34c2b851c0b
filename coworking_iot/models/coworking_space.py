# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import Counter, defaultdict

from odoo import api, fields, models
from odoo.tools import SQL, float_round


class CoworkingSpace(models.Model):
    _inherit = "coworking.space"

    iot_device_ids = fields.One2many(
        "coworking.iot.device", "space_id", string="Sensors"
    )
    iot_device_count = fields.Integer(compute="_compute_iot_device_count")
    people_now = fields.Integer(
        readonly=True,
        copy=False,
        help="Counted by the space's sensors: its people counters when it has "
        "some, otherwise its presence sensors that see someone.",
    )
    occupancy_rate = fields.Float(
        string="Occupancy Now (%)", readonly=True, copy=False, digits=(5, 1)
    )
    occupancy_updated_at = fields.Datetime(
        string="Occupancy Measured At", readonly=True, copy=False
    )

    def _compute_iot_device_count(self):
        counts = dict(
            self.env["coworking.iot.device"]._read_group(
                [("space_id", "in", self.ids)], ["space_id"], ["__count"]
            )
        )
        for space in self:
            space.iot_device_count = counts.get(space, 0)

    def action_view_iot_devices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coworking_iot.coworking_iot_device_action"
        )
        action["domain"] = [("space_id", "=", self.id)]
        action["context"] = {"default_space_id": self.id}
        return action

    def _iot_refresh_occupancy(self, now):
        """People now and occupancy rate of the spaces, from their devices'
        last values, in two queries; the spaces whose figures changed are
        pushed to the backend over the bus."""
        self.env.cr.execute(
            SQL(
                """
                SELECT s.id, s.company_id, s.capacity, s.people_now,
                       sum(d.occupancy_value) FILTER (WHERE d.kind = 'people_counter'),
                       count(d.id) FILTER (WHERE d.kind = 'people_counter'),
                       count(d.id) FILTER (WHERE d.kind = 'occupancy'
                                           AND d.occupancy_value > 0)
                  FROM coworking_space s
                  JOIN coworking_iot_device d ON d.space_id = s.id AND d.active
                 WHERE s.id = ANY(%s)
                 GROUP BY s.id
                """,
                self.ids,
            )
        )
        changed = []
        for (
            space_id,
            company_id,
            capacity,
            before,
            counted,
            counters,
            present,
        ) in self.env.cr.fetchall():
            people = int(counted or 0) if counters else present
            rate = float_round(100.0 * people / capacity, 1) if capacity else 0.0
            changed.append((space_id, company_id, people, rate, people != before))
        if not changed:
            return
        self.env.cr.execute(
            SQL(
                """
                UPDATE coworking_space s
                   SET people_now = v.people, occupancy_rate = v.rate,
                       occupancy_updated_at = %s
                  FROM unnest(%s::int[], %s::int[], %s::float8[]) AS v(id, people, rate)
                 WHERE s.id = v.id
                """,
                now,
                [row[0] for row in changed],
                [row[2] for row in changed],
                [row[3] for row in changed],
            )
        )
        self.invalidate_model(["people_now", "occupancy_rate", "occupancy_updated_at"])
        moved = self.browse([row[0] for row in changed if row[4]])
        bus = self.env["bus.bus"]
        for space_id, company_id, people, rate, is_changed in changed:
            if is_changed:
                bus._sendone(
                    self._iot_channel(company_id),
                    "coworking_iot/occupancy",
                    {
                        "space_id": space_id,
                        "people_now": people,
                        "occupancy_rate": rate,
                        "measured_at": fields.Datetime.to_string(now),
                    },
                )
        if moved:
            moved._iot_occupancy_changed(now)

    @api.model
    def _iot_channel(self, company_id):
        """The company's occupancy channel: the bus subscribes the coworking
        staff of the company to it (``ir.websocket``), nobody can ask for it."""
        return (self.env["res.company"].browse(company_id), "coworking_iot_occupancy")

    @api.model
    def _iot_channels_of(self, user):
        """The occupancy channels ``user`` listens to: those of their
        companies, for the coworking staff."""
        if not user or not user._is_internal():
            return []
        if not user.has_group("coworking_base.group_coworking_user"):
            return []
        return [self._iot_channel(company.id) for company in user.company_ids]

    def _iot_occupancy_changed(self, now):
        """Hook: the people counted in these spaces changed (bookings compare
        it with presence in ``coworking_iot_booking``)."""
        return None

    @api.model
    def iot_live_occupancy_data(self):
        """The live board: the spaces with sensors of the user's companies,
        in the order of their locations, their figures and their sensors
        (``now``: the server's clock, for the times shown as "2 min ago").
        The updates come on the channels the server grants the staff
        (``_iot_channels_of``)."""
        spaces = self.search([("iot_device_ids", "!=", False)])
        sensors = defaultdict(Counter)
        for space, status, count in self.env["coworking.iot.device"]._read_group(
            [("space_id", "in", spaces.ids)], ["space_id", "status"], ["__count"]
        ):
            sensors[space.id][status] += count
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        return {
            "now": fields.Datetime.to_string(fields.Datetime.now()),
            "spaces": [
                {
                    "id": space.id,
                    "name": space.name,
                    "location_id": space.location_id.id,
                    "location": space.location_id.name,
                    "kind": kinds.get(space.kind),
                    "kind_code": space.kind,
                    "capacity": space.capacity,
                    "people_now": space.people_now,
                    "occupancy_rate": space.occupancy_rate,
                    "measured_at": fields.Datetime.to_string(space.occupancy_updated_at)
                    if space.occupancy_updated_at
                    else False,
                    "sensors": sensors[space.id].total(),
                    "offline": sensors[space.id]["offline"],
                    "never_seen": sensors[space.id]["unknown"],
                }
                for space in spaces
            ],
        }
