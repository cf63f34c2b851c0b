# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# pylint: disable=R8180
# (one model in several files, one per concern: see CONTRIBUTING.md)
from datetime import timedelta

import pytz

from odoo import api, fields, models

from ..tools import bounds
from .coworking_event_role import SCANNING_ROLES
from .event_registration import CONFIRMED

MANAGER_GROUP = "coworking_base.group_coworking_manager"


class EventEvent(models.Model):
    """What the JSON API of the scanner app tells of events: the caller's
    events, their part in them, the doors, the start of their day."""

    _inherit = "event.event"

    @api.model
    def _coworking_events_of(self, user, period="current", limit=50):
        """The events of ``user``'s companies (or of none) where they hold a
        role or a confirmed registration: for ``current``, those not
        finished more than a scanner may stay offline, the earliest first;
        for ``all``, every one, the latest first."""
        partner = user.partner_id
        self.env["event.registration"]._coworking_ensure_attendees_of(partner)
        domain = [
            ("company_id", "in", user.company_ids.ids + [False]),
            *self._coworking_domain_of(partner),
        ]
        order = "date_begin desc, id desc"
        if period == "current":
            since = fields.Datetime.now() - timedelta(hours=bounds.MAX_OFFLINE_HOURS)
            domain.append(("date_end", ">=", since))
            order = "date_begin, id"
        return self.sudo().search(domain, order=order, limit=limit)

    def _coworking_parts_of(self, user):
        """``{event id: (roles, registered)}``: ``user``'s active roles in
        each of these events and whether they hold a confirmed
        registration (one query each)."""
        roles = (
            self.env["coworking.event.role"]
            .sudo()
            .search(
                [
                    ("event_id", "in", self.ids),
                    ("partner_id", "=", user.partner_id.id),
                ]
            )
        )
        registered = {
            event.id
            for [event] in self.env["event.registration"]
            .sudo()
            ._read_group(
                [
                    ("event_id", "in", self.ids),
                    ("coworking_attendee_id", "=", user.partner_id.id),
                    ("state", "in", CONFIRMED),
                    ("coworking_revoked", "=", False),
                ],
                ["event_id"],
            )
        }
        return {
            event.id: (
                roles.filtered(lambda role, event=event: role.event_id == event),
                event.id in registered,
            )
            for event in self
        }

    def _coworking_rooms(self):
        """``{event id: rooms}``: the rooms of each event's sessions."""
        groups = (
            self.env["event.track"]
            .sudo()
            ._read_group(
                [("event_id", "in", self.ids), ("location_id", "!=", False)],
                ["event_id", "location_id"],
            )
        )
        rooms = {event.id: self.env["event.track.location"].sudo() for event in self}
        for event, location in groups:
            rooms[event.id] |= location
        return rooms

    def _coworking_can_scan(self, user, roles=None):
        """Whether ``user`` scans badges at some door of this event."""
        self.ensure_one()
        if user.has_group(MANAGER_GROUP):
            return True
        if roles is None:
            roles = self.env["coworking.event.role"]._roles_of(user, self)
        return any(
            role.role in SCANNING_ROLES and role.user_id == user for role in roles
        )

    def _coworking_day_start(self):
        """The start of today in the event's timezone, as naive UTC."""
        self.ensure_one()
        tz = pytz.timezone(self.date_tz or "UTC")
        local = pytz.utc.localize(fields.Datetime.now()).astimezone(tz)
        midnight = tz.localize(
            local.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
        )
        return midnight.astimezone(pytz.utc).replace(tzinfo=None)
