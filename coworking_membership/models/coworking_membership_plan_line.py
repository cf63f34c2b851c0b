# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CoworkingMembershipPlanLine(models.Model):
    """What a plan gives for one kind of space. A kind without a line cannot
    be booked by the plan's members."""

    _name = "coworking.membership.plan.line"
    _description = "Coworking Membership Plan Access"
    _order = "plan_id, sequence, id"

    _sql_constraints = [
        (
            "kind_uniq",
            "UNIQUE (plan_id, kind_id)",
            "A plan says once what it gives for each kind of space.",
        ),
        ("hours_positive", "CHECK (hours >= 0)", "Hours cannot be negative."),
    ]

    plan_id = fields.Many2one(
        "coworking.membership.plan", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    sequence = fields.Integer(related="kind_id.sequence", store=True)
    kind_id = fields.Many2one(
        "coworking.space.kind", string="Kind of Space", required=True
    )
    mode = fields.Selection(
        [
            ("included", "Included, unlimited"),
            ("credits", "With credit hours"),
            ("paid", "At the member price"),
        ],
        required=True,
        default="credits",
        help="Included: booked at no cost. With credit hours: each hour (each "
        "seat-hour in a hot-desk zone) takes a credit hour; beyond the "
        "credits, the plan's overage rule applies. At the member price: billed "
        "with the membership at the plan's pricelist.",
    )
    hours = fields.Float(
        string="Own Hours per Period",
        digits=(16, 2),
        help="Credit hours per member and period for this kind only, used "
        "before the plan's shared hours.",
    )
