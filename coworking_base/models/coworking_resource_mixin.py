# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CoworkingResourceMixin(models.AbstractModel):
    """A bookable thing of a location (space or equipment): a material
    ``resource.resource`` in the location's company, timezone and opening hours."""

    _name = "coworking.resource.mixin"
    _description = "Coworking Located Resource"
    _inherit = ["resource.mixin", "mail.thread"]

    name = fields.Char(
        related="resource_id.name", store=True, readonly=False, tracking=True
    )
    location_id = fields.Many2one(
        "coworking.location",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    # opening hours come from the location, not from the company
    resource_calendar_id = fields.Many2one(default=False)

    @api.constrains("location_id", "resource_calendar_id")
    def _check_calendar_timezone(self):
        for record in self:
            calendar = record.resource_calendar_id
            if calendar and calendar.tz != record.location_id.tz:
                raise ValidationError(
                    self.env._(
                        "The opening hours of '%(name)s' are in timezone %(ctz)s "
                        "but its location is in %(ltz)s.",
                        name=record.display_name,
                        ctz=calendar.tz,
                        ltz=record.location_id.tz,
                    )
                )

    @api.onchange("location_id")
    def _onchange_location_id(self):
        if self.location_id:
            self.resource_calendar_id = self.location_id.resource_calendar_id

    @api.model_create_multi
    def create(self, vals_list):
        locations = self.env["coworking.location"].browse(
            [vals["location_id"] for vals in vals_list if vals.get("location_id")]
        )
        by_id = {location.id: location for location in locations}
        for vals in vals_list:
            location = by_id.get(vals.get("location_id"))
            if not location:
                continue
            vals.setdefault("company_id", location.company_id.id)
            if not vals.get("resource_calendar_id"):
                vals["resource_calendar_id"] = location.resource_calendar_id.id
            vals["tz"] = location.tz
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("location_id"):
            location = self.env["coworking.location"].browse(vals["location_id"])
            vals.setdefault("company_id", location.company_id.id)
            vals["tz"] = location.tz
            if "resource_calendar_id" not in vals:
                vals["resource_calendar_id"] = location.resource_calendar_id.id
        return super().write(vals)

    def _prepare_resource_values(self, vals, tz):
        values = super()._prepare_resource_values(vals, tz)
        values["resource_type"] = "material"
        return values
