# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# One concern of the model per file, as CONTRIBUTING.md asks (issue 12):
# pylint: disable=consider-merging-classes-inherited
"""Prices of a booking: the cheapest combination of its rates, from the
customer's pricelist, and the terms (who pays, when) other addons override."""

import math

from odoo import api, models
from odoo.tools import float_compare, float_is_zero, float_round

# hours are compared to the minute: a booking starts and ends on whole minutes
HOURS_DIGITS = 6


class CoworkingBooking(models.Model):
    """Prices and terms of a booking."""

    _inherit = "coworking.booking"

    @api.model
    def _compute_price_lines(
        self, target, start, stop, seats=1, partner=None, pricelist=None
    ):
        """Cheapest combination of the target's rates covering the duration.

        Returns ``(lines, total)`` where lines are ``(product, quantity,
        unit_price)``. Long rates (half-day, day) are sold by whole units;
        the hourly rate covers the rest by fractions of an hour.
        """
        products = target._get_rate_products()
        hours = (stop - start).total_seconds() / 3600
        if not products or hours <= 0:
            return [], 0.0
        pricelist = pricelist or self._pricelist_for(partner, target.company_id)
        # while ``_book`` runs, each request is priced once
        request_memo = self._request_memo_dict()
        args = (target, products, start, hours, seats, partner, pricelist)
        if request_memo is None:
            return self._price_lines(*args)
        memo = request_memo.setdefault("prices", {})
        key = (target._name, target.id, start, stop, seats)
        key += (partner.id if partner else False, pricelist.id)
        if key not in memo:
            memo[key] = self._price_lines(*args)
        return memo[key]

    @api.model
    def _price_lines(self, target, products, start, hours, seats, partner, pricelist):
        seats = (
            seats
            if target._name == "coworking.space" and (target.booking_mode == "pooled")
            else 1
        )
        # from the registry's cache of rate tables (the same as the lists of
        # spaces show), for the booking's start when pricelist rules have dates
        Product = self.env["product.product"]
        table = Product._coworking_rate_table(
            tuple(sorted(products.ids)),
            pricelist.id,
            partner.id if partner else False,
            Product._coworking_rate_moment(start),
        )
        priced = [(product, *table[product.id]) for product in products]
        fractional = [p for p in priced if p[0]._coworking_is_fractional()]
        whole = sorted(
            (p for p in priced if not p[0]._coworking_is_fractional()),
            key=lambda p: -p[1],
        )
        best = None

        def search(index, remaining, chosen, cost):
            nonlocal best
            if index == len(whole):
                lines = list(chosen)
                total = cost
                if not float_is_zero(remaining, precision_digits=HOURS_DIGITS):
                    if not fractional:
                        return
                    product, per, unit = min(fractional, key=lambda p: p[2] / p[1])
                    quantity = float_round(remaining / per, precision_digits=2)
                    lines.append((product, quantity, unit))
                    total += quantity * unit
                if (
                    best is None
                    or float_compare(total, best[1], precision_digits=HOURS_DIGITS) < 0
                ):
                    best = (lines, total)
                return
            product, per, unit = whole[index]
            most = (
                math.ceil(float_round(remaining / per, precision_digits=HOURS_DIGITS))
                if remaining > 0
                else 0
            )
            for count in range(most, -1, -1):
                search(
                    index + 1,
                    max(remaining - count * per, 0.0),
                    [*chosen, (product, count, unit)] if count else chosen,
                    cost + count * unit,
                )

        search(0, hours, [], 0.0)
        if best is None:
            return [], 0.0
        lines = [(p, q * seats, u) for p, q, u in best[0] if q]
        return lines, self.env.company.currency_id.round(best[1] * seats)

    @api.model
    def _unit_prices(self, products, pricelist, partner=None, date=False):
        """``{product id: unit price}`` of ``products`` for ``pricelist``
        (their sales price without one): the pricelist's rules are searched
        once for all the products, not once per product."""
        if not pricelist:
            return {product.id: product.lst_price for product in products}
        prices = pricelist._compute_price_rule(
            products, 1.0, partner=partner, date=date
        )
        return {product_id: price for product_id, (price, _rule) in prices.items()}

    @api.model
    def _pricelist_for(self, partner, company=None):
        partner = partner or self.env["res.partner"]
        if partner:
            pricelist = partner.with_company(
                company or self.env.company
            ).property_product_pricelist
            if pricelist:
                return pricelist
        Pricelist = self.env["product.pricelist"]
        return Pricelist.search(
            Pricelist._get_partner_pricelist_multi_search_domain_hook(
                (company or self.env.company).id
            ),
            limit=1,
        )

    def _refresh_price(self):
        for booking in self:
            pricelist = booking.pricelist_id or self._pricelist_for(
                booking.partner_id, booking.company_id
            )
            _lines, total = self._compute_price_lines(
                booking._target(),
                booking.start,
                booking.stop,
                booking.seats,
                booking.partner_id,
                pricelist,
            )
            booking.write({"price": total, "pricelist_id": pricelist.id})

    @api.model
    def _booking_terms(self, target, start, stop, seats, partner, pricelist=None):
        """How ``partner`` books ``target`` from ``start`` to ``stop``:
        ``{"pricelist", "lines", "price", "pay_now", "membership"}``.

        Here every customer pays a non-zero price before the booking is
        confirmed; what bills a booking otherwise (a membership covering
        that company and day) says so by overriding this method, never a
        flag of the partner, so that no booking is confirmed that nothing
        bills."""
        pricelist = pricelist or self._pricelist_for(partner, target.company_id)
        lines, price = self._compute_price_lines(
            target, start, stop, seats, partner, pricelist
        )
        return {
            "pricelist": pricelist,
            "lines": lines,
            "price": price,
            "pay_now": price > 0,
            "membership": False,
        }
