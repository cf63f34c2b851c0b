# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# One concern of the model per file, as CONTRIBUTING.md asks:
# pylint: disable=consider-merging-classes-inherited
"""A year of synthetic booking history for the demo (and for ``bench/ai``),
written in a few statements so that it takes seconds, then the first
training of each company's forecast."""

import functools
import logging
import time
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import synthetic
from .coworking_ai_demand_training import _country_holidays

_logger = logging.getLogger(__name__)

# the largest history one call writes
MAX_HISTORY_DAYS = 1100
# rows per INSERT statement
INSERT_CHUNK = 5000


class CoworkingAiDemand(models.Model):
    _inherit = "coworking.ai.demand"

    @api.model
    def _demo_opening_hours(self, spaces):
        """``{space: {weekday: (open, close)}}`` in whole local hours, from
        each space's opening hours (its location's by default)."""
        hours = {}
        for space in spaces:
            calendar = (
                space.resource_calendar_id or space.location_id.resource_calendar_id
            )
            days = defaultdict(list)
            for attendance in calendar.attendance_ids:
                days[int(attendance.dayofweek)].append(
                    (attendance.hour_from, attendance.hour_to)
                )
            hours[space] = {
                day: (int(min(a for a, _b in spans)), int(max(b for _a, b in spans)))
                for day, spans in days.items()
            }
        return hours

    @api.model
    def _demo_generate_history(self, days=365, seed=17, scale=1.0, train=True):
        """Past bookings (done, a few no-shows and cancellations) of every
        bookable space over ``days`` days up to yesterday, by the members
        of each space's company, then the first training of the forecast.
        Hours already booked in a space are left to their bookings."""
        if not 1 <= days <= MAX_HISTORY_DAYS:
            raise ValueError(f"days must be between 1 and {MAX_HISTORY_DAYS}")
        began = time.monotonic()
        Space = self.env["coworking.space"].sudo()
        spaces = Space.search([("is_bookable", "=", True)])
        today = fields.Date.context_today(self)
        first_day = today - timedelta(days=days)
        written = 0
        for company in spaces.company_id:
            company_spaces = spaces.filtered(lambda s, c=company: s.company_id == c)
            partners = self._demo_customers(company)
            if not partners:
                continue
            records = self._synthetic_history(
                company, company_spaces, partners, first_day, days, seed, scale
            )
            written += self._demo_insert_bookings(company, company_spaces, records)
        _logger.info(
            "Synthetic history: %s bookings over %s days in %.1f s",
            written,
            days,
            time.monotonic() - began,
        )
        if train:
            for company in spaces.company_id:
                self._train_company(company)
        return written

    @api.model
    def _synthetic_history(
        self, company, spaces, partners, first_day, days, seed=17, scale=1.0
    ):
        """``synthetic.generate`` for ``spaces`` of ``company`` booked by
        ``partners`` over ``days`` days from ``first_day``, with each space's
        opening hours and the public holidays of its location's country."""
        opening = self._demo_opening_hours(spaces)
        codes = {
            location.id: (location.country_id or company.country_id).code
            for location in spaces.location_id
        }
        last_year = (first_day + timedelta(days=days)).year
        return synthetic.generate(
            [
                {
                    "id": space.id,
                    "kind": space.kind,
                    "capacity": space.capacity,
                    "tz": space.location_id.tz,
                    "location": space.location_id.id,
                    "hours": opening[space],
                }
                for space in spaces
            ],
            partners.ids,
            first_day,
            days,
            functools.partial(self._demo_holidays, codes, first_day.year, last_year),
            seed=seed,
            scale=scale,
        )

    @api.model
    def _demo_holidays(self, codes, first_year, last_year, location_id):
        return _country_holidays(codes.get(location_id), first_year, last_year)

    @api.model
    def _demo_customers(self, company):
        """The members of ``company`` (the demo's portal members among them)."""
        return (
            self.env["res.partner"]
            .sudo()
            .search(
                [
                    ("is_coworking_member", "=", True),
                    ("company_id", "in", (company.id, False)),
                ],
                order="id",
            )
        )

    @api.model
    def _demo_insert_bookings(self, company, spaces, records):
        """Insert ``records`` (``synthetic.generate``) as bookings of
        ``company``, priced like the space's rates for the public, skipping
        those that meet a booking already there. Returns how many."""
        Booking = self.env["coworking.booking"].sudo()
        existing = defaultdict(list)
        for booking in Booking.search([("space_id", "in", spaces.ids)]):
            existing[booking.space_id.id].append((booking.start, booking.stop))
        by_id = {space.id: space for space in spaces}
        prices = {}
        rows = []
        for space_id, partner_id, start, stop, seats, state in records:
            if any(s < stop and start < e for s, e in existing[space_id]):
                continue
            space = by_id[space_id]
            key = (space_id, stop - start, seats)
            if key not in prices:
                prices[key] = Booking._compute_price_lines(space, start, stop, seats)[1]
            rows.append(
                (
                    space,
                    partner_id,
                    start,
                    stop,
                    seats,
                    state,
                    prices[key],
                )
            )
        prefix = "HIST/%s/" % (rows[0][2].strftime("%Y%m%d") if rows else "")
        self.env.flush_all()
        for offset in range(0, len(rows), INSERT_CHUNK):
            chunk = rows[offset : offset + INSERT_CHUNK]
            columns = list(zip(*chunk, strict=True))
            spaces_of = columns[0]
            self.env.cr.execute(
                SQL(
                    """INSERT INTO coworking_booking
                        (company_id, space_id, location_id, resource_id, booking_mode,
                         space_kind, partner_id, start, stop, blocked_stop, duration,
                         seats, state, price, name, access_token,
                         create_uid, write_uid, create_date, write_date)
                       SELECT %s, v.space_id, s.location_id, s.resource_id,
                              CASE WHEN s.kind = 'hot_desk' THEN 'pooled'
                                   ELSE 'exclusive' END,
                              s.kind, v.partner_id, v.start, v.stop, v.stop,
                              EXTRACT(EPOCH FROM v.stop - v.start) / 3600.0,
                              v.seats, v.state, v.price,
                              %s || lpad((%s + v.n)::text, 6, '0'),
                              md5(random()::text || v.n::text),
                              %s, %s, v.start, v.stop
                         FROM unnest(%s::int[], %s::int[], %s::timestamp[],
                                     %s::timestamp[], %s::int[], %s::varchar[],
                                     %s::numeric[])
                              WITH ORDINALITY
                              AS v(space_id, partner_id, start, stop, seats, state,
                                   price, n)
                         JOIN coworking_space s ON s.id = v.space_id
                       ON CONFLICT (name, company_id) DO NOTHING""",
                    company.id,
                    prefix,
                    offset,
                    self.env.uid,
                    self.env.uid,
                    [space.id for space in spaces_of],
                    list(columns[1]),
                    list(columns[2]),
                    list(columns[3]),
                    list(columns[4]),
                    list(columns[5]),
                    list(columns[6]),
                )
            )
        Booking.invalidate_model()
        return len(rows)
