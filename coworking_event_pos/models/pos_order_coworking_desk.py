# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# One concern of the model per file, as CONTRIBUTING.md asks:
# pylint: disable=consider-merging-classes-inherited
from odoo import models
from odoo.exceptions import UserError

from ..tools import bounds
from .pos_order import PAID_STATES


class PosOrder(models.Model):
    """What the desk's screens call on an order: its badges and attendance."""

    _inherit = "pos.order"

    def _coworking_desk_registrations(self):
        """The live registrations of these paid orders (a cashier of the
        desk may act on them)."""
        self.check_access("read")
        if len(self) > bounds.MAX_REGISTRATIONS:
            raise UserError(
                self.env._("At most %s orders at once.", bounds.MAX_REGISTRATIONS)
            )
        self.config_id._coworking_check_operator()
        unpaid = self.filtered(lambda order: order.state not in PAID_STATES)
        if unpaid:
            raise UserError(
                self.env._(
                    "%s is not paid: its badges and attendance wait for the "
                    "payment.",
                    unpaid[0].name,
                )
            )
        registrations = self.sudo().lines.event_registration_ids.filtered(
            lambda registration: registration.state in ("open", "done")
            and not registration.coworking_revoked
        )
        if len(registrations) > bounds.MAX_REGISTRATIONS:
            raise UserError(
                self.env._(
                    "At most %s registrations at once.", bounds.MAX_REGISTRATIONS
                )
            )
        return registrations

    def coworking_desk_mark_present(self):
        """Mark the participants of these orders present (Odoo's
        ``Attended``); answer their registrations as the desk shows them."""
        registrations = self._coworking_desk_registrations()
        registrations._coworking_ensure_attendee()
        registrations.filtered(
            lambda registration: registration.state == "open"
        ).action_set_done()
        return registrations._coworking_desk_summary()

    def coworking_desk_badge_registrations(self):
        """The registrations whose badges the desk prints (or reprints),
        each with the attendee's personal QR."""
        registrations = self._coworking_desk_registrations()
        registrations._coworking_ensure_attendee()
        return registrations._coworking_desk_summary()

    def coworking_desk_registrations(self):
        """The registrations of these orders, whatever their state (the
        order history shows revoked ones with their reason)."""
        self.check_access("read")
        self.config_id._coworking_check_operator()
        return (
            self.sudo()
            .lines.event_registration_ids[: bounds.MAX_REGISTRATIONS]
            ._coworking_desk_summary()
        )
