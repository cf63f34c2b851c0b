/** @odoo-module **/
/* Copyright 2026 Coworking Suite contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

import {registry} from "@web/core/registry";

/**
 * A member asks the assistant for help, then books the Tour Room for
 * tomorrow from the portal's chat box, and confirms.
 */
registry.category("web_tour.tours").add("coworking_ai_assistant_tour", {
    url: "/my/assistant",
    steps: () => [
        {
            content: "The assistant said hello",
            trigger: ".o_coworking_assistant_message.o_from_bot",
        },
        {
            content: "Ask for help",
            trigger: ".o_coworking_assistant_input",
            run: "edit what can you do?",
        },
        {
            content: "Send",
            trigger: ".o_coworking_assistant_send",
            run: "click",
        },
        {
            content: "The assistant lists what it can do",
            trigger: ".o_coworking_assistant_message.o_from_bot:last:contains(front desk)",
        },
        {
            content: "Ask to book",
            trigger: ".o_coworking_assistant_input",
            run: "edit book Tour Room tomorrow 10:00-11:00",
        },
        {
            content: "Send",
            trigger: ".o_coworking_assistant_send:enabled",
            run: "click",
        },
        {
            content: "The assistant asks for a yes",
            trigger: ".o_coworking_assistant_message.o_from_bot:last:contains(Answer yes or no)",
        },
        {
            content: "Say yes",
            trigger: ".o_coworking_assistant_input",
            run: "edit yes",
        },
        {
            content: "Send",
            trigger: ".o_coworking_assistant_send:enabled",
            run: "click",
        },
        {
            content: "The booking is made",
            trigger: ".o_coworking_assistant_message.o_from_bot:last:contains(BK/)",
        },
    ],
});
