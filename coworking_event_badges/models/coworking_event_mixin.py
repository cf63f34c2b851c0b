# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class CoworkingEventMixin(models.AbstractModel):
    """A record of one event (a role, a rota slot, an announcement): it
    belongs to the event's company, which record rules isolate."""

    _name = "coworking.event.mixin"
    _description = "Record of an Event"
    _check_company_auto = True

    event_id = fields.Many2one(
        "event.event", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        compute="_compute_company_id",
        store=True,
        precompute=True,
        readonly=False,
    )

    @api.depends("event_id")
    def _compute_company_id(self):
        for record in self:
            record.company_id = (
                record.event_id.company_id or record.company_id or self.env.company
            )
