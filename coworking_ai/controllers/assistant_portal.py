# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The assistant's chat box in the portal (``/my/assistant``): the same
chat as in Discuss, the same ``_answer``, with the rights of the member."""

from odoo import http
from odoo.http import request
from odoo.tools import plaintext2html

from odoo.addons.portal.controllers import portal

from ..tools.intents import MAX_TEXT

# messages of the chat shown when the page opens
SHOWN_MESSAGES = 30


class CoworkingAssistantPortal(portal.CustomerPortal):
    def _assistant_messages(self, channel, limit=SHOWN_MESSAGES):
        """The last messages of the chat with the assistant, oldest first."""
        return (
            request.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", "discuss.channel"),
                    ("res_id", "=", channel.id),
                    ("message_type", "=", "comment"),
                ],
                order="id desc",
                limit=limit,
            )
            .sorted("id")
        )

    @http.route(["/my/assistant"], type="http", auth="user", website=True)
    def portal_my_assistant(self, **kwargs):
        """The chat with the assistant."""
        Assistant = request.env["coworking.ai.assistant"]
        channel = Assistant._chat_channel()
        bot = Assistant._bot_partner()
        if not channel.sudo().message_ids:
            Assistant._post_as_bot(channel, Assistant._intent_greeting(None))
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "coworking_assistant",
                "assistant_messages": self._assistant_messages(channel),
                "assistant_partner": bot,
                "max_length": MAX_TEXT,
            }
        )
        return request.render("coworking_ai.portal_my_assistant", values)

    @http.route(
        ["/my/assistant/message"],
        type="json",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_assistant_message(self, message=None, **kwargs):
        """Post a message to the assistant: ``{"answer": HTML}``, or
        ``{"error": text}`` for an empty or too long message."""
        if not isinstance(message, str) or not message.strip():
            return {"error": request.env._("Write a message to the assistant.")}
        text = message.strip()
        if len(text) > MAX_TEXT:
            return {
                "error": request.env._(
                    "Please keep your message under %(count)s characters.",
                    count=MAX_TEXT,
                )
            }
        Assistant = request.env["coworking.ai.assistant"]
        channel = Assistant._chat_channel()
        bot = Assistant._bot_partner()
        posted = channel.sudo().message_post(
            author_id=request.env.user.partner_id.id,
            body=plaintext2html(text),
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        answer = (
            request.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", "discuss.channel"),
                    ("res_id", "=", channel.id),
                    ("author_id", "=", bot.id),
                    ("id", ">", posted.id),
                ],
                order="id",
                limit=1,
            )
        )
        return {"answer": str(answer.body or "")}
