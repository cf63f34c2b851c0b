# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class DiscussChannel(models.Model):
    """The assistant answers in its chats, as OdooBot does in its own."""

    _inherit = "discuss.channel"

    def _message_post_after_hook(self, message, msg_vals):
        res = super()._message_post_after_hook(message, msg_vals)
        if self.channel_type == "chat":
            self.env["coworking.ai.assistant"]._reply_in_channel(
                self, message, msg_vals
            )
        return res
