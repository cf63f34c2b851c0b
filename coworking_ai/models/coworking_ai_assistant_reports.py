# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# One concern of the assistant per file:
# pylint: disable=consider-merging-classes-inherited
"""What the assistant tells: the bookings and credits of the person asking,
and for managers the month's revenue and occupancy, each read with the
rights of the person asking."""

from datetime import time, timedelta

from odoo import api, fields, models
from odoo.tools import SQL, format_amount, format_date

from odoo.addons.coworking_membership.models.coworking_membership_credit import (
    LOT_TYPES,
)

from .coworking_ai_demand import DEMAND_STATES

ACTIVE_STATES = ("held", "confirmed", "checked_in")
MAX_LISTED_BOOKINGS = 8
# credits "about to expire" end within this many days
EXPIRY_DAYS = 7


class CoworkingAiAssistant(models.AbstractModel):
    _inherit = "coworking.ai.assistant"

    # ------------------------------------------------------------------
    # The person's bookings and credits
    # ------------------------------------------------------------------

    @api.model
    def _intent_my_bookings(self, slots, payload=None):
        _ = self.env._
        Booking = self.env["coworking.booking"]
        partner, reply, _other = self._customer_asked(
            slots,
            "my_bookings",
            lambda name: _(
                "I can only tell you about your own bookings, not those of "
                "%(name)s.",
                name=name,
            ),
        )
        if reply:
            return reply
        domain = [
            ("partner_id", "child_of", partner.commercial_partner_id.id),
            ("parent_id", "=", False),
            ("state", "in", ACTIVE_STATES),
            ("stop", ">=", fields.Datetime.now()),
        ]
        if slots.day:
            day_from, day_to = self._day_bounds_utc(slots.day, self._tz())
            domain += [("start", ">=", day_from), ("start", "<", day_to)]
        if not Booking.has_access("read"):
            return self._say(
                _("Your account cannot see bookings: please ask the front desk.")
            )
        bookings = Booking.search(domain, order="start", limit=MAX_LISTED_BOOKINGS + 1)
        if not bookings:
            if slots.day:
                return self._say(
                    _("You have no booking on %(day)s.", day=self._fmt_day(slots.day))
                )
            return self._say(
                _("You have no upcoming booking. Shall I look for a free slot?")
            )
        states = dict(Booking._fields["state"]._description_selection(self.env))
        lines = [
            f"{self._booking_label(booking)} ({states[booking.state]})"
            for booking in bookings[:MAX_LISTED_BOOKINGS]
        ]
        answer = [_("Your upcoming bookings:"), self._bullets(lines)]
        if self.env.user._is_portal():
            answer.append(self._portal_link("/my/bookings", _("All your bookings")))
        return self._say(*answer)

    @api.model
    def _intent_my_credits(self, slots, payload=None):
        _ = self.env._
        Membership = self.env["coworking.membership"]
        if not Membership.has_access("read"):
            return self._say(_("You have no membership I can show."))
        partner = self.env.user.partner_id
        memberships = Membership.search(
            [
                "|",
                ("member_line_ids.partner_id", "=", partner.id),
                ("partner_id", "=", partner.commercial_partner_id.id),
                ("state", "in", ("active", "suspended")),
            ]
        )
        if not memberships:
            return self._say(
                _(
                    "You have no running membership, so no credits. Shall I look "
                    "for a free slot?"
                )
            )
        today, _now = self._today()
        lines = []
        for membership in memberships.sudo():
            line = _(
                "%(plan)s: %(hours)s credit hours left",
                plan=membership.plan_id.name,
                hours=format(membership.credit_balance, "g"),
            )
            if membership.guest_passes_left:
                line += ", " + _(
                    "%(count)s guest passes", count=membership.guest_passes_left
                )
            if membership.period_end:
                line += ", " + _(
                    "period until %(day)s", day=self._fmt_day(membership.period_end)
                )
            if membership.state == "suspended":
                line += " " + _("(suspended)")
            lines.append(line)
        answer = [_("Your credits:"), self._bullets(lines)]
        expiring = self._expiring_lots(memberships, today)
        for lot, left in expiring:
            answer.append(
                _(
                    "%(hours)s hours expire on %(day)s: book before then.",
                    hours=format(left, "g"),
                    day=self._fmt_day(lot.valid_to),
                )
            )
        if self.env.user._is_portal():
            answer.append(self._portal_link("/my/membership", _("Your membership")))
        return self._say(*answer)

    @api.model
    def _expiring_lots(self, memberships, today):
        """``[(lot, hours left)]`` of credit hours of ``memberships`` that end
        within ``EXPIRY_DAYS``."""
        Credit = self.env["coworking.membership.credit"].sudo()
        lots = Credit.search(
            [
                ("membership_id", "in", memberships.ids),
                ("type", "in", LOT_TYPES),
                ("unit", "=", "hours"),
                ("valid_from", "<=", today),
                ("valid_to", ">=", today),
                ("valid_to", "<=", today + timedelta(days=EXPIRY_DAYS)),
            ],
            order="valid_to, id",
        )
        remaining = Credit._lot_remaining(lots.ids)
        return [
            (lot, remaining[lot.id]) for lot in lots if remaining.get(lot.id, 0) > 0.005
        ]

    # ------------------------------------------------------------------
    # Managers: the month's revenue and occupancy
    # ------------------------------------------------------------------

    @api.model
    def _managers_only(self):
        return self._say(
            self.env._(
                "Sorry, only the coworking managers can see this. I can tell you "
                "about your own bookings and credits."
            )
        )

    @api.model
    def _month_bounds(self):
        """This month: its first day, the first day of the next (local
        dates), and their naive UTC moments."""
        today, _now = self._today()
        first = today.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        tz = self._tz()
        return (
            first,
            following,
            self._to_utc(first, time.min, tz),
            self._to_utc(following, time.min, tz),
        )

    @api.model
    def _money(self, amounts):
        """``{company: amount}`` as text, one company after the other (those
        with an amount, else the current one)."""
        amounts = {c: a for c, a in amounts.items() if a} or {self.env.company: 0.0}
        parts = []
        for company, amount in amounts.items():
            text = format_amount(self.env, amount or 0.0, company.currency_id)
            parts.append(f"{text} ({company.name})" if len(amounts) > 1 else text)
        return ", ".join(parts) or format_amount(
            self.env, 0.0, self.env.company.currency_id
        )

    @api.model
    def _sum_by_company(self, model, domain, field):
        groups = self.env[model]._read_group(domain, ["company_id"], [f"{field}:sum"])
        amounts = {company: 0.0 for company in self.env.companies}
        for company, amount in groups:
            amounts[company] = amount or 0.0
        return amounts

    @api.model
    def _intent_revenue(self, slots, payload=None):
        _ = self.env._
        if not self._is_manager():
            return self._managers_only()
        first, following, start, stop = self._month_bounds()
        now = fields.Datetime.now()
        month = [("start", ">=", start), ("start", "<", stop)]
        booked = self._sum_by_company(
            "coworking.booking",
            month + [("state", "in", DEMAND_STATES)],
            "price",
        )
        done = self._sum_by_company(
            "coworking.booking",
            month + [("state", "in", DEMAND_STATES), ("start", "<", now)],
            "price",
        )
        held = self._sum_by_company(
            "coworking.booking", month + [("state", "=", "held")], "price"
        )
        fees = self._sum_by_company(
            "coworking.booking",
            month + [("state", "=", "cancelled"), ("cancel_fee", ">", 0)],
            "cancel_fee",
        )
        answer = [
            _(
                "Revenue of %(month)s, untaxed:",
                month=format_date(self.env, first, date_format="MMMM y"),
            ),
            self._bullets(
                [
                    _("bookings of the month: %(amount)s", amount=self._money(booked)),
                    _("of which already past: %(amount)s", amount=self._money(done)),
                    _(
                        "held, waiting for payment: %(amount)s",
                        amount=self._money(held),
                    ),
                    _("late cancellation fees: %(amount)s", amount=self._money(fees)),
                ]
            ),
        ]
        Move = self.env["account.move"]
        if Move.has_access("read"):
            invoiced = self._sum_by_company(
                "account.move",
                [
                    ("move_type", "in", ("out_invoice", "out_refund")),
                    ("state", "=", "posted"),
                    ("invoice_date", ">=", first),
                    ("invoice_date", "<", following),
                ],
                "amount_untaxed_signed",
            )
            answer.append(
                _(
                    "Posted customer invoices of the month (memberships included): "
                    "%(amount)s.",
                    amount=self._money(invoiced),
                )
            )
        return self._say(*answer)

    @api.model
    def _booked_hours(self, locations, start, stop):
        """``{location id: seat-hours booked}`` between two naive UTC
        moments, in one query (per-seat spaces count their seats)."""
        if not locations:
            return {}
        self.env["coworking.booking"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT location_id,
                       SUM(EXTRACT(EPOCH FROM LEAST(stop, %(stop)s)
                                   - GREATEST(start, %(start)s)) / 3600.0
                           * CASE WHEN booking_mode = 'pooled' THEN seats ELSE 1 END)
                  FROM coworking_booking
                 WHERE space_id IS NOT NULL
                   AND location_id IN %(locations)s
                   AND state IN %(states)s
                   AND start < %(stop)s AND stop > %(start)s
                 GROUP BY location_id
                """,
                start=start,
                stop=stop,
                locations=tuple(locations.ids),
                states=DEMAND_STATES,
            )
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _open_hours(self, location, spaces, start, stop):
        """Seat-hours the bookable ``spaces`` of ``location`` were open."""
        opened = location._opening_periods(spaces, start, stop)
        total = 0.0
        for space in spaces:
            hours = sum(
                (b - a).total_seconds() / 3600
                for a, b in opened.get(space.resource_id.id, [])
            )
            total += hours * (space.capacity if space.booking_mode == "pooled" else 1)
        return total

    @api.model
    def _intent_occupancy(self, slots, payload=None):
        _ = self.env._
        if not self._is_manager():
            return self._managers_only()
        first, _following, start, stop = self._month_bounds()
        stop = min(stop, fields.Datetime.now())
        spaces = self.env["coworking.space"].search([("is_bookable", "=", True)])
        locations = spaces.location_id
        if not locations or stop <= start:
            return self._say(_("There is nothing to measure yet this month."))
        booked = self._booked_hours(locations, start, stop)
        lines = []
        total_open = total_booked = 0.0
        for location in locations:
            located = spaces.filtered(lambda s, loc=location: s.location_id == loc)
            opened = self._open_hours(location, located, start, stop)
            used = min(booked.get(location.id, 0.0), opened)
            total_open += opened
            total_booked += used
            if opened:
                lines.append(
                    _(
                        "%(location)s: %(rate)s %% (%(booked)s of %(open)s "
                        "seat-hours)",
                        location=location.name,
                        rate=round(100 * used / opened),
                        booked=round(used),
                        open=round(opened),
                    )
                )
        if not total_open:
            return self._say(_("The spaces have not been open yet this month."))
        return self._say(
            _(
                "Occupancy of %(month)s so far (booked hours against opening "
                "hours): %(rate)s %%.",
                month=format_date(self.env, first, date_format="MMMM y"),
                rate=round(100 * total_booked / total_open),
            ),
            self._bullets(lines),
        )
