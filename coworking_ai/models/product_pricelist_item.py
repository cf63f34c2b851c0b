# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A pricelist rule whose price moves with the forecast demand, within the
manager's bounds (the arithmetic is in ``tools/pricing.py``; bookings apply
it in ``coworking_booking_price.py``)."""

from odoo import api, fields, models, tools

from ..tools import pricing


class ProductPricelistItem(models.Model):
    _inherit = "product.pricelist.item"

    demand_pricing = fields.Boolean(
        string="Move with Demand",
        help="Bookings priced by this rule cost more at busy hours and less at "
        "quiet ones, from the forecast occupancy of that kind of space, within "
        "the floor and the ceiling. Never applied to the hours a membership "
        "includes.",
    )
    demand_floor = fields.Integer(
        string="Floor (%)",
        default=-20,
        help="The lowest adjustment, in percent of the rule's price (0 or less).",
    )
    demand_ceiling = fields.Integer(
        string="Ceiling (%)",
        default=30,
        help="The highest adjustment, in percent of the rule's price (0 or more).",
    )
    demand_step = fields.Integer(
        string="Largest Step (%)",
        default=10,
        help="The largest change of the adjustment from one hour to the next, "
        "so that the prices of a day move smoothly.",
    )
    demand_target = fields.Integer(
        string="Target Occupancy (%)",
        default=60,
        help="At this forecast occupancy the price does not move; above it the "
        "price goes up, below it the price goes down.",
    )
    demand_sensitivity = fields.Float(
        string="Sensitivity",
        default=1.0,
        digits=(16, 2),
        help="Percent of price for each point of occupancy away from the target: "
        "with 1.0, a forecast of 75 % against a target of 60 % asks for +15 %.",
    )

    _sql_constraints = [
        (
            "demand_floor_ceiling_bounded",
            f"CHECK (demand_floor IS NOT NULL AND demand_ceiling IS NOT NULL "
            f"AND demand_floor BETWEEN {pricing.FLOOR_MIN} AND 0 "
            f"AND demand_ceiling BETWEEN 0 AND {pricing.CEILING_MAX})",
            f"The floor of a price moving with demand is between "
            f"{pricing.FLOOR_MIN} % and 0 %, its ceiling between 0 % and "
            f"+{pricing.CEILING_MAX} %.",
        ),
        (
            "demand_step_positive",
            f"CHECK (demand_step IS NOT NULL AND demand_step BETWEEN 1 AND "
            f"{pricing.CEILING_MAX - pricing.FLOOR_MIN})",
            "The largest step of a price moving with demand is at least 1 %.",
        ),
        (
            "demand_target_bounded",
            f"CHECK (demand_target IS NOT NULL AND demand_target BETWEEN 0 AND "
            f"{pricing.TARGET_MAX})",
            "The target occupancy is between 0 % and 100 %.",
        ),
        (
            "demand_sensitivity_bounded",
            f"CHECK (demand_sensitivity > 0 AND demand_sensitivity <= "
            f"{pricing.SENSITIVITY_MAX})",
            f"The sensitivity is more than 0 and at most {pricing.SENSITIVITY_MAX}.",
        ),
    ]

    @api.depends(
        "compute_price",
        "fixed_price",
        "pricelist_id",
        "percent_price",
        "price_discount",
        "price_markup",
        "price_surcharge",
        "base",
        "base_pricelist_id",
        "demand_pricing",
        "demand_floor",
        "demand_ceiling",
    )
    def _compute_price_label(self):
        res = super()._compute_price_label()
        for item in self.filtered("demand_pricing"):
            item.price = self.env._(
                "%(price)s, moves with demand (%(floor)s %% to +%(ceiling)s %%)",
                price=item.price,
                floor=str(item.demand_floor).replace("-", "−"),
                ceiling=item.demand_ceiling,
            )
        return res

    def _demand_bounds(self):
        """The rule's bounds (``tools.pricing.DemandBounds``)."""
        self.ensure_one()
        return pricing.check_bounds(
            pricing.DemandBounds(
                self.demand_floor,
                self.demand_ceiling,
                self.demand_step,
                self.demand_target,
                self.demand_sensitivity,
            )
        )

    @api.model
    @tools.ormcache("product_ids", "pricelist_id", "moment")
    def _coworking_demand_table(self, product_ids, pricelist_id, moment):
        """``{product id: (rule id, rule's company id, bounds)}`` of the
        products that the pricelist prices with a rule moving with demand at
        ``moment`` (None when no rule has dates). Kept in the registry's
        cache, cleared by any change of a pricelist or a rule
        (``coworking.catalogue.mixin``): shared, never change it."""
        pricelist = self.env["product.pricelist"].sudo().browse(pricelist_id)
        if not pricelist.exists():
            return {}
        products = self.env["product.product"].sudo().browse(product_ids)
        chosen = pricelist._compute_price_rule(
            products, 1.0, date=moment or False, compute_price=False
        )
        rules = (
            self.sudo()
            .browse({rule_id for _price, rule_id in chosen.values() if rule_id})
            .filtered("demand_pricing")
        )
        by_id = {rule.id: rule for rule in rules}
        return {
            product_id: (
                rule_id,
                by_id[rule_id].company_id.id,
                by_id[rule_id]._demand_bounds(),
            )
            for product_id, (_price, rule_id) in chosen.items()
            if rule_id in by_id
        }
