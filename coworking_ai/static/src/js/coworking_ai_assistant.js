/** @odoo-module **/
/* Copyright 2026 Coworking Suite contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

import {_t} from "@web/core/l10n/translation";
import publicWidget from "@web/legacy/js/public/public_widget";
import {rpc} from "@web/core/network/rpc";

/**
 * The chat box of the assistant in the portal: a message is sent to the
 * server, which posts it in the member's chat with the assistant and returns
 * the assistant's answer (HTML written by the server).
 */
publicWidget.registry.CoworkingAssistantChat = publicWidget.Widget.extend({
    selector: ".o_coworking_assistant",
    events: {
        "submit .o_coworking_assistant_form": "_onSubmit",
        "click .o_coworking_assistant_suggestion": "_onSuggestion",
    },

    start() {
        this.log = this.el.querySelector(".o_coworking_assistant_log");
        this.input = this.el.querySelector(".o_coworking_assistant_input");
        this.button = this.el.querySelector(".o_coworking_assistant_send");
        this.maxLength = parseInt(this.el.dataset.maxLength || "500", 10);
        this._scroll();
        return this._super(...arguments);
    },

    _scroll() {
        this.log.scrollTop = this.log.scrollHeight;
    },

    _append(kind, content, isHtml) {
        const row = document.createElement("div");
        row.className = `o_coworking_assistant_message ${kind}`;
        const bubble = document.createElement("div");
        bubble.className = "o_coworking_assistant_bubble";
        if (isHtml) {
            // written and escaped by the server, as in Discuss
            bubble.innerHTML = content;
        } else {
            bubble.textContent = content;
        }
        row.appendChild(bubble);
        this.log.appendChild(row);
        this._scroll();
        return row;
    },

    async _send(text) {
        const message = (text || "").trim().slice(0, this.maxLength);
        if (!message || this.busy) {
            return;
        }
        this.busy = true;
        this.button.disabled = true;
        this._append("o_from_me", message, false);
        this.input.value = "";
        const waiting = this._append("o_from_bot o_coworking_assistant_waiting", "…", false);
        try {
            const result = await rpc("/my/assistant/message", {message});
            waiting.remove();
            if (result.error) {
                this._append("o_from_bot o_coworking_assistant_error", result.error, false);
            } else {
                this._append("o_from_bot", result.answer || _t("No answer."), true);
            }
        } catch (error) {
            waiting.remove();
            const detail = error?.data?.message || _t("The assistant is not reachable.");
            this._append("o_from_bot o_coworking_assistant_error", detail, false);
        } finally {
            this.busy = false;
            this.button.disabled = false;
            this.input.focus();
        }
    },

    _onSubmit(ev) {
        ev.preventDefault();
        this._send(this.input.value);
    },

    _onSuggestion(ev) {
        this._send(ev.currentTarget.textContent);
    },
});

export default publicWidget.registry.CoworkingAssistantChat;
