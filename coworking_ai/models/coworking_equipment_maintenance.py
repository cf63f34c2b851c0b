# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Predictive maintenance of the coworking's equipment: the risk of a
failure before the next check from the usage counters and the maintenance
history, refreshed by a daily cron that also asks for the maintenance."""

import logging
from collections import defaultdict
from datetime import datetime, time, timedelta

import psycopg2
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, format_date, formatLang, mute_logger

from ..tools import maintenance_risk as risk
from .maintenance_request import OPEN_REASON_INDEX

_logger = logging.getLogger(__name__)

USAGE_UNITS = [("pages", "pages"), ("hours", "hours of use"), ("days", "days")]
RISK_LEVELS = [
    ("unknown", "Not enough history"),
    ("low", "Low"),
    ("medium", "Medium"),
    ("high", "High"),
]
MAX_HISTORY_DAYS = 1100
DEFAULT_HORIZON_DAYS = 14
DEFAULT_THRESHOLD = 0.3
BATCH_SIZE = 200
# what a counter can count in an hour: more is a jump (a counter replaced)
MAX_USAGE_PER_HOUR = {"pages": 6000.0, "hours": 1.0}
MAX_BATCH_SIZE = 5000
# the written fields, in the order of the batch UPDATE
STORED = (
    ("maintenance_risk", "float8"),
    ("maintenance_risk_level", "varchar"),
    ("maintenance_reason", "varchar"),
    ("predicted_failure_date", "date"),
    ("usage_since_maintenance", "float8"),
    ("usage_unit", "varchar"),
    ("usage_per_day", "float8"),
    ("learned_life", "float8"),
    ("last_maintenance_date", "date"),
    ("maintenance_risk_explanation", "text"),
)


class CoworkingEquipment(models.Model):
    _inherit = "coworking.equipment"

    maintenance_risk = fields.Float(
        string="Failure Risk",
        readonly=True,
        copy=False,
        digits=(5, 3),
        help="Probability of a failure before the next check, from its usage "
        "since the last maintenance against the intervals learned on the fleet.",
    )
    maintenance_risk_level = fields.Selection(
        RISK_LEVELS, string="Risk", readonly=True, copy=False, default="unknown"
    )
    maintenance_reason = fields.Selection(
        [("wear", "Predicted wear"), ("overdue", "Overdue maintenance")],
        string="Maintenance Advised",
        readonly=True,
        copy=False,
    )
    predicted_failure_date = fields.Date(
        readonly=True,
        copy=False,
        help="When half of the equipment in its state would have failed, at "
        "its current pace of use.",
    )
    usage_since_maintenance = fields.Float(
        string="Used Since Maintenance", readonly=True, copy=False, digits=(16, 0)
    )
    usage_unit = fields.Selection(
        USAGE_UNITS,
        readonly=True,
        copy=False,
        help="Pages or hours from its usage counter, days without one.",
    )
    usage_per_day = fields.Float(
        string="Usage per Day",
        readonly=True,
        copy=False,
        digits=(16, 1),
        help="Over the last four weeks.",
    )
    learned_life = fields.Float(
        string="Usual Life",
        readonly=True,
        copy=False,
        digits=(16, 0),
        help="The usage by which half of this kind of equipment fails after a "
        "maintenance (learned on the company's fleet, adjusted to this one).",
    )
    last_maintenance_date = fields.Date(
        string="Last Maintenance", readonly=True, copy=False
    )
    maintenance_risk_explanation = fields.Html(
        string="Why", readonly=True, copy=False, sanitize=False
    )
    maintenance_risk_date = fields.Datetime(
        string="Assessed On", readonly=True, copy=False
    )
    odoo_next_failure_date = fields.Date(
        related="maintenance_equipment_id.estimated_next_failure",
        string="Odoo's Estimate",
        help="The Maintenance app's estimate: last failure + mean time between "
        "failures.",
    )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_assess_maintenance_risk(self):
        """Assess now, without asking for maintenance (the cron does)."""
        if not self.env.user.has_group("coworking_base.group_coworking_manager"):
            raise AccessError(self.env._("Only coworking managers assess the risk."))
        self.check_access("write")
        self.filtered("maintenance_equipment_id")._maintenance_risk_refresh(
            create_requests=False
        )
        return True

    def action_view_predicted_requests(self):
        self.ensure_one()
        action = self.action_view_maintenance_requests()
        action["domain"] = [
            ("equipment_id", "=", self.maintenance_equipment_id.id),
            ("coworking_ai_reason", "!=", False),
        ]
        return action

    # ------------------------------------------------------------------
    # Crons
    # ------------------------------------------------------------------

    @api.model
    def _cron_maintenance_risk(self, batch_size=BATCH_SIZE):
        """Assess the equipment followed in Maintenance, ``batch_size`` at a
        time (the ones not assessed since the cron's last run), and create
        the requests advised."""
        try:
            batch_size = min(max(int(batch_size), 1), MAX_BATCH_SIZE)
        except (TypeError, ValueError) as error:
            raise UserError(
                self.env._(
                    "The batch size of the predictive maintenance must be a "
                    "whole number, not %(value)r.",
                    value=batch_size,
                )
            ) from error
        followed = [("maintenance_equipment_id", "!=", False)]
        lastcall = self.env.context.get("lastcall")
        stale = [("maintenance_risk_date", "=", False)]
        if lastcall:
            stale = ["|", *stale, ("maintenance_risk_date", "<=", lastcall)]
        equipment = self.sudo()
        pending_count = equipment.search_count(followed + stale)
        batch = equipment.search(followed + stale, order="id", limit=batch_size)
        fleet = equipment.search(followed)
        outcome = dict.fromkeys(("assessed", "created", "already_open", "skipped"), 0)
        # the explanations are written in the language of each company
        for company in batch.company_id:
            part = batch.filtered(lambda e, c=company: e.company_id == c)
            lang = company.partner_id.lang or self.env.lang
            counts = part.with_context(lang=lang)._maintenance_risk_refresh(fleet=fleet)
            for key, count in counts.items():
                outcome[key] += count
        self.env["ir.cron"]._notify_progress(
            done=len(batch), remaining=max(pending_count - len(batch), 0)
        )
        return outcome

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _maintenance_settings(self):
        """``(horizon in days, risk threshold)`` from the system
        parameters, bounded."""
        params = self.env["ir.config_parameter"].sudo()

        def number(key, default, low, high):
            try:
                value = float(params.get_param(key, default))
            except (TypeError, ValueError):
                value = default
            return min(max(value, low), high)

        horizon = number(
            "coworking_ai.maintenance_horizon_days", DEFAULT_HORIZON_DAYS, 1, 90
        )
        threshold = number(
            "coworking_ai.maintenance_risk_threshold", DEFAULT_THRESHOLD, 0.05, 0.95
        )
        return int(horizon), threshold

    def _maintenance_risk_refresh(self, fleet=None, create_requests=True):
        """Assess ``self`` against the intervals learned on ``fleet`` (by
        default, the followed equipment of the same companies), store the
        results and create the requests advised. Returns the counts:
        ``{"assessed", "created", "already_open", "skipped"}``."""
        equipment = self.sudo().filtered("maintenance_equipment_id")
        outcome = {"assessed": 0, "created": 0, "already_open": 0, "skipped": 0}
        if not equipment:
            return outcome
        if fleet is None:
            fleet = equipment.search(
                [
                    ("maintenance_equipment_id", "!=", False),
                    ("company_id", "in", equipment.company_id.ids),
                ]
            )
        fleet = (fleet.sudo() | equipment).filtered("maintenance_equipment_id")
        today = fields.Date.today()
        horizon, threshold = self._maintenance_settings()
        results = equipment._maintenance_assess(fleet, today, horizon, threshold)
        equipment._maintenance_store(results)
        outcome["assessed"] = len(equipment)
        if create_requests:
            for key, count in equipment._maintenance_ask(
                results, today, horizon
            ).items():
                outcome[key] += count
        return outcome

    def _maintenance_histories(self, today):
        """``{equipment id: (history with its counter or None, history in
        days)}`` of ``self``, in three queries."""
        since = today - timedelta(days=MAX_HISTORY_DAYS)
        records = self.maintenance_equipment_id
        self.env["maintenance.request"].flush_model(
            [
                "equipment_id",
                "stage_id",
                "maintenance_type",
                "request_date",
                "close_date",
            ]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT r.equipment_id, r.maintenance_type, r.request_date,
                       r.close_date
                  FROM maintenance_request r
                  JOIN maintenance_stage s ON s.id = r.stage_id
                 WHERE s.done AND r.equipment_id = ANY(%s)
                   AND r.request_date >= %s
                 ORDER BY r.equipment_id, r.request_date, r.id
                """,
                records.ids,
                since,
            )
        )
        events = defaultdict(list)
        for record_id, kind, requested, closed in self.env.cr.fetchall():
            done = closed or requested
            moment = requested if kind == "corrective" else done
            events[record_id].append((moment, max(done, moment), kind == "corrective"))
        daily = self._maintenance_daily_usage(since)
        histories = {}
        for equipment in self:
            record = equipment.maintenance_equipment_id
            install = max(record.effective_date or since, since)
            own_events = [e for e in events[record.id] if e[0] >= install]
            counted = None
            metric = equipment._maintenance_metric(daily.get(equipment.id, {}))
            if metric:
                counted = risk.History(
                    install, own_events, daily[equipment.id][metric], metric
                )
                if counted.intervals()[1] < counted.covered_from:
                    counted = None  # counting began after the last maintenance
            in_days = risk.History(install, own_events)
            histories[equipment.id] = (counted, in_days)
        return histories

    def _maintenance_metric(self, usage_by_metric):
        """The counter that measures the wear: pages for a printer, hours of
        use otherwise, else whichever it has."""
        preferred = "pages" if self.kind == "printer" else "hours"
        if usage_by_metric.get(preferred):
            return preferred
        return next((m for m, days in usage_by_metric.items() if days), None)

    def _maintenance_daily_usage(self, since):
        """``{equipment id: {metric: {date: usage}}}`` from the hourly
        counter totals: the increase from one hour to the next, or, when the
        counter went back (replaced) or jumped further than the equipment can
        go (``MAX_USAGE_PER_HOUR``), the increase within the hour if the
        equipment can go that far, else nothing."""
        self.env["coworking.iot.reading.hourly"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                WITH steps AS (
                    SELECT h.equipment_id, h.metric, h.hour,
                           h.value_max - LAG(h.value_max) OVER w AS step,
                           EXTRACT(EPOCH FROM h.hour - LAG(h.hour) OVER w) / 3600
                               AS elapsed,
                           GREATEST(h.value_max - h.value_min, 0) AS inside,
                           CASE h.metric WHEN 'pages' THEN %(pages)s
                                ELSE %(hours)s END AS ceiling
                      FROM coworking_iot_reading_hourly h
                     WHERE h.equipment_id = ANY(%(ids)s)
                       AND h.metric IN ('pages', 'hours')
                       AND h.hour >= %(since)s
                    WINDOW w AS (PARTITION BY h.device_id, h.metric ORDER BY h.hour)
                )
                SELECT equipment_id, metric, hour::date,
                       SUM(CASE WHEN step >= 0 AND step <= ceiling * elapsed
                                THEN step
                                WHEN inside <= ceiling THEN inside
                                ELSE 0 END)
                  FROM steps
                 GROUP BY equipment_id, metric, hour::date
                """,
                pages=MAX_USAGE_PER_HOUR["pages"],
                hours=MAX_USAGE_PER_HOUR["hours"],
                ids=self.ids,
                since=since,
            )
        )
        usage = defaultdict(lambda: defaultdict(dict))
        for equipment_id, metric, day, amount in self.env.cr.fetchall():
            usage[equipment_id][metric][day] = amount or 0.0
        return usage

    def _maintenance_assess(self, fleet, today, horizon, threshold):
        """``{equipment: result}`` for ``self``: the assessment (see
        ``maintenance_risk.assess``), the law it used, Odoo's estimate and
        the explanation."""
        histories = fleet._maintenance_histories(today)
        pools = defaultdict(list)
        for equipment in fleet:
            for history in histories[equipment.id]:
                if history:
                    key = (equipment.company_id.id, equipment.kind, history.unit)
                    pools[key] += history.intervals()[0]
        fits = {key: risk.fit_weibull(intervals) for key, intervals in pools.items()}
        results = {}
        for equipment in self:
            counted, in_days = histories[equipment.id]
            history = counted or in_days
            key = (equipment.company_id.id, equipment.kind, history.unit)
            own, last = history.intervals()
            assessment = risk.assess(
                fits[key],
                own,
                history.usage_since(last, today),
                history.rate(today),
                today,
                horizon,
                threshold,
            )
            result = {
                "assessment": assessment,
                "unit": history.unit,
                "last": last,
                "fleet_fit": fits[key],
                "pool": pools[key],
                # the Maintenance app's own estimate, as it shows it
                "odoo_date": equipment.maintenance_equipment_id.estimated_next_failure,
                "horizon": horizon,
            }
            if not assessment.known:
                level = "unknown"
            elif assessment.reason or assessment.risk >= threshold:
                level = "high"
            elif assessment.risk >= threshold / 3:
                level = "medium"
            else:
                level = "low"
            result["level"] = level
            result["explanation"] = equipment._maintenance_explanation(result)
            results[equipment] = result
        return results

    def _maintenance_explanation(self, result):
        """The score in words, for the equipment and its request."""
        env = self.env
        assessment = result["assessment"]
        unit = dict(self._fields["usage_unit"]._description_selection(env))[
            result["unit"]
        ]
        kind = dict(self._fields["kind"]._description_selection(env))[self.kind]

        def number(value, digits=0):
            return formatLang(env, value, digits=digits)

        lines = []
        if assessment.known:
            head = env._(
                "%(risk)s %% risk of a failure within %(days)s days (the next check).",
                risk=number(assessment.risk * 100),
                days=result["horizon"],
            )
        else:
            failures = sum(1 for interval in result["pool"] if interval.failed)
            head = env._(
                "Not enough history yet: %(count)s failures of this kind of "
                "equipment (%(kind)s) recorded in the company, %(needed)s needed.",
                count=failures,
                kind=kind,
                needed=risk.MIN_POOL_FAILURES,
            )
        if result["unit"] == "days":
            lines.append(
                env._(
                    "%(days)s days since the last maintenance (%(date)s); no usage "
                    "counter: its life is counted in days.",
                    days=number(assessment.usage),
                    date=format_date(env, result["last"]),
                )
            )
        else:
            lines.append(
                env._(
                    "%(usage)s %(unit)s since the last maintenance (%(date)s), "
                    "%(rate)s a day over the last four weeks.",
                    usage=number(assessment.usage),
                    unit=unit,
                    date=format_date(env, result["last"]),
                    rate=number(assessment.rate, 1),
                )
            )
        if assessment.known:
            fit = result["fleet_fit"]
            lines.append(
                env._(
                    "This kind of equipment (%(kind)s) fails after %(life)s %(unit)s "
                    "(median), learned from %(failures)s failures and %(censored)s "
                    "maintenances done before any failure.",
                    kind=kind,
                    life=number(fit.median),
                    unit=unit,
                    failures=fit.failures,
                    censored=fit.censored,
                )
            )
            if abs(assessment.factor - 1.0) >= 0.05:
                lines.append(
                    env._(
                        "This one fails %(factor)s times as often as the others "
                        "(%(count)s failures of its own): its usual life is "
                        "%(life)s %(unit)s.",
                        factor=number(assessment.factor, 2),
                        count=assessment.own_failures,
                        life=number(assessment.median_life),
                        unit=unit,
                    )
                )
            if assessment.predicted_date:
                lines.append(
                    env._(
                        "At this pace, the failure is expected around %(date)s.",
                        date=format_date(env, assessment.predicted_date),
                    )
                )
            else:
                lines.append(env._("Not used lately: no failure date expected."))
        if result["odoo_date"]:
            lines.append(
                env._(
                    "Odoo's estimate (last failure + mean time between failures): "
                    "%(date)s.",
                    date=format_date(env, result["odoo_date"]),
                )
            )
        else:
            lines.append(
                env._("Odoo has no estimate yet (no failure recorded since install).")
            )
        items = Markup("").join(Markup("<li>%s</li>") % line for line in lines)
        return Markup("<p><strong>%s</strong></p><ul>%s</ul>") % (head, items)

    def _maintenance_store(self, results):
        """Write the results of ``self`` in one statement; rows that another
        run is writing at the same moment are left to it (same results)."""
        rows = []
        for equipment in self:
            result = results[equipment]
            assessment = result["assessment"]
            rows.append(
                (
                    equipment.id,
                    assessment.risk,
                    result["level"],
                    assessment.reason or None,
                    assessment.predicted_date,
                    assessment.usage,
                    result["unit"],
                    assessment.rate,
                    assessment.median_life or None,
                    result["last"],
                    str(result["explanation"]),
                )
            )
        columns = list(zip(*rows, strict=True))
        names = [name for name, _type in STORED]
        self.flush_recordset([*names, "maintenance_risk_date"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE coworking_equipment e
                   SET (%s, maintenance_risk_date) = (%s, %s)
                  FROM unnest(%s::int[], %s) AS v(id, %s)
                 WHERE e.id = v.id
                   AND e.id IN (SELECT id FROM coworking_equipment
                                 WHERE id = ANY(%s)
                                   FOR NO KEY UPDATE SKIP LOCKED)
                """,
                SQL(", ").join(SQL.identifier(name) for name in names),
                SQL(", ").join(SQL.identifier("v", name) for name in names),
                fields.Datetime.now(),
                list(columns[0]),
                SQL(", ").join(
                    SQL("%s::" + sql_type + "[]", list(values))
                    for (_name, sql_type), values in zip(
                        STORED, columns[1:], strict=True
                    )
                ),
                SQL(", ").join(SQL.identifier(name) for name in names),
                list(columns[0]),
            )
        )
        self.invalidate_recordset([*names, "maintenance_risk_date"])

    def _maintenance_ask(self, results, today, horizon):
        """Create a request for each equipment of ``self`` whose result
        advises one, unless a request is open for it: a predicted one is
        refreshed (its score), a person's one is left alone. A request
        created meanwhile by another transaction (the unique index) counts
        as already open."""
        counts = {"created": 0, "already_open": 0, "skipped": 0}
        advised = self.filtered(lambda e: results[e]["assessment"].reason)
        if not advised:
            return counts
        Request = self.env["maintenance.request"].sudo()
        opened = Request.search(
            [
                ("equipment_id", "in", advised.maintenance_equipment_id.ids),
                ("coworking_ai_open", "=", True),
            ]
        )
        open_by_record = defaultdict(lambda: Request)
        for request in opened:
            open_by_record[request.equipment_id.id] |= request
        teams = (
            self.env["maintenance.team"]
            .sudo()
            .search([("company_id", "in", [*advised.company_id.ids, False])])
        )
        quiet = Request.with_context(mail_create_nolog=True, mail_notrack=True)
        for equipment in advised:
            result = results[equipment]
            assessment = result["assessment"]
            record = equipment.maintenance_equipment_id
            current = open_by_record[record.id]
            predicted = current.filtered("coworking_ai_reason")
            if predicted:
                predicted.write(
                    {
                        "coworking_ai_score": assessment.risk,
                        "coworking_ai_explanation": result["explanation"],
                    }
                )
                counts["already_open"] += 1
                continue
            team = record.maintenance_team_id or equipment._maintenance_team(teams)
            if current or not team:
                counts["skipped"] += 1
                continue
            values = equipment._maintenance_request_values(result, team, today, horizon)
            try:
                with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                    quiet.with_company(equipment.company_id).create(values)
            except psycopg2.errors.UniqueViolation as error:
                if error.diag.constraint_name != OPEN_REASON_INDEX:
                    raise
                _logger.info(
                    "%s: a predicted request is already open", equipment.display_name
                )
                counts["already_open"] += 1
            else:
                counts["created"] += 1
        return counts

    def _maintenance_team(self, teams):
        """The team of the equipment's company among ``teams``, else a team
        shared by the companies."""
        own = teams.filtered(lambda t: t.company_id == self.company_id)
        return (own or teams.filtered(lambda t: not t.company_id))[:1]

    def _maintenance_request_values(self, result, team, today, horizon):
        assessment = result["assessment"]
        day = assessment.predicted_date or today + timedelta(days=horizon)
        day = min(
            max(day - timedelta(days=2), today + timedelta(days=1)),
            today + timedelta(days=horizon),
        )
        if assessment.reason == "overdue":
            name = self.env._("Maintenance overdue: %(name)s", name=self.name)
        else:
            name = self.env._("Predicted wear: %(name)s", name=self.name)
        return {
            "name": name,
            "equipment_id": self.maintenance_equipment_id.id,
            "company_id": self.company_id.id,
            "maintenance_team_id": team.id,
            "maintenance_type": "preventive",
            "request_date": today,
            "schedule_date": datetime.combine(day, time(8, 0)),
            "priority": "3"
            if assessment.reason == "overdue" or assessment.risk >= 0.6
            else "2",
            "coworking_ai_reason": assessment.reason,
            "coworking_ai_score": assessment.risk,
            "coworking_ai_explanation": result["explanation"],
            "description": result["explanation"],
        }
