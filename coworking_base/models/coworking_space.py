# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

SPACE_KINDS = [
    ("meeting_room", "Meeting Room"),
    ("private_office", "Private Office"),
    ("hot_desk", "Hot-Desk Zone"),
    ("dedicated_desk", "Dedicated Desk"),
    ("lounge", "Lounge / Event Space"),
]

POOLED_KINDS = ("hot_desk",)


class CoworkingSpace(models.Model):
    _name = "coworking.space"
    _description = "Coworking Space"
    _inherit = [
        "coworking.resource.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "image.mixin",
    ]
    _order = "location_id, sequence, name"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    color = fields.Integer()
    kind = fields.Selection(
        SPACE_KINDS, required=True, default="meeting_room", tracking=True
    )
    booking_mode = fields.Selection(
        [
            ("exclusive", "Whole space"),
            ("pooled", "Per seat"),
        ],
        compute="_compute_booking_mode",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        help="Whole space: one booking at a time. Per seat: bookings share the "
        "space until its capacity is reached (hot-desk zones).",
    )
    capacity = fields.Integer(
        default=1,
        required=True,
        tracking=True,
        help="Number of people the space holds at once.",
    )
    floor = fields.Char()
    area = fields.Char(string="Area / Wing")
    surface = fields.Float(string="Surface (m²)", digits=(16, 1))
    amenity_ids = fields.Many2many(
        "coworking.amenity",
        "coworking_space_amenity_rel",
        "space_id",
        "amenity_id",
        string="Amenities",
        check_company=True,
    )
    image_ids = fields.One2many(
        "coworking.space.image", "space_id", string="Photos", copy=True
    )
    description = fields.Html(
        translate=True, sanitize_attributes=False, help="Shown on the website."
    )
    is_bookable = fields.Boolean(
        string="Bookable", default=True, tracking=True, index=True
    )
    product_id = fields.Many2one(
        "product.product",
        string="Pricing Product",
        check_company=True,
        help="Product sold when the space is booked; its price and the "
        "pricelists set the booking price.",
    )
    equipment_ids = fields.One2many(
        "coworking.equipment", "space_id", string="Equipment"
    )

    _sql_constraints = [
        (
            "capacity_positive",
            "CHECK (capacity > 0)",
            "The capacity of a space must be at least one person.",
        ),
        (
            "surface_positive",
            "CHECK (surface >= 0)",
            "The surface of a space cannot be negative.",
        ),
    ]

    @api.depends("kind")
    def _compute_booking_mode(self):
        for space in self:
            space.booking_mode = "pooled" if space.kind in POOLED_KINDS else "exclusive"

    @api.constrains("kind", "capacity")
    def _check_capacity(self):
        for space in self:
            if space.kind == "dedicated_desk" and space.capacity != 1:
                raise ValidationError(
                    self.env._(
                        "The dedicated desk '%(name)s' holds exactly one person.",
                        name=space.display_name,
                    )
                )

    @api.depends("name", "location_id.code")
    def _compute_display_name(self):
        for space in self:
            code = space.location_id.code
            space.display_name = f"{space.name} ({code})" if code else space.name
