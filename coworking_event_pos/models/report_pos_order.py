# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ReportPosOrder(models.Model):
    """The desks' statistics are Odoo's Point of Sale analysis, told which
    lines were sold at a cashier's desk and for which event."""

    _inherit = "report.pos.order"

    coworking_event_id = fields.Many2one("event.event", string="Event", readonly=True)
    coworking_is_desk = fields.Boolean(string="Cashier's Desk", readonly=True)

    def _select(self):
        return (
            super()._select()
            + """,
                coworking_pc.coworking_event_id AS coworking_event_id,
                COALESCE(coworking_pc.coworking_is_desk, FALSE) AS coworking_is_desk
        """
        )

    def _from(self):
        return (
            super()._from()
            + """
                LEFT JOIN pos_config coworking_pc ON (coworking_pc.id = ps.config_id)
        """
        )
