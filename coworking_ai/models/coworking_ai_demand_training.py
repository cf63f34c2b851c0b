# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# One concern of the model per file, as CONTRIBUTING.md asks:
# pylint: disable=consider-merging-classes-inherited
"""Training of the demand forecast (a weekly cron, one company per call) and
the forecasts it writes: the held-out weeks (next to what was booked) and
the hours to come."""

import logging
import time
from datetime import timedelta
from functools import lru_cache

import holidays as holidays_lib

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import forecasting
from .coworking_ai_demand import MAX_SPAN_DAYS, hour_floor
from .coworking_ai_model import GOAL_IMPROVEMENT

_logger = logging.getLogger(__name__)

DEFAULT_HISTORY_DAYS = 730
HISTORY_DAYS_RANGE = (56, 1100)
DEFAULT_HELD_OUT_WEEKS = 4
WEEKS_RANGE = (1, 12)
DEFAULT_HORIZON_DAYS = 28
HORIZON_DAYS_RANGE = (1, 62)
# a company's model is trained again after this long
RETRAIN_AFTER = timedelta(days=6)
# weeks of history a company needs beyond the held-out ones
MIN_TRAIN_WEEKS = 3


@lru_cache(maxsize=64)
def _country_holidays(code, first_year, last_year):
    if not code:
        return frozenset()
    try:
        days = holidays_lib.country_holidays(
            code, years=range(first_year, last_year + 1)
        )
    except NotImplementedError:
        return frozenset()
    return frozenset(days)


