/** @odoo-module **/
/* Copyright 2026 Coworking Suite contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

import {registry} from "@web/core/registry";

/**
 * A member with 10 credit hours books a room for two hours on the website,
 * then finds the two hours taken in the portal.
 */
registry.category("web_tour.tours").add("coworking_membership_portal_tour", {
    steps: () => [
        {
            content: "The page says the booking uses credit hours",
            trigger: ".o_coworking_membership_terms[data-mode='credits']:contains('Uses 2')",
        },
        {
            content: "and how many are left",
            trigger: ".o_coworking_credits_left:contains('10 h left')",
        },
        {
            content: "Pick the first free time",
            trigger: ".o_coworking_slots label.o_coworking_slot:first",
            run: "click",
        },
        {
            content: "Book, with nothing to pay",
            trigger: "button.o_coworking_book_submit:contains('Book')",
            run: "click",
        },
        {
            content: "The booking is confirmed at once",
            trigger: ".o_coworking_booking_success[data-success='booked']",
        },
        {
            trigger: ".o_coworking_booking_state[data-state='confirmed']",
        },
        {
            content: "Back to the portal's home",
            trigger: ".o_portal_submenu a[href='/my/home']",
            run: "click",
        },
        {
            content: "Open the membership",
            trigger: "a[href='/my/membership']",
            run: "click",
        },
        {
            content: "The membership shows its credits",
            trigger: ".o_coworking_credit_balance",
        },
        {
            content: "and the two hours the booking took",
            trigger: ".o_coworking_membership_ledger tr[data-type='consume']:contains('-2')",
        },
    ],
});
