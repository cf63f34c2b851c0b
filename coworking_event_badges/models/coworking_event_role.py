# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

ROLES = [
    ("organizer", "Organizer"),
    ("room_manager", "Room Manager"),
    ("badge_controller", "Badge Controller"),
    ("exhibitor", "Exhibitor"),
    ("participant", "Participant"),
]
# roles that scan badges at the doors of their event
SCANNING_ROLES = ("organizer", "room_manager", "badge_controller")
# the role printed on a badge when a person holds several
BADGE_ORDER = [code for code, _label in ROLES]


class CoworkingEventRole(models.Model):
    """The role a person holds in one event. A person holds different roles
    in different events; record rules of the event addon read these lines, so
    a room manager of one event sees nothing of another. Participants are
    the people with a confirmed registration: a participant line is only
    needed for a person who should read the event's participant
    announcements without a registration (a guest speaker, say)."""

    _name = "coworking.event.role"
    _inherit = ["coworking.event.mixin"]
    _description = "Role in an Event"
    _order = "event_id, role, id"
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        ondelete="cascade",
        compute="_compute_partner_id",
        store=True,
        precompute=True,
        readonly=False,
    )
    user_id = fields.Many2one(
        "res.users",
        string="User",
        index=True,
        ondelete="cascade",
        help="The account this person signs in with: it receives the rights "
        "of the role on this event (and no other).",
    )
    role = fields.Selection(ROLES, required=True, default="badge_controller")
    sponsor_id = fields.Many2one(
        "event.sponsor",
        string="Exhibitor",
        ondelete="cascade",
        domain="[('event_id', '=', event_id)]",
        help="The booth this exhibitor works at: its visitors' leads.",
    )
    location_ids = fields.Many2many(
        "event.track.location",
        string="Rooms",
        help="The rooms this person runs or controls; empty: every room.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "role_uniq",
            "UNIQUE (event_id, partner_id, role)",
            "This person already holds this role in this event.",
        ),
        (
            "exhibitor_has_sponsor",
            "CHECK (role != 'exhibitor' OR sponsor_id IS NOT NULL)",
            "An exhibitor works at an exhibitor's booth: choose it.",
        ),
    ]

    @api.depends("user_id")
    def _compute_partner_id(self):
        for role in self:
            if role.user_id:
                role.partner_id = role.user_id.partner_id

    @api.constrains("sponsor_id", "event_id")
    def _check_sponsor_event(self):
        for role in self:
            if role.sponsor_id and role.sponsor_id.event_id != role.event_id:
                raise ValidationError(
                    self.env._(
                        "%(sponsor)s exhibits at another event.",
                        sponsor=role.sponsor_id.display_name,
                    )
                )

    @api.constrains("user_id", "partner_id")
    def _check_user_partner(self):
        for role in self:
            if role.user_id and role.user_id.partner_id != role.partner_id:
                raise ValidationError(
                    self.env._("The user must be the account of this person.")
                )

    @api.depends("partner_id", "role", "event_id")
    def _compute_display_name(self):
        labels = dict(self._fields["role"]._description_selection(self.env))
        for role in self:
            role.display_name = self.env._(
                "%(person)s, %(role)s",
                person=role.partner_id.name or "",
                role=labels.get(role.role, ""),
            )

    @api.model
    def _roles_of(self, user, event, roles=None):
        """The active roles ``user`` holds in ``event`` (as superuser)."""
        domain = [("event_id", "=", event.id), ("user_id", "=", user.id)]
        if roles:
            domain.append(("role", "in", list(roles)))
        return self.sudo().search(domain)