class CoworkingAiDemand(models.Model):
    _inherit = "coworking.ai.demand"

    @api.model
    def _ai_setting(self, key, default, bounds):
        """A setting of the forecast, an integer within ``bounds``."""
        raw = self.env["ir.config_parameter"].sudo().get_param(f"coworking_ai.{key}")
        try:
            value = int(raw) if raw else default
        except ValueError:
            value = default
        return min(max(value, bounds[0]), bounds[1])

    # ------------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------------

    @api.model
    def _companies_to_train(self, now):
        """Companies with bookable spaces whose forecast is older than a week
        (or missing), the longest waiting first."""
        self.env.cr.execute(
            SQL(
                """SELECT c.id FROM res_company c
                    WHERE EXISTS (SELECT 1 FROM coworking_space s
                                   WHERE s.company_id = c.id AND s.active
                                     AND s.is_bookable)
                      AND NOT EXISTS (SELECT 1 FROM coworking_ai_model m
                                       WHERE m.company_id = c.id
                                         AND m.purpose = 'demand'
                                         AND m.trained_at > %s)
                    ORDER BY (SELECT max(m.trained_at) FROM coworking_ai_model m
                               WHERE m.company_id = c.id
                                 AND m.purpose = 'demand') NULLS FIRST, c.id""",
                now - RETRAIN_AFTER,
            )
        )
        return self.env["res.company"].browse(row[0] for row in self.env.cr.fetchall())

    @api.model
    def _cron_train(self):
        """Train the forecast of one company per call; the cron runner calls
        again while companies remain (their progress is reported)."""
        now = fields.Datetime.now()
        companies = self._companies_to_train(now)
        if not companies:
            return  # nothing to train: the runner counts the job done
        self._train_company(companies[0], now)
        self.env["ir.cron"]._notify_progress(done=1, remaining=len(companies) - 1)

    # ------------------------------------------------------------------
    # Training
    # ------------------------------------------------------------------

    @api.model
    def _refresh_span(self, company, start, stop, now=None):
        """``_refresh_actuals`` from ``start`` to ``stop`` by spans it accepts."""
        written = 0
        cursor = start
        while cursor < stop:
            chunk = min(cursor + timedelta(days=MAX_SPAN_DAYS), stop)
            written += self._refresh_actuals(cursor, chunk, companies=company, now=now)
            cursor = chunk
        return written

    @api.model
    def _history_start(self, company, earliest):
        """The hour of the company's first booking of a space, not before
        ``earliest``: the months before a coworking opened are no demand
        to learn from."""
        self.env.cr.execute(
            SQL(
                """SELECT min(start) FROM coworking_booking
                    WHERE company_id = %s AND space_id IS NOT NULL
                      AND start >= %s""",
                company.id,
                earliest,
            )
        )
        first = self.env.cr.fetchone()[0]
        return hour_floor(first) if first else earliest

    @api.model
    def _series(self, company, start, stop, past):
        """The company's demand from ``start`` to ``stop``, past hours with
        what was booked or hours to come: ``[(location id, kind, hour, local
        moment, booked rate)]``. What the sensors measured is shown beside
        it, not learned: the forecast is of what is booked (what pricing
        and recommendations sell); sensors count people, walk-ins and
        guests included, another quantity."""
        self.env.cr.execute(
            SQL(
                """SELECT d.location_id, d.space_kind, d.hour,
                          (d.hour AT TIME ZONE 'UTC') AT TIME ZONE loc.tz,
                          d.actual_rate
                     FROM coworking_ai_demand d
                     JOIN coworking_location loc ON loc.id = d.location_id
                    WHERE d.company_id = %s AND d.hour >= %s AND d.hour < %s
                      AND d.is_past = %s
                      AND (NOT d.is_past OR d.actual_rate IS NOT NULL)
                    ORDER BY d.hour, d.location_id, d.space_kind""",
                company.id,
                start,
                stop,
                past,
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _holidays_lookup(self, keys, first_year, last_year):
        """``holidays_of(group)``: public holidays of the group's location's
        country (else of its company's)."""
        locations = (
            self.env["coworking.location"]
            .sudo()
            .browse({location_id for location_id, _kind in keys})
        )
        codes = {
            location.id: (location.country_id or location.company_id.country_id).code
            for location in locations
        }
        by_group = [
            _country_holidays(codes.get(location_id), first_year, last_year)
            for location_id, _kind in keys
        ]
        return by_group.__getitem__

    @api.model
    def _train_company(self, company, now=None):
        """Refresh the company's demand, train a new version of its forecast,
        score it on held-out weeks against the seasonal-naive baseline and
        write its forecasts. Returns the new ``coworking.ai.model`` (empty
        when there is not enough history yet)."""
        began = time.monotonic()
        now = hour_floor(now or fields.Datetime.now())
        history_days = self._ai_setting(
            "history_days", DEFAULT_HISTORY_DAYS, HISTORY_DAYS_RANGE
        )
        weeks = self._ai_setting("held_out_weeks", DEFAULT_HELD_OUT_WEEKS, WEEKS_RANGE)
        horizon = self._ai_setting(
            "horizon_days", DEFAULT_HORIZON_DAYS, HORIZON_DAYS_RANGE
        )
        first = self._history_start(company, now - timedelta(days=history_days))
        self._refresh_span(company, first, now + timedelta(days=horizon), now)
        past = self._series(company, first, now, True)
        keys = sorted({(row[0], row[1]) for row in past})
        if len(keys) > forecasting.MAX_GROUPS:
            keys = keys[: forecasting.MAX_GROUPS]
        index = {key: number for number, key in enumerate(keys)}
        rows = [
            (index[(loc, kind)], hour, local, rate)
            for loc, kind, hour, local, rate in past
            if (loc, kind) in index
        ]
        if not rows:
            return self.env["coworking.ai.model"]
        origin = min(row[1] for row in rows)
        span_weeks = (max(row[1] for row in rows) - origin).days // 7
        if span_weeks < weeks + MIN_TRAIN_WEEKS:
            _logger.info(
                "Demand forecast of %s: %s weeks of history, %s needed",
                company.name,
                span_weeks,
                weeks + MIN_TRAIN_WEEKS,
            )
            return self.env["coworking.ai.model"]
        future = [
            row
            for row in self._series(company, now, now + timedelta(days=horizon), False)
            if (row[0], row[1]) in index
        ]
        holidays_of = self._holidays_lookup(
            keys, origin.year, (now + timedelta(days=horizon)).year
        )
        _validation, scores, held_out = forecasting.evaluate(
            rows, weeks, origin, holidays_of
        )
        estimator = forecasting.fit(rows, origin, holidays_of)
        future_rows = [
            (index[(loc, kind)], hour, local, None)
            for loc, kind, hour, local, _r in future
        ]
        predictions = forecasting.predict(
            estimator, forecasting.features(future_rows, origin, holidays_of)
        )
        model = self.env["coworking.ai.model"]._store(
            "demand",
            company,
            estimator,
            {
                "trained_at": fields.Datetime.now(),
                "training_seconds": time.monotonic() - began,
                "history_start": origin,
                "history_stop": now,
                "held_out_weeks": weeks,
                "train_rows": scores["train_rows"],
                "test_rows": scores["test_rows"],
                "rmse": scores["rmse"],
                "baseline_rmse": scores["baseline_rmse"],
                "mae": scores["mae"],
                "baseline_mae": scores["baseline_mae"],
                "improvement": scores["improvement"],
                "goal_met": scores["improvement"] >= GOAL_IMPROVEMENT * 100,
                "features": ", ".join(forecasting.FEATURES),
                "group_keys": [[loc, kind] for loc, kind in keys],
            },
        )
        written = [(keys[g][0], keys[g][1], hour, rate) for g, hour, rate in held_out]
        written += [
            (loc, kind, hour, float(rate))
            for (loc, kind, hour, _local, _r), rate in zip(
                future, predictions, strict=True
            )
        ]
        self._write_forecasts(model, written)
        model.sudo().training_seconds = time.monotonic() - began
        _logger.info(
            "Demand forecast of %s: v%s, RMSE %.4f against %.4f "
            "(%.1f %% better), %.1f s",
            company.name,
            model.version,
            scores["rmse"],
            scores["baseline_rmse"],
            scores["improvement"],
            model.training_seconds,
        )
        return model

    @api.model
    def _write_forecasts(self, model, forecasts):
        """Write ``[(location id, kind, hour, rate)]`` as the forecasts of
        ``model``, in one statement."""
        if not forecasts:
            return
        locations, kinds, hours, rates = map(list, zip(*forecasts, strict=True))
        self.env.cr.execute(
            SQL(
                """UPDATE coworking_ai_demand d
                      SET forecast_rate = LEAST(GREATEST(v.rate, 0), 1),
                          model_id = %s
                     FROM unnest(%s::int[], %s::varchar[], %s::timestamp[],
                                 %s::float8[]) AS v(location_id, kind, hour, rate)
                    WHERE d.location_id = v.location_id AND d.space_kind = v.kind
                      AND d.hour = v.hour""",
                model.id,
                locations,
                kinds,
                hours,
                [round(rate, 4) for rate in rates],
            )
        )
        self.invalidate_model(["forecast_rate", "model_id"])

    # ------------------------------------------------------------------
    # Reading a stored model back
    # ------------------------------------------------------------------

    @api.model
    def _predict_with(self, model, rows):
        """Forecasts of ``rows`` (``(location id, kind, hour, local)``) by the
        stored ``model``, loaded and checked from the database."""
        keys = [tuple(key) for key in model.group_keys or []]
        index = {key: number for number, key in enumerate(keys)}
        series = [
            (index[(loc, kind)], hour, local, None)
            for loc, kind, hour, local in rows
            if (loc, kind) in index
        ]
        holidays_of = self._holidays_lookup(
            keys,
            model.history_start.year,
            max((row[2].year for row in rows), default=model.history_start.year),
        )
        return forecasting.predict(
            model._load(),
            forecasting.features(series, model.history_start, holidays_of),
        )
