/** @odoo-module **/
/* Copyright 2026 Coworking Suite contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

import {registry} from "@web/core/registry";

/**
 * A member sees the times suggested to them on their bookings page, opens
 * the first one: the space's page shows that day with the time picked, and
 * the member books it.
 */
registry.category("web_tour.tours").add("coworking_ai_recommendation_tour", {
    url: "/my/bookings",
    steps: () => [
        {
            content: "The bookings page suggests times that fit the member",
            trigger:
                ".o_coworking_recommendations .o_coworking_recommendation[data-basis='history']",
        },
        {
            content: "Each suggestion says why",
            trigger:
                ".o_coworking_recommendation:first .o_coworking_recommendation_reasons li",
        },
        {
            content: "Open the best suggestion",
            trigger: "a.o_coworking_recommendation:first",
            run: "click",
        },
        {
            content: "The space's page shows the suggested time, picked",
            trigger: ".o_coworking_slots input.btn-check[name='start_time']:checked",
        },
        {
            content: "The space's page suggests its own times too",
            trigger: ".o_coworking_space_recommendations a.o_coworking_recommendation",
        },
        {
            content: "Book it",
            trigger: "button.o_coworking_book_submit:not([disabled])",
            run: "click",
        },
        {
            content: "The booking is confirmed",
            trigger: ".o_coworking_booking_success[data-success='booked']",
        },
    ],
});
