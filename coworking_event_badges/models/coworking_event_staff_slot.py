# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CoworkingEventStaffSlot(models.Model):
    """A member of staff assigned to a room of an event for a time slot. The
    database refuses a person in two rooms at once."""

    _name = "coworking.event.staff.slot"
    _inherit = ["coworking.event.mixin"]
    _description = "Event Staff Slot"
    _order = "date_begin, location_id, id"
    location_id = fields.Many2one(
        "event.track.location", string="Room", required=True, ondelete="cascade"
    )
    user_id = fields.Many2one("res.users", string="Staff", required=True, index=True)
    role = fields.Selection(
        [("room_manager", "Room Manager"), ("badge_controller", "Badge Controller")],
        required=True,
        default="badge_controller",
    )
    date_begin = fields.Datetime(string="From", required=True)
    date_end = fields.Datetime(string="To", required=True)

    _sql_constraints = [
        (
            "dates_ordered",
            "CHECK (date_end > date_begin)",
            "A staff slot ends after it starts.",
        ),
        (
            "one_room_at_a_time",
            "EXCLUDE USING gist (user_id WITH =, "
            "tsrange(date_begin, date_end) WITH &&)",
            "This person is already assigned to a room at that time.",
        ),
    ]

    def _auto_init(self):
        # the exclusion constraint compares integers with GiST
        self.env.cr.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        return super()._auto_init()

    @api.constrains("date_begin", "date_end", "event_id")
    def _check_within_event(self):
        for slot in self:
            event = slot.event_id
            if slot.date_begin < event.date_begin or slot.date_end > event.date_end:
                raise ValidationError(
                    self.env._(
                        "A staff slot of %(event)s lies within the event's dates.",
                        event=event.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        slots = super().create(vals_list)
        slots._ensure_roles()
        return slots

    def write(self, vals):
        result = super().write(vals)
        if vals.keys() & {"user_id", "role", "event_id", "location_id"}:
            self._ensure_roles()
        return result

    def _ensure_roles(self):
        """A person on a room's rota holds that role in the event, for that
        room: the record rules read the roles."""
        roles = self.env["coworking.event.role"].sudo()
        for slot in self:
            role = roles.with_context(active_test=False).search(
                [
                    ("event_id", "=", slot.event_id.id),
                    ("partner_id", "=", slot.user_id.partner_id.id),
                    ("role", "=", slot.role),
                ],
                limit=1,
            )
            if not role:
                roles.create(
                    {
                        "event_id": slot.event_id.id,
                        "user_id": slot.user_id.id,
                        "role": slot.role,
                        "location_ids": [fields.Command.link(slot.location_id.id)],
                    }
                )
            elif role.location_ids:
                role.write(
                    {
                        "active": True,
                        "location_ids": [fields.Command.link(slot.location_id.id)],
                    }
                )
