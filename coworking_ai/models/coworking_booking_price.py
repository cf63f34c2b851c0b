# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# One concern of the model per file, as CONTRIBUTING.md asks (issue 12):
# pylint: disable=consider-merging-classes-inherited
"""Prices of bookings that move with the forecast demand: a rule of the
booking's pricelist flagged "Move with demand" prices its rates, and no
membership covers the booking's company and day. The arithmetic is in
``tools/pricing.py``; the rule and its bounds in ``product_pricelist_item``."""

from contextlib import contextmanager
from datetime import timedelta

from odoo import api, fields, models

from ..tools import pricing

# the adjustments ``_booking_terms`` found while ``_book`` serves a request,
# read back by ``create``
DEMAND_MEMO = "demand_percent"
# the forecasts one page has read (``_demand_forecast_memo``), and how much
# more than asked is read at once, so that the page reads them once
FORECAST_MEMO = "coworking_ai_forecast_memo"
FORECAST_MEMO_MARGIN = timedelta(days=2)


class CoworkingBooking(models.Model):
    """Demand pricing of a booking."""

    _inherit = "coworking.booking"

    price_adjustment_percent = fields.Integer(
        string="Demand Adjustment (%)",
        readonly=True,
        copy=False,
        aggregator=None,
        help="How much the price moved with the forecast demand when it was "
        "set, by a pricelist rule moving with demand: positive at busy hours, "
        "negative at quiet ones.",
    )
    price_adjustment_label = fields.Char(
        string="Price Adjustment",
        compute="_compute_price_adjustment_label",
        help="What the price shows: busy hour +15 %, quiet hour −10 %.",
    )

    @api.depends("price_adjustment_percent", "start", "stop")
    @api.depends_context("lang")
    def _compute_price_adjustment_label(self):
        for booking in self:
            booking.price_adjustment_label = (
                self._demand_label(
                    booking.price_adjustment_percent, booking.stop - booking.start
                )
                if booking.start and booking.stop
                else False
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        """A booking priced by its terms keeps their adjustment; one created
        without a price is priced here as its terms would price it."""
        memo = (self._request_memo_dict() or {}).get(DEMAND_MEMO, {})
        priced_here = []
        for vals in vals_list:
            priced_here.append("price" not in vals)
            if memo and "price" in vals and "price_adjustment_percent" not in vals:
                key = self._demand_memo_key_from_vals(vals)
                if key in memo:
                    vals["price_adjustment_percent"] = memo[key]
        bookings = super().create(vals_list)
        self.browse(
            [
                booking.id
                for booking, here in zip(bookings, priced_here, strict=False)
                if here
            ]
        )._apply_demand_adjustment()
        return bookings

    # ------------------------------------------------------------------
    # Prices and terms (coworking_booking/models/coworking_booking_price.py)
    # ------------------------------------------------------------------

    @api.model
    def _booking_terms(self, target, start, stop, seats, partner, pricelist=None):
        """The terms, with the price moved by the demand when a rule of the
        terms' pricelist moving with demand prices the rates and no
        membership bills the booking: ``terms["adjustment"]`` is then
        ``{"percent", "label"}`` (False otherwise)."""
        terms = super()._booking_terms(
            target, start, stop, seats, partner, pricelist=pricelist
        )
        terms["adjustment"] = False
        percent = 0
        if not terms.get("membership") and terms["lines"]:
            adjustment = self._demand_adjustment(
                target, start, stop, terms["pricelist"], terms["lines"]
            )
            if adjustment and adjustment["percent"]:
                lines, price = self._demand_adjusted_lines(
                    terms["lines"], adjustment, terms["pricelist"], target
                )
                percent = adjustment["percent"]
                terms.update(
                    lines=lines,
                    price=price,
                    adjustment={"percent": percent, "label": adjustment["label"]},
                )
        memo = self._request_memo_dict()
        if memo is not None:
            key = (target._name, target.id, start, stop, seats, partner.id or False)
            memo.setdefault(DEMAND_MEMO, {})[key] = percent
        return terms

    def _refresh_price(self):
        """The price of now, moved by the demand of now (a move)."""
        res = super()._refresh_price()
        self._apply_demand_adjustment()
        return res

    def _after_move(self, vals):
        """A moved booking with an unpaid quotation is priced again before
        its lines are made again (``coworking_booking_sale``)."""
        self.filtered(
            lambda b: b.sale_order_id.state in ("draft", "sent")
        )._apply_demand_adjustment()
        return super()._after_move(vals)

    def _prepare_sale_line_values(self):
        """The lines of an adjusted booking sell the adjusted unit prices
        and say why."""
        values = super()._prepare_sale_line_values()
        percent = self.price_adjustment_percent
        if not percent or self._demand_billed_by_membership():
            return values
        target = self._target()
        pricelist = self.pricelist_id
        lines, _total = self._compute_price_lines(
            target, self.start, self.stop, self.seats, self.partner_id, pricelist
        )
        moved = self._demand_moved_products()
        adjustment = {"percent": percent, "product_ids": moved}
        adjusted, _price = self._demand_adjusted_lines(
            lines, adjustment, pricelist, target
        )
        units = {product.id: unit for product, _qty, unit in adjusted}
        label = self.price_adjustment_label
        for line in values:
            if line["product_id"] in moved and line["product_id"] in units:
                line.update(
                    price_unit=units[line["product_id"]],
                    discount=0.0,
                    name=f"{line['name']}\n{label}",
                )
        return values

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _apply_demand_adjustment(self):
        """Price the bookings as their terms price them now: their price and
        adjustment from their pricelist and the forecast. Bookings that a
        membership bills are never adjusted."""
        for booking in self:
            target = booking._target()
            if not target or not booking.pricelist_id:
                continue
            pricelist = booking.pricelist_id
            lines, price = self._compute_price_lines(
                target,
                booking.start,
                booking.stop,
                booking.seats,
                booking.partner_id,
                pricelist,
            )
            adjustment = None
            # the rules first: they are cached, a membership is a query
            if (
                self._demand_bounds(target, pricelist, booking.start, lines)
                and not booking._demand_billed_by_membership()
            ):
                adjustment = self._demand_adjustment(
                    target, booking.start, booking.stop, pricelist, lines
                )
            percent = adjustment["percent"] if adjustment else 0
            if not percent and not booking.price_adjustment_percent:
                # nothing moves it: its price is left as it was set
                continue
            if percent:
                price = self._demand_adjusted_lines(
                    lines, adjustment, pricelist, target
                )[1]
            vals = {}
            if booking.price_adjustment_percent != percent:
                vals["price_adjustment_percent"] = percent
            if booking.currency_id.compare_amounts(booking.price, price):
                vals["price"] = price
            if vals:
                booking.write(vals)

    def _demand_moved_products(self):
        """Ids of the booking's rates that its pricelist moves with demand."""
        self.ensure_one()
        return frozenset(
            self._demand_rules(self._target(), self.pricelist_id, self.start)
        )

    def _demand_billed_by_membership(self):
        """Whether a membership bills the booking (it is never adjusted)."""
        self.ensure_one()
        return bool(
            self.membership_id
            or self._membership_for(self.partner_id, self._target(), self.start)
        )

    @api.model
    def _demand_adjustment(self, target, start, stop, pricelist, lines):
        """``{"percent", "label", "product_ids"}`` of a booking of ``target``
        priced with ``lines`` from ``pricelist``, or None when no rule moving
        with demand prices its rates. One query for the forecasts."""
        found = self._demand_bounds(target, pricelist, start, lines)
        if not found:
            return None
        bounds, product_ids = found
        if stop - start > pricing.MAX_SPAN:
            # longer than any booking: it does not move
            percent = 0
        else:
            first, end = pricing.window(start, stop, bounds)
            rates = self._demand_forecast(target, first, end)
            percent = pricing.booking_adjustment(start, stop, rates, bounds)
        return {
            "percent": percent,
            "label": self._demand_label(percent, stop - start),
            "product_ids": product_ids,
        }

    @api.model
    def _demand_slot_prices(self, target, spans, seats, partner, pricelist):
        """``{(start, stop): {"percent", "label", "price"}}`` of the free
        times ``spans`` of one page, with one query for the forecasts of all
        of them; empty when no rule moving with demand prices the rates."""
        if not spans:
            return {}
        priced = {
            span: self._compute_price_lines(
                target, span[0], span[1], seats, partner, pricelist
            )
            for span in spans
        }
        found = None
        for span, (lines, _total) in priced.items():
            found = self._demand_bounds(target, pricelist, span[0], lines)
            if found:
                break
        if not found:
            return {}
        bounds, product_ids = found
        first = min(start for start, _stop in spans)
        last = max(stop for _start, stop in spans)
        if last - first > pricing.MAX_SPAN:
            return {}
        first, end = pricing.window(first, last, bounds)
        curve = pricing.hourly_curve(
            first, end, self._demand_forecast(target, first, end), bounds
        )
        result = {}
        for (start, stop), (lines, total) in priced.items():
            percent = pricing.span_adjustment(start, stop, curve)
            adjustment = {"percent": percent, "product_ids": product_ids}
            if percent:
                total = self._demand_adjusted_lines(
                    lines, adjustment, pricelist, target
                )[1]
            result[start, stop] = {
                "percent": percent,
                "label": self._demand_label(percent, stop - start),
                "price": total,
            }
        return result

    @api.model
    def _demand_rules(self, target, pricelist, moment):
        """``{product id: (rule id, company id, bounds)}`` of the rates of
        ``target`` that ``pricelist`` prices with a rule moving with demand
        at ``moment``; never a rule of another company."""
        products = target._get_rate_products()
        if not products or not pricelist:
            return {}
        table = self.env["product.pricelist.item"]._coworking_demand_table(
            tuple(sorted(products.ids)),
            pricelist.id,
            self.env["product.product"]._coworking_rate_moment(moment),
        )
        company = target.company_id.id
        return {
            product_id: entry
            for product_id, entry in table.items()
            if entry[1] in (False, company)
        }

    @api.model
    def _demand_bounds(self, target, pricelist, moment, lines):
        """``(bounds, product ids moved)`` for a booking priced with
        ``lines``: the bounds of the rule of its largest line that moves
        with demand, or None when none does."""
        rules = self._demand_rules(target, pricelist, moment)
        moved = [line for line in lines if line[0].id in rules]
        if not moved:
            return None
        product = max(moved, key=lambda line: (line[1] * line[2], -line[0].id))[0]
        return rules[product.id][2], frozenset(rules)

    @api.model
    def _demand_forecast(self, target, first, end):
        """``{hour: forecast rate}`` of the kind of space of ``target`` (the
        space of a piece of equipment) at its location, from ``first`` to
        ``end``; within ``_demand_forecast_memo``, read once for the days
        around them."""
        space = target if target._name == "coworking.space" else target.space_id
        if not space:
            return {}
        Demand = self.env["coworking.ai.demand"].sudo()
        memo = self.env.cr.cache.get(FORECAST_MEMO)
        if memo is None:
            return Demand._forecast_rates(target.location_id, space.kind, first, end)
        key = (target.location_id.id, space.kind)
        if key not in memo or first < memo[key][0] or end > memo[key][1]:
            wide = (first - FORECAST_MEMO_MARGIN, end + FORECAST_MEMO_MARGIN)
            memo[key] = (
                *wide,
                Demand._forecast_rates(target.location_id, space.kind, *wide),
            )
        return {
            hour: rate for hour, rate in memo[key][2].items() if first <= hour < end
        }

    @contextmanager
    def _demand_forecast_memo(self):
        """The forecasts read while a page is made are read once. Nothing is
        kept past it."""
        cache = self.env.cr.cache
        if FORECAST_MEMO in cache:
            yield
            return
        cache[FORECAST_MEMO] = {}
        try:
            yield
        finally:
            cache.pop(FORECAST_MEMO, None)

    @api.model
    def _demand_adjusted_lines(self, lines, adjustment, pricelist, target):
        """``(lines, price)`` with the unit prices of the rates moved by the
        adjustment (rounded to the currency), the price their sum as a sale
        order adds them up."""
        currency = pricelist.currency_id or target.company_id.currency_id
        moved = adjustment["product_ids"]
        adjusted = [
            (
                product,
                quantity,
                currency.round(pricing.scaled(unit, adjustment["percent"]))
                if product.id in moved
                else unit,
            )
            for product, quantity, unit in lines
        ]
        price = sum(currency.round(quantity * unit) for _p, quantity, unit in adjusted)
        return adjusted, currency.round(price)

    @api.model
    def _demand_label(self, percent, duration):
        """ "Busy hour +15 %", "Quiet hours −10 %"; empty for no move."""
        if not percent:
            return ""
        _ = self.env._
        several = duration > timedelta(hours=1)
        if percent > 0:
            if several:
                return _("Busy hours +%(percent)s %%", percent=percent)
            return _("Busy hour +%(percent)s %%", percent=percent)
        if several:
            return _("Quiet hours −%(percent)s %%", percent=-percent)
        return _("Quiet hour −%(percent)s %%", percent=-percent)

    @api.model
    def _demand_memo_key_from_vals(self, vals):
        target = self._target_from_vals(vals)
        return (
            target._name,
            target.id,
            fields.Datetime.to_datetime(vals.get("start")),
            fields.Datetime.to_datetime(vals.get("stop")),
            vals.get("seats", 1),
            vals.get("partner_id") or False,
        )
