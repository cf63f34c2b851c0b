# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# One concern of the model per file, as CONTRIBUTING.md asks:
# pylint: disable=consider-merging-classes-inherited
import random
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import contract
from ..tools.simulator import day_curve


class CoworkingIotReadingDemo(models.Model):
    _inherit = "coworking.iot.reading"

    @api.model
    def _demo_history(self, days=28):
        """Demo data: ``days`` of hourly figures of the demo devices along a
        working day's curve (quiet weekends), then the last hours' readings
        through the ingestion itself, so that every screen shows something
        real. The first device of Dakar's printer goes silent (offline)."""
        days = min(max(int(days), 1), 366)
        rng = random.Random(42)
        devices = self.env["coworking.iot.device"].search(
            [("uid", "not like", "sim-%"), ("uid", "!=", "dakar-terrace-occ")]
        )
        now = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        rows = []
        for device in devices:
            tz = pytz.timezone(device.location_id.tz or "UTC")
            capacity = device.space_id.capacity or 1
            metric = device._simulated_metric()
            total = (
                rng.randint(20000, 60000)
                if metric == "pages"
                else rng.uniform(200, 900)
            )
            for step in range(days * 24, 0, -1):
                hour = now - timedelta(hours=step)
                local = pytz.utc.localize(hour).astimezone(tz)
                share = day_curve(local.hour + 0.5) * (
                    0.25 if local.weekday() >= 5 else 1
                )
                share *= rng.uniform(0.8, 1.15)
                count = 12
                if metric == "presence":
                    avg = 1.0 if rng.random() < share else 0.0
                    low, high = avg, avg
                    rate = 100.0 * avg
                elif metric == "people":
                    avg = round(capacity * min(share, 1.0), 2)
                    low, high = max(0.0, avg - 1), avg + 1
                    rate = 100.0 * avg / capacity
                elif metric == "entries":
                    avg = round(share * 4, 2)
                    low, high, rate = 0.0, round(avg * 2), None
                else:
                    step_use = share * (30 if metric == "pages" else 1)
                    low, total = total, total + round(step_use, 2)
                    high, avg, rate = total, total, None
                rows.append(
                    (
                        device.id,
                        device.company_id.id,
                        device.location_id.id,
                        device.space_id.id or None,
                        device.equipment_id.id or None,
                        metric,
                        hour,
                        local.hour,
                        str(local.weekday()),
                        count,
                        avg * count,
                        low,
                        high,
                        avg,
                        rate,
                    )
                )
        for chunk in range(0, len(rows), 5000):
            part = rows[chunk : chunk + 5000]
            columns = list(zip(*part, strict=True))
            self.env.cr.execute(
                SQL(
                    """
                    INSERT INTO coworking_iot_reading_hourly
                        (device_id, company_id, location_id, space_id, equipment_id,
                         metric, hour, hour_of_day, weekday, reading_count, value_sum,
                         value_min, value_max, value_avg, occupancy_rate)
                    SELECT * FROM unnest(%s::int[], %s::int[], %s::int[], %s::int[],
                                         %s::int[], %s::varchar[], %s::timestamp[],
                                         %s::int[], %s::varchar[], %s::int[],
                                         %s::float8[], %s::float8[], %s::float8[],
                                         %s::float8[], %s::float8[])
                    ON CONFLICT (device_id, metric, hour) DO NOTHING
                    """,
                    *[list(column) for column in columns],
                )
            )
        self.env["coworking.iot.space.hourly"]._rebuild()
        self._demo_live(devices, rng)

    @api.model
    def _demo_live(self, devices, rng):
        """The last two hours' readings, a message every ten minutes per
        device, written by the ingestion as the worker would."""
        now = fields.Datetime.now()
        prefix = self.env["coworking.iot.device"]._topic_prefix()
        messages = []
        for device in devices:
            tz = pytz.timezone(device.location_id.tz or "UTC")
            metric = device._simulated_metric()
            capacity = device.space_id.capacity or 1
            total = device.counter_value or rng.randint(1000, 5000)
            for step in range(12, -1, -1):
                moment = now - timedelta(minutes=10 * step)
                local = pytz.utc.localize(moment).astimezone(tz)
                share = max(day_curve(local.hour + local.minute / 60), 0.15)
                if metric == "presence":
                    value = 1 if rng.random() < share else 0
                elif metric == "people":
                    value = round(capacity * share)
                elif metric == "entries":
                    value = rng.randint(0, 3)
                else:
                    total += rng.randint(0, 25) if metric == "pages" else 0.25
                    value = total
                secret = device.secret if device.auth_mode == "signature" else None
                topic = f"{prefix}/devices/{device.uid}/readings"
                messages.append(
                    (
                        topic,
                        contract.reading_payload(
                            device.uid, f"demo-{step}", moment, metric, value, secret
                        ).encode(),
                    )
                )
            messages.append(
                (
                    f"{prefix}/devices/{device.uid}/status",
                    b'{"online": true, "battery": %d}' % rng.randint(35, 100),
                )
            )
        louvre = f"{prefix}/devices/paris-louvre-pc/readings"
        messages += [
            (louvre, b"{not json"),
            (
                f"{prefix}/devices/ghost-17/readings",
                contract.reading_payload("ghost-17", "1", now, "people", 2).encode(),
            ),
            (
                louvre,
                contract.reading_payload(
                    "paris-louvre-pc",
                    "demo-range",
                    now,
                    "people",
                    -3,
                    "demo-secret-louvre",
                ).encode(),
            ),
            (
                louvre,
                contract.reading_payload(
                    "paris-louvre-pc", "demo-sig", now, "people", 2, "wrong"
                ).encode(),
            ),
        ]
        self._ingest(messages, now)
        printer = devices.filtered(lambda d: d.uid == "dakar-printer-pages")
        printer.sudo().write({"last_seen": now - timedelta(hours=3)})
        self.env["coworking.iot.device"]._cron_mark_offline()
