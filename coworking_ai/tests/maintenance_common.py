# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time, timedelta

from odoo import Command, fields

from odoo.addons.coworking_base.tests.common import CoworkingCommon

PAGES_PER_DAY = 100.0
HISTORY_DAYS = 400


def failures_at(start, *days):
    """Corrective requests reported ``days`` after ``start``, repaired the
    next day."""
    return [("corrective", start + timedelta(days=d), 1) for d in days]


class MaintenanceCommon(CoworkingCommon):
    """A second company (``company_b``) with its maintenance team and a fleet
    of printers counting 100 pages a day for 400 days: ``worn`` (three
    failures about 10,000 pages apart, the last one 99 days ago), ``fresh``
    (the same, serviced 20 days ago), ``peer`` (like them, serviced 50 days
    ago), and a projector without counter nor history (``new_projector``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_company_b()
        cls.Equipment = cls.env["coworking.equipment"]
        cls.Request = cls.env["maintenance.request"]
        cls.today = fields.Date.today()
        cls.start = cls.today - timedelta(days=HISTORY_DAYS)
        cls.done_stage = cls.env["maintenance.stage"].create(
            {"name": "Test Repaired", "done": True, "sequence": 90}
        )
        cls.new_stage = cls.env["maintenance.stage"].search(
            [("done", "=", False)], order="sequence", limit=1
        )
        cls.team_b = cls.env["maintenance.team"].create(
            {"name": "Team B", "company_id": cls.company_b.id}
        )
        cls.worn = cls._printer("Worn", failures_at(cls.start, 100, 195, 300))
        cls.fresh = cls._printer(
            "Fresh",
            failures_at(cls.start, 100, 195, 300)
            + [("preventive", cls.today - timedelta(days=20), 0)],
        )
        cls.peer = cls._printer(
            "Peer",
            failures_at(cls.start, 98, 200, 305)
            + [("preventive", cls.today - timedelta(days=50), 0)],
        )
        cls.new_projector = cls._equipment("New projector", "projector")

    @classmethod
    def _equipment(cls, name, kind):
        equipment = cls.Equipment.create(
            {
                "name": name,
                "kind": kind,
                "location_id": cls.location_b.id,
                "company_id": cls.company_b.id,
            }
        )
        equipment.action_create_maintenance_equipment()
        equipment.maintenance_equipment_id.effective_date = cls.start
        return equipment

    @classmethod
    def _printer(cls, name, events, per_day=PAGES_PER_DAY):
        """A printer with its page counter since ``start`` (one hourly total
        a day, at noon) and its done ``events``: ``(type, day, repair
        days)``."""
        printer = cls._equipment(name, "printer")
        device = cls.env["coworking.iot.device"].create(
            {
                "name": f"{name} pages",
                "uid": f"t-mnt-{name.lower()}",
                "kind": "usage_counter",
                "equipment_id": printer.id,
                "company_id": cls.company_b.id,
            }
        )
        cls._write_counter(device, [per_day] * HISTORY_DAYS)
        cls._history(printer, events)
        return printer

    @classmethod
    def _write_counter(cls, device, usage, start=None, total=0.0, metric="pages"):
        """The device's hourly totals at noon, one a day from ``start``:
        ``usage`` of each day added to ``total``."""
        start = start or cls.start
        rows = []
        for number, used in enumerate(usage):
            low, total = total, total + used
            rows.append(
                {
                    "device_id": device.id,
                    "company_id": device.company_id.id,
                    "equipment_id": device.equipment_id.id,
                    "metric": metric,
                    "hour": datetime.combine(
                        start + timedelta(days=number), time(12, 0)
                    ),
                    "reading_count": 1,
                    "value_min": low,
                    "value_max": total,
                    "value_avg": total,
                    "value_sum": total,
                }
            )
        cls.env["coworking.iot.reading.hourly"].sudo().create(rows)

    @classmethod
    def _history(cls, equipment, events):
        cls.Request.create(
            [
                {
                    "name": f"{kind} {day}",
                    "equipment_id": equipment.maintenance_equipment_id.id,
                    "company_id": equipment.company_id.id,
                    "maintenance_team_id": cls.team_b.id,
                    "maintenance_type": kind,
                    "request_date": day,
                    "close_date": day + timedelta(days=repair),
                    "stage_id": cls.done_stage.id,
                }
                for kind, day, repair in events
            ]
        )

    def predicted(self, equipment):
        """The open requests the predictive maintenance created for it."""
        return self.Request.search(
            [
                ("equipment_id", "=", equipment.maintenance_equipment_id.id),
                ("coworking_ai_reason", "!=", False),
                ("coworking_ai_open", "=", True),
            ]
        )

    def close(self, requests):
        requests.write({"stage_id": self.done_stage.id})

    @classmethod
    def add_to_company_b(cls, user):
        user.write(
            {
                "company_ids": [Command.link(cls.company_b.id)],
                "company_id": cls.company_b.id,
            }
        )
