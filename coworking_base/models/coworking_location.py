# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.base.models.res_partner import _tz_get


class CoworkingLocation(models.Model):
    _name = "coworking.location"
    _description = "Coworking Location"
    _inherit = ["mail.thread", "mail.activity.mixin", "image.mixin"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True, translate=True)
    code = fields.Char(
        help="Short code printed on badges and receipts, e.g. PAR.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Address",
        check_company=True,
        help="Postal address of the location, shown to members and on receipts.",
    )
    street = fields.Char(related="partner_id.street")
    city = fields.Char(related="partner_id.city")
    country_id = fields.Many2one(related="partner_id.country_id")
    tz = fields.Selection(
        _tz_get,
        string="Timezone",
        required=True,
        tracking=True,
        help="Bookings are stored in UTC and shown in this timezone.",
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Opening Hours",
        required=True,
        check_company=True,
        tracking=True,
        help="When the location is open. Public holidays and closures are the "
        "time off of this calendar.",
    )
    description = fields.Html(translate=True)
    phone = fields.Char()
    email = fields.Char()
    space_ids = fields.One2many("coworking.space", "location_id", string="Spaces")
    equipment_ids = fields.One2many(
        "coworking.equipment", "location_id", string="Equipment"
    )
    space_count = fields.Integer(compute="_compute_counts")
    equipment_count = fields.Integer(compute="_compute_counts")
    total_capacity = fields.Integer(
        compute="_compute_counts",
        help="Number of people the bookable spaces of the location hold at once.",
    )
    utc_offset = fields.Char(compute="_compute_utc_offset", string="UTC Offset")

    _sql_constraints = [
        (
            "code_company_uniq",
            "UNIQUE (code, company_id)",
            "Another location of this company already uses this code.",
        ),
    ]

    @api.depends(
        "space_ids.capacity",
        "space_ids.is_bookable",
        "space_ids.active",
        "equipment_ids.active",
    )
    def _compute_counts(self):
        spaces = self.env["coworking.space"]._read_group(
            [("location_id", "in", self.ids)],
            ["location_id", "is_bookable"],
            ["__count", "capacity:sum"],
        )
        space_data = {}
        for location, bookable, count, capacity in spaces:
            total, bookable_capacity = space_data.get(location.id, (0, 0))
            space_data[location.id] = (
                total + count,
                bookable_capacity + (capacity if bookable else 0),
            )
        equipment = self.env["coworking.equipment"]._read_group(
            [("location_id", "in", self.ids)], ["location_id"], ["__count"]
        )
        equipment_data = {loc.id: count for loc, count in equipment}
        for location in self:
            count, capacity = space_data.get(location.id, (0, 0))
            location.space_count = count
            location.total_capacity = capacity
            location.equipment_count = equipment_data.get(location.id, 0)

    @api.depends("tz")
    def _compute_utc_offset(self):
        now = datetime.now(pytz.utc)
        for location in self:
            if location.tz:
                offset = now.astimezone(pytz.timezone(location.tz)).strftime("%z")
                location.utc_offset = f"{offset[:3]}:{offset[3:]}"
            else:
                location.utc_offset = False

    @api.constrains("tz", "resource_calendar_id")
    def _check_opening_hours(self):
        for location in self:
            calendar = location.resource_calendar_id
            if not calendar.attendance_ids:
                raise ValidationError(
                    self.env._(
                        "The opening hours '%(calendar)s' of location '%(location)s' "
                        "define no open day.",
                        calendar=calendar.display_name,
                        location=location.display_name,
                    )
                )
            if calendar.tz != location.tz:
                raise ValidationError(
                    self.env._(
                        "The opening hours '%(calendar)s' are in timezone %(ctz)s "
                        "but location '%(location)s' is in %(ltz)s. Use opening "
                        "hours in the location's timezone.",
                        calendar=calendar.display_name,
                        ctz=calendar.tz,
                        location=location.display_name,
                        ltz=location.tz,
                    )
                )

    @api.onchange("resource_calendar_id")
    def _onchange_resource_calendar_id(self):
        if self.resource_calendar_id and not self.tz:
            self.tz = self.resource_calendar_id.tz

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("tz") and vals.get("resource_calendar_id"):
                vals["tz"] = (
                    self.env["resource.calendar"]
                    .browse(vals["resource_calendar_id"])
                    .tz
                )
            if not vals.get("tz"):
                raise ValidationError(
                    self.env._(
                        "Location '%(name)s' needs a timezone: bookings are shown "
                        "and opening hours are read in it.",
                        name=vals.get("name") or "",
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        if "tz" in vals and not vals["tz"]:
            raise ValidationError(
                self.env._(
                    "A location needs a timezone: bookings are shown and opening "
                    "hours are read in it."
                )
            )
        res = super().write(vals)
        if "tz" in vals:
            located = self.with_context(active_test=False)
            resources = (
                located.space_ids.resource_id | located.equipment_ids.resource_id
            )
            resources.write({"tz": vals["tz"]})
        return res

    def action_view_spaces(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coworking_base.coworking_space_action"
        )
        action["domain"] = [("location_id", "=", self.id)]
        action["context"] = {"default_location_id": self.id}
        return action

    def action_view_equipment(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coworking_base.coworking_equipment_action"
        )
        action["domain"] = [("location_id", "=", self.id)]
        action["context"] = {"default_location_id": self.id}
        return action

    def _get_opening_intervals(self, start, stop, resource=None):
        """Return the open intervals of the location between two aware datetimes.

        Public holidays and closures (time off of the opening hours, and of
        ``resource`` when given) are removed. The intervals are aware datetimes
        in the location's timezone.
        """
        self.ensure_one()
        calendar = self.resource_calendar_id
        resources = resource or self.env["resource.resource"]
        intervals = calendar._work_intervals_batch(
            start, stop, resources=resources, tz=pytz.timezone(self.tz)
        )
        return intervals[resource.id if resource else False]
