# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.osv import expression


class EventEventTicket(models.Model):
    _inherit = "event.event.ticket"

    coworking_workshop_label = fields.Char(
        string="Workshops Given",
        compute="_compute_coworking_workshop_label",
        compute_sudo=True,
        help="The paid sessions this ticket opens, with their times and rooms, "
        "as the desk shows them.",
    )

    @api.depends(
        "coworking_track_ids.name",
        "coworking_track_ids.date",
        "coworking_track_ids.location_id",
        "coworking_track_ids.coworking_session_state",
    )
    def _compute_coworking_workshop_label(self):
        for ticket in self:
            parts = []
            for track in ticket.coworking_track_ids.filtered(
                lambda t: t.coworking_session_state != "cancelled"
            ):
                when = ""
                if track.date:
                    local = fields.Datetime.context_timestamp(
                        track.with_context(tz=track.event_id.date_tz), track.date
                    )
                    when = local.strftime(" %H:%M")
                room = f" ({track.location_id.name})" if track.location_id else ""
                parts.append(f"{track.name}{when}{room}")
            ticket.coworking_workshop_label = ", ".join(parts)

    @api.model
    def _coworking_desk_ticket_domain(self, config):
        """Tickets the desk sells: its event's (every event of its company for
        a desk without an event), on sale now, and not those whose every
        workshop is cancelled or over."""
        now = fields.Datetime.now()
        domain = [
            ("event_id.is_finished", "=", False),
            ("event_id.company_id", "=", config.company_id.id),
            "|",
            ("end_sale_datetime", ">=", now),
            ("end_sale_datetime", "=", False),
            "|",
            ("start_sale_datetime", "<=", now),
            ("start_sale_datetime", "=", False),
            "|",
            ("coworking_track_ids", "=", False),
            (
                "coworking_track_ids.coworking_session_state",
                "in",
                ("not_started", "live"),
            ),
        ]
        if config.coworking_event_id:
            domain.append(("event_id", "=", config.coworking_event_id.id))
        return domain

    @api.model
    def _load_pos_data_domain(self, data):
        domain = super()._load_pos_data_domain(data)
        config = self.env["pos.config"].browse(data["pos.config"]["data"][0]["id"])
        if not config.coworking_is_desk:
            return domain
        return expression.AND([domain, self._coworking_desk_ticket_domain(config)])

    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + ["coworking_workshop_label"]
