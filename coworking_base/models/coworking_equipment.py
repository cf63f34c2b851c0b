# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

EQUIPMENT_KINDS = [
    ("printer", "Printer"),
    ("locker", "Locker"),
    ("av_kit", "AV Kit"),
    ("projector", "Projector"),
    ("phone_booth", "Phone Booth"),
    ("other", "Other"),
]


class CoworkingEquipment(models.Model):
    _name = "coworking.equipment"
    _description = "Coworking Equipment"
    _inherit = [
        "coworking.resource.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "image.mixin",
    ]
    _order = "location_id, kind, name"
    _check_company_auto = True

    active = fields.Boolean(default=True, tracking=True)
    kind = fields.Selection(EQUIPMENT_KINDS, required=True, default="other")
    space_id = fields.Many2one(
        "coworking.space",
        string="Installed In",
        index=True,
        check_company=True,
        domain="[('location_id', '=', location_id)]",
        help="The space where the equipment stays, if any.",
    )
    serial_no = fields.Char(string="Serial Number", copy=False)
    is_bookable = fields.Boolean(string="Bookable", default=False, tracking=True)
    product_id = fields.Many2one(
        "product.product",
        string="Pricing Product",
        check_company=True,
        help="Product sold when the equipment is booked.",
    )
    maintenance_equipment_id = fields.Many2one(
        "maintenance.equipment",
        string="Maintenance Record",
        check_company=True,
        copy=False,
        help="The equipment as followed by the Maintenance app.",
    )
    maintenance_request_count = fields.Integer(
        related="maintenance_equipment_id.maintenance_open_count",
        string="Open Maintenance Requests",
    )
    note = fields.Html()

    _sql_constraints = [
        (
            "serial_company_uniq",
            "UNIQUE (serial_no, company_id)",
            "Another piece of equipment of this company has this serial number.",
        ),
        (
            "maintenance_equipment_uniq",
            "UNIQUE (maintenance_equipment_id)",
            "This maintenance record is already linked to other equipment.",
        ),
    ]

    @api.constrains("space_id", "location_id")
    def _check_space_location(self):
        for equipment in self:
            if equipment.space_id and equipment.space_id.location_id != (
                equipment.location_id
            ):
                raise ValidationError(
                    self.env._(
                        "'%(equipment)s' cannot be installed in '%(space)s': the "
                        "space belongs to another location.",
                        equipment=equipment.display_name,
                        space=equipment.space_id.display_name,
                    )
                )

    def action_create_maintenance_equipment(self):
        """Create and link the Maintenance app's record of each equipment."""
        to_link = self.filtered(lambda e: not e.maintenance_equipment_id)
        records = self.env["maintenance.equipment"].create(
            [
                {
                    "name": equipment.name,
                    "serial_no": equipment.serial_no,
                    "company_id": equipment.company_id.id,
                    "location": equipment.location_id.name,
                }
                for equipment in to_link
            ]
        )
        for equipment, record in zip(to_link, records, strict=True):
            equipment.maintenance_equipment_id = record
        return True

    def action_view_maintenance_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "maintenance.hr_equipment_request_action"
        )
        action["domain"] = [("equipment_id", "=", self.maintenance_equipment_id.id)]
        action["context"] = {
            "default_equipment_id": self.maintenance_equipment_id.id,
        }
        return action
