# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

from .pos_order import PAID_STATES


class EventRegistration(models.Model):
    _inherit = "event.registration"

    def _compute_registration_status(self):
        """Odoo (pos_event_sale) marks a ticket paid at a Point of Sale as
        attended at once. At a cashier's desk the buyer may pay for someone
        else: a paid ticket is registered, and the cashier (or the door)
        marks the person present."""
        attended = {
            registration.id
            for registration in self
            if registration.id and registration.state == "done"
        }
        result = super()._compute_registration_status()
        for registration in self:
            if (
                registration.state == "done"
                and registration.id not in attended
                and registration.pos_order_id.config_id.coworking_is_desk
            ):
                registration.state = "open"
        return result

    @api.depends("pos_order_line_id.order_id.state")
    def _compute_coworking_paid(self):
        return super()._compute_coworking_paid()

    def _coworking_is_paid(self):
        """A ticket sold at a desk is paid once its order is (cash, card, or
        charged to a membership, which the monthly invoice bills)."""
        if self.pos_order_line_id:
            return self.pos_order_line_id.sudo().order_id.state in PAID_STATES
        return super()._coworking_is_paid()

    def _coworking_desk_summary(self):
        """What the desk shows of a person's registrations."""
        return [
            {
                "id": registration.id,
                "event": registration.event_id.name,
                "ticket": registration.event_ticket_id.name or "",
                "state": registration.state,
                "state_label": dict(
                    registration._fields["state"]._description_selection(self.env)
                )[registration.state],
                "paid": registration.coworking_paid,
                "revoked": registration.coworking_revoked,
                "revoke_reason": registration.coworking_revoke_reason or "",
            }
            for registration in self
        ]
