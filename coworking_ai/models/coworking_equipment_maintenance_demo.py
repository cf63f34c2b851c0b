# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# One concern of the model per file, as CONTRIBUTING.md asks:
# pylint: disable=consider-merging-classes-inherited
"""Demo data of the predictive maintenance: a year of maintenance history of
the demo printers and projectors, with usage counters consistent with it."""

import math
import random
from datetime import datetime, timedelta

import pytz

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.maintenance_simulation import season

# where each demo equipment stands today, as a share of its usual life
DEMO_WEAR = {
    "coworking_base.coworking_equipment_paris_printer_demo": 1.0,
    "coworking_base.coworking_equipment_dakar_printer_demo": 0.75,
    "coworking_base.coworking_equipment_paris_projector_demo": 0.3,
    "coworking_base.coworking_equipment_dakar_projector_demo": 1.2,
}
DEFAULT_RATE = {"pages": 150.0, "hours": 3.0}
# failures a year without services, and days between services
DEMO_KINDS = {"printer": (3.0, 150), "projector": (4.5, 240)}
LIFE_SHAPE = 4.0
WORKING_HOURS = range(8, 18)


class CoworkingEquipmentMaintenanceDemo(models.Model):
    _inherit = "coworking.equipment"

    @api.model
    def _demo_maintenance_history(self, days=365):
        """Demo data: ``days`` of history of the demo printers and projectors
        followed in Maintenance: usage per day (their counters' hourly
        totals before the IoT demo's four weeks; the Paris projector's
        counter, replaced then, starts again), failures when the wear
        reaches a life drawn for each repair, a service every five months,
        and the last maintenance placed so that each stands today at its
        share of life in ``DEMO_WEAR``."""
        days = min(max(int(days), 90), 1000)
        rng = random.Random(17)
        today = fields.Date.today()
        start = today - timedelta(days=days)
        stage = self.env["maintenance.stage"].search([("done", "=", True)], limit=1)
        requests = []
        for xmlid, wear in DEMO_WEAR.items():
            equipment = self.env.ref(xmlid, raise_if_not_found=False)
            if not equipment or not equipment.maintenance_equipment_id:
                continue
            metric = "pages" if equipment.kind == "printer" else "hours"
            device = equipment.iot_device_ids.filtered(
                lambda d: d.kind == "usage_counter"
            )[:1]
            daily = equipment._demo_daily_usage(rng, device, metric, start, today)
            events = self._demo_events(
                rng, daily, wear, start, today, *DEMO_KINDS[equipment.kind]
            )
            equipment.maintenance_equipment_id.effective_date = start
            requests += equipment._demo_request_values(events, stage)
        self.env["maintenance.request"].with_context(
            mail_create_nolog=True, mail_notrack=True, tracking_disable=True
        ).create(requests)

    def _demo_daily_usage(self, rng, device, metric, start, today):
        """``{day: usage}`` from ``start`` to ``today``: the counter's own
        days, and before them days at the same pace, written as the
        counter's hourly totals. Without a counter, a day is a day."""
        if not device:
            return {start + timedelta(days=n): 1.0 for n in range((today - start).days)}
        usage = self._maintenance_daily_usage(start - timedelta(days=1))
        recent = dict(usage.get(self.id, {}).get(metric, {}))
        first = min(recent, default=today)
        seasons = [season(day, weekend=0.2) for day in recent] or [1.0]
        mean = sum(recent.values()) / max(len(recent), 1) or DEFAULT_RATE[metric]
        level = mean / (sum(seasons) / len(seasons))
        made = {}
        day = start
        while day < first:
            made[day] = (
                level * season(day, weekend=0.2) * rng.gammavariate(6.0, 1 / 6.0)
            )
            day += timedelta(days=1)
        self._demo_write_counter(device, metric, made)
        return {**made, **recent}

    def _demo_write_counter(self, device, metric, made):
        """The hourly totals of ``made`` usage, ending where the counter's
        own history begins (or starting at 0 when that is too low: the
        counter was replaced)."""
        self.env.cr.execute(
            SQL(
                """
                SELECT value_min FROM coworking_iot_reading_hourly
                 WHERE device_id = %s AND metric = %s
                 ORDER BY hour LIMIT 1
                """,
                device.id,
                metric,
            )
        )
        row = self.env.cr.fetchone()
        tz = pytz.timezone(device.location_id.tz or "UTC")
        total = max((row[0] if row else 0.0) - sum(made.values()), 0.0)
        rows = []
        for day in sorted(made):
            step = made[day] / len(WORKING_HOURS)
            for hour in WORKING_HOURS:
                moment = datetime.combine(day, datetime.min.time()).replace(hour=hour)
                local = pytz.utc.localize(moment).astimezone(tz)
                low, total = total, total + step
                rows.append(
                    (
                        moment,
                        local.hour,
                        str(local.weekday()),
                        round(low, 2),
                        round(total, 2),
                    )
                )
        if not rows:
            return
        moments, hours, weekdays, lows, highs = (
            list(c) for c in zip(*rows, strict=True)
        )
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO coworking_iot_reading_hourly
                    (device_id, company_id, location_id, space_id, equipment_id,
                     metric, hour, hour_of_day, weekday, reading_count, value_sum,
                     value_min, value_max, value_avg)
                SELECT %s, %s, %s, %s, %s, %s, v.hour, v.hour_of_day, v.weekday,
                       12, v.high * 12, v.low, v.high, v.high
                  FROM unnest(%s::timestamp[], %s::int[], %s::varchar[],
                              %s::float8[], %s::float8[])
                       AS v(hour, hour_of_day, weekday, low, high)
                ON CONFLICT (device_id, metric, hour) DO NOTHING
                """,
                device.id,
                device.company_id.id,
                device.location_id.id,
                device.space_id.id or None,
                self.id,
                metric,
                moments,
                hours,
                weekdays,
                lows,
                highs,
            )
        )

    @api.model
    def _demo_events(self, rng, daily, wear, start, today, per_year, every):
        """``[(day, corrective?, days of repair)]``: failures when the wear
        reaches the life drawn at each renewal (``per_year`` failures a
        year without services), a service ``every`` days or so, and a last
        service (a month at least after the previous event) such that the
        usage since is ``wear`` times the usual life."""
        days = sorted(daily)
        failures = per_year * len(days) / 365.0
        scale = sum(daily.values()) / failures
        median = scale * math.log(2.0) ** (1.0 / LIFE_SHAPE)
        # the last service: the usage since then is wear x the median life
        last, used = today, 0.0
        for day in reversed(days):
            if used >= wear * median or day <= start + timedelta(days=30):
                break
            used += daily[day]
            last = day
        events = []
        worn = 0.0
        life = scale * rng.weibullvariate(1.0, LIFE_SHAPE)
        service = start + timedelta(days=rng.randint(40, every))
        repair_until = start
        for day in days:
            if day >= last - timedelta(days=30):
                break
            if day < repair_until:
                continue
            if day >= service:
                events.append((day, False, 0))
                worn, life = 0.0, scale * rng.weibullvariate(1.0, LIFE_SHAPE)
                service = day + timedelta(days=every + rng.randint(-20, 20))
            worn += daily[day]
            if worn >= life:
                repair = rng.randint(1, 2)
                events.append((day, True, repair))
                worn, life = 0.0, scale * rng.weibullvariate(1.0, LIFE_SHAPE)
                repair_until = day + timedelta(days=repair + 1)
                service = repair_until + timedelta(days=every)
        events.append((last, False, 0))
        return events

    def _demo_request_values(self, events, stage):
        env = self.env
        if self.kind == "printer":
            failure = env._("Paper jams, fuser worn: %(name)s", name=self.name)
        else:
            failure = env._("Lamp failure: %(name)s", name=self.name)
        service = env._("Scheduled service: %(name)s", name=self.name)
        return [
            {
                "name": failure if corrective else service,
                "equipment_id": self.maintenance_equipment_id.id,
                "company_id": self.company_id.id,
                "maintenance_type": "corrective" if corrective else "preventive",
                "request_date": day,
                "close_date": day + timedelta(days=repair),
                "stage_id": stage.id,
                "duration": 2.0 if corrective else 1.0,
            }
            for day, corrective, repair in events
        ]
