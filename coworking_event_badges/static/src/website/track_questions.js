/** @odoo-module **/
/* Copyright 2026 Coworking Suite contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

import publicWidget from "@web/legacy/js/public/public_widget";
import {_t} from "@web/core/l10n/translation";
import {rpc} from "@web/core/network/rpc";
import {renderToElement} from "@web/core/utils/render";

/**
 * The questions of a session's page: participants ask through a JSON
 * route, and the answers typed by the room's managers in the backend
 * arrive over the bus, on the session's public channel.
 */
publicWidget.registry.CoworkingTrackQuestions = publicWidget.Widget.extend({
    selector: ".o_cw_track_questions",
    events: {
        "submit .o_cw_question_form": "_onSubmit",
        "input .o_cw_question_body": "_onInput",
    },

    start() {
        this.trackId = parseInt(this.el.dataset.trackId, 10);
        this.channel = this.el.dataset.channel;
        this.answeredList = this.el.querySelector(".o_cw_questions_answered");
        this.pendingList = this.el.querySelector(".o_cw_questions_pending");
        // the visitor's own questions (the channel's messages do not say whose)
        this.mineIds = new Set(
            [...this.el.querySelectorAll(".o_cw_question[data-mine]")].map((item) =>
                parseInt(item.dataset.questionId, 10)
            )
        );
        this.busService = this.bindService("bus_service");
        this._onQuestions = this._onQuestions.bind(this);
        this.busService.subscribe("coworking_event_questions", this._onQuestions);
        this.busService.addChannel(this.channel);
        this.el.querySelector(".o_cw_questions_live").classList.remove("d-none");
        return this._super(...arguments);
    },

    destroy() {
        if (this.busService) {
            this.busService.unsubscribe("coworking_event_questions", this._onQuestions);
            this.busService.deleteChannel(this.channel);
        }
        this._super(...arguments);
    },

    // ------------------------------------------------------------------
    // Live answers
    // ------------------------------------------------------------------

    /**
     * @param {Object} payload the questions of a session, answered or not
     */
    _onQuestions(payload) {
        if (payload.track_id !== this.trackId) {
            return;
        }
        for (const question of payload.questions || []) {
            this._place(question, "bus");
        }
        this.el.dataset.liveSource = "bus";
    },

    /**
     * Show a question where it belongs: answered ones for everyone, the
     * visitor's own waiting ones in their list, others' waiting ones not.
     *
     * @param {Object} question as the server sends it
     * @param {String} source "bus" or "ask"
     */
    _place(question, source) {
        const mine = this.mineIds.has(question.id);
        const selector = `.o_cw_question[data-question-id="${question.id}"]`;
        const shown = this.el.querySelector(selector);
        if (question.answered) {
            if (
                shown &&
                shown.classList.contains("o_cw_question_answered") &&
                shown.querySelector(".o_cw_question_answer_text").textContent ===
                    question.answer
            ) {
                return;
            }
            shown?.remove();
            const item = this._render(question, mine);
            this._insertByNewest(this.answeredList, item);
            if (source === "bus") {
                item.classList.add("o_cw_question_flash");
            }
        } else {
            if (shown && shown.classList.contains("o_cw_question_waiting")) {
                return;
            }
            // an answer withdrawn: no longer among the answered ones
            shown?.remove();
            if (mine) {
                this._insertByNewest(this.pendingList, this._render(question, mine));
            }
        }
        this._refreshCounts();
    },

    _render(question, mine) {
        return renderToElement("coworking_event_badges.TrackQuestionItem", {question, mine});
    },

    /**
     * @param {HTMLElement} list
     * @param {HTMLElement} item
     */
    _insertByNewest(list, item) {
        const id = parseInt(item.dataset.questionId, 10);
        const older = [...list.children].find(
            (other) => parseInt(other.dataset.questionId, 10) < id
        );
        list.insertBefore(item, older || null);
    },

    _refreshCounts() {
        const answered = this.answeredList.children.length;
        this.el.querySelector(".o_cw_questions_count").textContent = String(answered);
        this.el.querySelector(".o_cw_questions_empty").classList.toggle("d-none", answered > 0);
        this.el
            .querySelector(".o_cw_questions_pending_block")
            .classList.toggle("d-none", this.pendingList.children.length === 0);
    },

    // ------------------------------------------------------------------
    // Asking
    // ------------------------------------------------------------------

    _onInput(ev) {
        const counter = this.el.querySelector(".o_cw_question_length");
        counter.textContent = String(ev.currentTarget.value.length);
        // a new question: the last one's confirmation is old news
        this.el.querySelector(".o_cw_question_sent").classList.add("d-none");
    },

    async _onSubmit(ev) {
        ev.preventDefault();
        if (this.sending) {
            return;
        }
        const form = ev.currentTarget;
        const textarea = form.querySelector(".o_cw_question_body");
        const button = form.querySelector(".o_cw_question_submit");
        this._showMessage(form, "");
        this.sending = true;
        button.disabled = true;
        let result;
        try {
            result = await rpc("/event/track/question/ask", {
                track_id: this.trackId,
                body: textarea.value,
                csrf_token: form.querySelector("input[name='csrf_token']").value,
            });
        } catch (error) {
            result = {
                error:
                    error && error.code === 404
                        ? _t("This session does not take questions any more.")
                        : _t("Your question could not be sent: check your connection and try again."),
            };
        } finally {
            this.sending = false;
            button.disabled = false;
        }
        if (result.error) {
            this._showMessage(form, result.error);
            textarea.focus();
            return;
        }
        this.mineIds.add(result.question.id);
        this._place(result.question, "ask");
        textarea.value = "";
        this.el.querySelector(".o_cw_question_length").textContent = "0";
        this._showMessage(form, "", true);
    },

    /**
     * @param {HTMLFormElement} form
     * @param {String} error the refusal to show, or "" to hide it
     * @param {Boolean} [sent] show that the question was sent
     */
    _showMessage(form, error, sent = false) {
        const alert = form.querySelector(".o_cw_question_error");
        alert.textContent = error;
        alert.classList.toggle("d-none", !error);
        form.querySelector(".o_cw_question_sent").classList.toggle("d-none", !sent);
    },
});

export default publicWidget.registry.CoworkingTrackQuestions;
