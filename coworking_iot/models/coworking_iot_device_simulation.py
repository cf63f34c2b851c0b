# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# One concern of the model per file, as CONTRIBUTING.md asks:
# pylint: disable=consider-merging-classes-inherited
from odoo import api, models

from ..tools.simulator import SimDevice

# the simulated fleet's mix, per 20 devices
SIM_KINDS = (
    ["occupancy"] * 8 + ["people_counter"] * 5 + ["door"] * 3 + ["usage_counter"] * 4
)


class CoworkingIotDeviceSimulation(models.Model):
    _inherit = "coworking.iot.device"

    @api.model
    def _simulated_devices(self, count=0):
        """What the simulator publishes for: the active devices, or
        ``count`` devices ``sim-0001``… created when missing (spread over the
        spaces of the company's first location, usage counters on simulated
        printers and projectors)."""
        if count:
            self._simulation_fleet(count)
            devices = self.search([("uid", "=like", "sim-%")], order="uid", limit=count)
        else:
            devices = self.search([])
        return [
            SimDevice(
                device.uid,
                device.kind,
                device.sudo().secret if device.auth_mode == "signature" else None,
                device.space_id.capacity or 1,
                device._simulated_metric(),
            )
            for device in devices
        ]

    def _simulated_metric(self):
        self.ensure_one()
        if self.kind == "usage_counter":
            return "pages" if self.equipment_id.kind == "printer" else "hours"
        return {"occupancy": "presence", "people_counter": "people", "door": "entries"}[
            self.kind
        ]

    @api.model
    def _simulation_fleet(self, count):
        existing = set(
            self.with_context(active_test=False)
            .search([("uid", "=like", "sim-%")])
            .mapped("uid")
        )
        missing = [n for n in range(1, count + 1) if f"sim-{n:04d}" not in existing]
        if not missing:
            return
        spaces = self.env["coworking.space"].search(
            [("company_id", "=", self.env.company.id)], order="location_id, id"
        )
        if not spaces:
            raise ValueError("the company has no space to put simulated devices in")
        location = spaces[0].location_id
        spaces = spaces.filtered(lambda s: s.location_id == location)
        Equipment = self.env["coworking.equipment"]
        values = []
        for n in missing:
            kind = SIM_KINDS[n % len(SIM_KINDS)]
            space = spaces[n % len(spaces)]
            vals = {
                "name": f"Simulated {kind} {n}",
                "uid": f"sim-{n:04d}",
                "kind": kind,
            }
            if kind == "usage_counter":
                vals["equipment_id"] = Equipment.create(
                    {
                        "name": f"Simulated {'printer' if n % 2 else 'projector'} {n}",
                        "kind": "printer" if n % 2 else "projector",
                        "location_id": location.id,
                        "space_id": space.id,
                    }
                ).id
            else:
                vals["space_id"] = space.id
            values.append(vals)
        self.create(values)
