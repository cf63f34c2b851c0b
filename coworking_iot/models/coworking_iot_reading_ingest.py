# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# One concern of the model per file, as CONTRIBUTING.md asks:
# pylint: disable=consider-merging-classes-inherited
"""Ingestion: a batch of MQTT messages becomes readings, device states,
live occupancy, usage counters and drop counters, in a handful of queries
whatever the batch's size. The worker (``tools/worker.py``) commits the
batch and only then acknowledges its messages to the broker."""

import logging
from collections import Counter, defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import contract

_logger = logging.getLogger(__name__)

OCCUPANCY_METRICS = ("presence", "people")
SPACE_METRICS = ("presence", "people", "entries")


class CoworkingIotReadingIngest(models.Model):
    _inherit = "coworking.iot.reading"

    @api.model
    def _ingest(self, messages, now=None):
        """Write a batch. ``messages``: ``[(topic, payload bytes)]`` in the
        order they arrived. Returns ``{"stored": n, "duplicates": n,
        "statuses": n, "dropped": {reason: n}}``. Never raises for a bad
        message: it is counted per reason and dropped."""
        now = now or fields.Datetime.now()
        self.env.flush_all()
        params = self._ingest_params()
        readings, statuses, drops = [], [], []
        for topic, payload in messages:
            uid, kind = contract.topic_uid(topic, params["prefix"])
            try:
                if uid is None:
                    raise contract.Dropped("malformed")
                if kind == "status":
                    statuses.append(contract.parse_status(uid, payload))
                else:
                    readings.append(
                        contract.parse_reading(
                            uid, payload, now, params["max_future"], params["max_age"]
                        )
                    )
            except contract.Dropped as drop:
                drops.append((drop.reason, drop.uid or uid, payload))
        devices = self._ingest_devices(
            {r.uid for r in readings} | {s.uid for s in statuses}
        )
        accepted = []
        for reading in readings:
            device = devices.get(reading.uid)
            try:
                if device is None:
                    raise contract.Dropped("unknown_device", reading.uid)
                contract.check_device(
                    reading,
                    device["kind"],
                    device["secret"] if device["auth_mode"] == "signature" else None,
                )
            except contract.Dropped as drop:
                drops.append((drop.reason, reading.uid, None))
                continue
            accepted.append((device, reading))
        for status in list(statuses):
            if status.uid not in devices:
                drops.append(("unknown_device", status.uid, None))
                statuses.remove(status)
        stored = self._ingest_store(accepted, now)
        self._ingest_devices_seen(devices, accepted, stored, statuses, now)
        self._ingest_count_drops(drops, devices, now)
        dropped = Counter(reason for reason, _uid, _payload in drops)
        return {
            "stored": len(stored),
            "duplicates": len(accepted) - len(stored),
            "statuses": len(statuses),
            "dropped": dict(dropped),
        }

    @api.model
    def _ingest_params(self):
        get = self.env["ir.config_parameter"].sudo().get_param
        return {
            "prefix": get("coworking_iot.topic_prefix", "coworking"),
            "max_future": timedelta(
                seconds=int(
                    get(
                        "coworking_iot.max_future_seconds",
                        contract.DEFAULT_MAX_FUTURE.total_seconds(),
                    )
                )
            ),
            "max_age": timedelta(
                seconds=int(
                    get(
                        "coworking_iot.max_age_seconds",
                        contract.DEFAULT_MAX_AGE.total_seconds(),
                    )
                )
            ),
        }

    @api.model
    def _ingest_devices(self, uids):
        """The active devices of ``uids``, as dicts, in one query."""
        if not uids:
            return {}
        self.env.cr.execute(
            SQL(
                """
                SELECT d.id, d.uid, d.kind, d.company_id, d.space_id, d.equipment_id,
                       d.location_id, d.auth_mode, d.secret, d.status,
                       d.counter_value, d.last_reading_at, l.tz, s.capacity
                  FROM coworking_iot_device d
                  LEFT JOIN coworking_location l ON l.id = d.location_id
                  LEFT JOIN coworking_space s ON s.id = d.space_id
                 WHERE d.uid = ANY(%s) AND d.active
                """,
                list(uids),
            )
        )
        return {row["uid"]: row for row in self.env.cr.dictfetchall()}

    @api.model
    def _ingest_store(self, accepted, now):
        """Insert the readings not stored yet and add them to their hours'
        aggregates, in one statement: a message sent again is neither
        stored nor counted twice. Returns the readings inserted, as
        ``(device id, message id)``."""
        if not accepted:
            return set()
        columns = defaultdict(list)
        for device, reading in sorted(
            accepted,
            key=lambda pair: (pair[0]["id"], pair[1].metric, pair[1].measured_at),
        ):
            columns["device"].append(device["id"])
            columns["message"].append(reading.message_id)
            columns["company"].append(device["company_id"])
            columns["space"].append(device["space_id"])
            columns["equipment"].append(device["equipment_id"])
            columns["metric"].append(reading.metric)
            columns["value"].append(reading.value)
            columns["measured"].append(reading.measured_at)
        self.env.cr.execute(
            SQL(
                """
                WITH batch AS (
                    SELECT DISTINCT ON (device_id, message_id) *
                      FROM unnest(%(device)s::int[], %(message)s::varchar[],
                                  %(company)s::int[], %(space)s::int[],
                                  %(equipment)s::int[], %(metric)s::varchar[],
                                  %(value)s::float8[], %(measured)s::timestamp[])
                           AS b(device_id, message_id, company_id, space_id,
                                equipment_id, metric, value, measured_at)
                ), inserted AS (
                    INSERT INTO coworking_iot_reading
                        (device_id, message_id, company_id, space_id, equipment_id,
                         metric, value, measured_at, received_at)
                    SELECT device_id, message_id, company_id, space_id, equipment_id,
                           metric, value, measured_at, %(now)s FROM batch
                    ON CONFLICT (device_id, message_id) DO NOTHING
                    RETURNING device_id, message_id, company_id, space_id,
                              equipment_id, metric, value, measured_at
                ), hours AS (
                    SELECT i.device_id, i.company_id, d.location_id, i.space_id,
                           i.equipment_id, i.metric,
                           date_trunc('hour', i.measured_at) AS hour,
                           count(*) AS n, sum(i.value) AS total,
                           min(i.value) AS low, max(i.value) AS high,
                           max(s.capacity) AS capacity,
                           max(COALESCE(l.tz, 'UTC')) AS tz
                      FROM inserted i
                      JOIN coworking_iot_device d ON d.id = i.device_id
                      LEFT JOIN coworking_location l ON l.id = d.location_id
                      LEFT JOIN coworking_space s ON s.id = i.space_id
                     GROUP BY 1, 2, 3, 4, 5, 6, 7
                     ORDER BY 1, 6, 7
                ), upsert AS (
                    INSERT INTO coworking_iot_reading_hourly AS h
                        (device_id, company_id, location_id, space_id, equipment_id,
                         metric, hour, hour_of_day, weekday, reading_count,
                         value_sum, value_min, value_max, value_avg, occupancy_rate)
                    SELECT device_id, company_id, location_id, space_id, equipment_id,
                           metric, hour,
                           extract(hour FROM (hour AT TIME ZONE 'UTC') AT TIME ZONE tz),
                           (extract(isodow FROM (hour AT TIME ZONE 'UTC')
                                    AT TIME ZONE tz)::int - 1)::varchar,
                           n, total, low, high, total / n,
                           CASE WHEN metric = 'presence' THEN 100.0 * total / n
                                WHEN metric = 'people' AND capacity > 0
                                THEN 100.0 * total / n / capacity END
                      FROM hours
                    ON CONFLICT (device_id, metric, hour) DO UPDATE SET
                        reading_count = h.reading_count + EXCLUDED.reading_count,
                        value_sum = h.value_sum + EXCLUDED.value_sum,
                        value_min = LEAST(h.value_min, EXCLUDED.value_min),
                        value_max = GREATEST(h.value_max, EXCLUDED.value_max),
                        value_avg = (h.value_sum + EXCLUDED.value_sum)
                                    / (h.reading_count + EXCLUDED.reading_count),
                        occupancy_rate = CASE
                            WHEN EXCLUDED.occupancy_rate IS NULL THEN NULL
                            ELSE (COALESCE(h.occupancy_rate, 0) * h.reading_count
                                  + EXCLUDED.occupancy_rate * EXCLUDED.reading_count)
                                 / (h.reading_count + EXCLUDED.reading_count) END
                )
                SELECT device_id, message_id, space_id,
                       date_trunc('hour', measured_at), metric
                  FROM inserted
                """,
                now=now,
                **columns,
            )
        )
        rows = self.env.cr.fetchall()
        # the spaces' hours follow their sensors' hours
        pairs = sorted(
            {
                (space_id, hour)
                for _d, _m, space_id, hour, metric in rows
                if space_id and metric in SPACE_METRICS
            }
        )
        self.env["coworking.iot.space.hourly"]._refresh(
            [space_id for space_id, _hour in pairs], [hour for _space, hour in pairs]
        )
        return {(device_id, message_id) for device_id, message_id, *_rest in rows}

    @api.model
    def _ingest_devices_seen(self, devices, accepted, stored, statuses, now):
        """Device states (last seen, battery, last values, counters), the
        equipment's usage and the spaces' live occupancy, from what was
        stored."""
        by_id = {device["id"]: device for device in devices.values()}
        state = {}  # device id -> dict of columns to set

        def row(device):
            return state.setdefault(device["id"], {"last_seen": now})

        usage = defaultdict(lambda: defaultdict(float))
        for device, reading in sorted(accepted, key=lambda pair: pair[1].measured_at):
            values = row(device)
            if (device["id"], reading.message_id) in stored:
                self._ingest_reading_state(device, reading, values, usage)
        for status in statuses:
            values = row(devices[status.uid])
            values["online"] = status.online
            if status.battery is not None:
                values["battery"] = status.battery
        if not state:
            return
        self._ingest_write_devices(state, by_id)
        if usage:
            self.env["coworking.equipment"]._iot_add_usage(usage)
        spaces = {
            by_id[device_id]["space_id"]
            for device_id, values in state.items()
            if "occupancy_value" in values and by_id[device_id]["space_id"]
        }
        if spaces:
            self.env["coworking.space"].browse(sorted(spaces))._iot_refresh_occupancy(
                now
            )

    @api.model
    def _ingest_reading_state(self, device, reading, values, usage):
        """What a new reading changes: the device's last values (unless an
        older message arrives late), its counter and its equipment's usage."""
        newest = device["last_reading_at"] is None or (
            reading.measured_at >= device["last_reading_at"]
        )
        if not newest:
            return
        if reading.metric == "battery":
            values["battery"] = reading.value
            return
        device["last_reading_at"] = reading.measured_at
        values.update(
            last_metric=reading.metric,
            last_value=reading.value,
            last_reading_at=reading.measured_at,
        )
        if reading.metric in contract.COUNTERS:
            previous = device["counter_value"]
            # the first total is the baseline; a counter that went back was
            # reset: it counts from zero
            if previous is None:
                increase = 0.0
            elif reading.value >= previous:
                increase = reading.value - previous
            else:
                increase = reading.value
            if device["equipment_id"] and increase > 0:
                usage[device["equipment_id"]][reading.metric] += increase
            device["counter_value"] = reading.value
            values["counter_value"] = reading.value
        elif reading.metric in OCCUPANCY_METRICS:
            values["occupancy_value"] = reading.value

    @api.model
    def _ingest_write_devices(self, state, by_id):
        """One UPDATE for every device of the batch; the devices changing
        status go through the ORM (tracked, activities)."""
        ids = sorted(state)

        def column(name, default=None):
            return [state[i].get(name, default) for i in ids]

        self.env.cr.execute(
            SQL(
                """
                UPDATE coworking_iot_device d SET
                    last_seen = GREATEST(d.last_seen, v.last_seen),
                    battery = COALESCE(v.battery, d.battery),
                    last_metric = COALESCE(v.last_metric, d.last_metric),
                    last_value = COALESCE(v.last_value, d.last_value),
                    last_reading_at = COALESCE(v.last_reading_at, d.last_reading_at),
                    counter_value = COALESCE(v.counter_value, d.counter_value),
                    occupancy_value = COALESCE(v.occupancy_value, d.occupancy_value)
                  FROM unnest(%s::int[], %s::timestamp[], %s::float8[], %s::varchar[],
                              %s::float8[], %s::timestamp[], %s::float8[], %s::float8[])
                       AS v(id, last_seen, battery, last_metric, last_value,
                            last_reading_at, counter_value, occupancy_value)
                 WHERE d.id = v.id
                """,
                ids,
                column("last_seen"),
                column("battery"),
                column("last_metric"),
                column("last_value"),
                column("last_reading_at"),
                column("counter_value"),
                column("occupancy_value"),
            )
        )
        Device = self.env["coworking.iot.device"]
        Device.invalidate_model(
            [
                "last_seen",
                "battery",
                "last_metric",
                "last_value",
                "last_reading_at",
                "counter_value",
                "occupancy_value",
            ]
        )
        going_on = Device.browse(
            [
                i
                for i in ids
                if by_id[i]["status"] != "online" and state[i].get("online", True)
            ]
        )
        going_off = Device.browse(
            [
                i
                for i in ids
                if by_id[i]["status"] != "offline" and state[i].get("online") is False
            ]
        )
        if going_on:
            going_on.write({"status": "online"})
            going_on._back_online()
        if going_off:
            going_off.write({"status": "offline"})
            going_off._notify_offline()

    @api.model
    def _ingest_count_drops(self, drops, devices, now):
        if not drops:
            return
        counts = Counter()
        last = {}
        for reason, uid, payload in drops:
            key = (reason, (uid or "-")[:64])
            counts[key] += 1
            if payload is not None:
                last[key] = payload[:200].decode("utf-8", "replace")
        keys = sorted(counts)
        device_of = {uid: device for uid, device in devices.items()}
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO coworking_iot_drop AS p
                    (day, reason, uid, device_id, company_id, count, last_payload,
                     last_at)
                SELECT %s, reason, uid, device_id, company_id, n, payload, %s
                  FROM unnest(%s::varchar[], %s::varchar[], %s::int[], %s::int[],
                              %s::int[], %s::varchar[])
                       AS v(reason, uid, device_id, company_id, n, payload)
                ON CONFLICT (day, reason, uid) DO UPDATE SET
                    count = p.count + EXCLUDED.count,
                    last_payload = COALESCE(EXCLUDED.last_payload, p.last_payload),
                    last_at = EXCLUDED.last_at
                """,
                now.date(),
                now,
                [reason for reason, _uid in keys],
                [uid for _reason, uid in keys],
                [(device_of.get(uid) or {}).get("id") for _reason, uid in keys],
                [(device_of.get(uid) or {}).get("company_id") for _reason, uid in keys],
                [counts[key] for key in keys],
                [last.get(key) for key in keys],
            )
        )
        for (reason, uid), count in sorted(counts.items()):
            _logger.debug("IoT: dropped %s message(s) of %s: %s", count, uid, reason)
