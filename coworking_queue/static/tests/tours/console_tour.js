/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { registry } from "@web/core/registry";

// Started by coworking_queue/tests/test_console.py (TestConsoleTour): the
// agent opens Counter 1, serves A-001, calls A-002 and sends it to Parcels.
registry.category("web_tour.tours").add("coworking_queue_console_tour", {
    steps: () => [
        {
            content: "Open Counter 1",
            trigger: ".o_queue_console_counter_card:contains(Counter 1) .o_queue_console_open",
            run: "click",
        },
        {
            content: "The counter is open, two visitors wait",
            trigger: ".o_queue_console_waiting_count:contains(2)",
        },
        {
            content: "Call the next visitor",
            trigger: ".o_queue_console_call_next:enabled",
            run: "click",
        },
        {
            content: "A-001 is called",
            trigger: ".o_queue_console_current .o_queue_console_number:contains(A-001)",
        },
        {
            content: "The visitor is at the counter: start",
            trigger: ".o_queue_console_start:enabled",
            run: "click",
        },
        {
            content: "Serving A-001",
            trigger: ".o_queue_console_ticket_state:contains(Serving)",
        },
        {
            content: "Served",
            trigger: ".o_queue_console_served:enabled",
            run: "click",
        },
        {
            content: "One served today, nobody at the counter",
            trigger: ".o_queue_console_served_count:contains(1)",
        },
        {
            trigger: ".o_queue_console_empty",
        },
        {
            content: "Call the next visitor",
            trigger: ".o_queue_console_call_next:enabled",
            run: "click",
        },
        {
            content: "A-002 is called",
            trigger: ".o_queue_console_current .o_queue_console_number:contains(A-002)",
        },
        {
            content: "Transfer",
            trigger: ".o_queue_console_transfer:enabled",
            run: "click",
        },
        {
            content: "To the Parcels service",
            trigger: ".modal .o_queue_console_transfer_queue[data-queue=Parcels]",
            run: "click",
        },
        {
            content: "Nobody at the counter any more",
            trigger: ".o_queue_console_empty",
        },
        {
            content: "The visitor waits for Parcels with a new ticket",
            trigger: ".o_queue_console_waiting_line[data-ticket=B-001]",
        },
    ],
});
