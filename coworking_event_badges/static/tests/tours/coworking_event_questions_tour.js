/** @odoo-module **/
/* Copyright 2026 Coworking Suite contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

import {registry} from "@web/core/registry";

const QUESTION = "Will the keynote slides be shared";
const ANSWER = "Every participant receives them tonight";

/**
 * A registered participant asks a question on a session's page and sees it
 * waiting; a room manager answers it in the backend (the test answers from
 * Python once the tour says it saw the question waiting) and the answer
 * appears on the open page, pushed over the bus, without a reload.
 */
registry.category("web_tour.tours").add("coworking_event_questions_tour", {
    steps: () => [
        {
            content: "The session page listens to its questions",
            trigger: ".o_cw_track_questions .o_cw_questions_live:not(.d-none)",
        },
        {
            content: "An empty question is refused with a clear message",
            trigger: ".o_cw_question_form .o_cw_question_submit",
            run: "click",
        },
        {
            content: "The refusal says what to do",
            trigger: ".o_cw_question_error:not(.d-none):contains(Write your question first)",
        },
        {
            content: "Write the question",
            trigger: ".o_cw_question_form textarea.o_cw_question_body[maxlength='1000']",
            run: `edit ${QUESTION}`,
        },
        {
            content: "The counter follows the length",
            trigger: `.o_cw_question_length:contains(${QUESTION.length})`,
        },
        {
            content: "Ask",
            trigger: ".o_cw_question_form .o_cw_question_submit",
            run: "click",
        },
        {
            content: "The question waits for an answer, and the form is ready again",
            trigger: `.o_cw_questions_pending .o_cw_question_waiting[data-mine]:contains(${QUESTION}) .o_cw_question_waiting_badge`,
        },
        {
            content: "The form says the question was sent",
            trigger: ".o_cw_question_sent:not(.d-none)",
        },
        {
            content: "Tell the test the question was seen waiting",
            trigger: ".o_cw_question_sent:not(.d-none)",
            async run() {
                await fetch(`${window.location.pathname}?tour=pending_seen`);
            },
        },
        {
            content: "The room manager's answer arrives over the bus",
            trigger: `.o_cw_track_questions[data-live-source='bus'] .o_cw_questions_answered .o_cw_question_answered[data-mine]:contains(${QUESTION}) .o_cw_question_answer_text:contains(${ANSWER})`,
            timeout: 25000,
        },
        {
            content: "No question of the participant waits any more",
            trigger: ".o_cw_track_questions:not(:has(.o_cw_questions_pending .o_cw_question))",
        },
    ],
});
