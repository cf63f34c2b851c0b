# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL


class CoworkingEquipment(models.Model):
    _inherit = "coworking.equipment"

    iot_device_ids = fields.One2many(
        "coworking.iot.device", "equipment_id", string="Usage Counters"
    )
    iot_pages = fields.Float(
        string="Pages Printed",
        readonly=True,
        copy=False,
        digits=(16, 0),
        help="Pages counted by the equipment's sensors since they were installed.",
    )
    iot_hours = fields.Float(
        string="Hours of Use",
        readonly=True,
        copy=False,
        digits=(16, 2),
        help="Hours of use counted by the equipment's sensors (projector lamp "
        "hours…) since they were installed.",
    )

    @api.model
    def _iot_add_usage(self, usage):
        """``usage``: ``{equipment id: {"pages": n, "hours": h}}``, added in
        one statement."""
        ids = sorted(usage)
        self.env.cr.execute(
            SQL(
                """
                UPDATE coworking_equipment e
                   SET iot_pages = COALESCE(e.iot_pages, 0) + v.pages,
                       iot_hours = COALESCE(e.iot_hours, 0) + v.hours
                  FROM unnest(%s::int[], %s::float8[], %s::float8[])
                       AS v(id, pages, hours)
                 WHERE e.id = v.id
                """,
                ids,
                [usage[i].get("pages", 0.0) for i in ids],
                [usage[i].get("hours", 0.0) for i in ids],
            )
        )
        self.invalidate_model(["iot_pages", "iot_hours"])
