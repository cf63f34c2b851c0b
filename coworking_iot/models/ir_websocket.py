# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class IrWebsocket(models.AbstractModel):
    _inherit = "ir.websocket"

    def _build_bus_channel_list(self, channels):
        """The coworking staff listens to the live occupancy of the companies
        they may work in (a channel the server grants, not one a client can
        name)."""
        channels = super()._build_bus_channel_list(channels)
        user = self.env.user
        if (
            user
            and user._is_internal()
            and user.has_group("coworking_base.group_coworking_user")
        ):
            Space = self.env["coworking.space"]
            channels.extend(
                Space._iot_channel(company.id) for company in user.company_ids
            )
        return channels
