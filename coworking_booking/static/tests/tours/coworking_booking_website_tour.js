/** @odoo-module **/
/* Copyright 2026 Coworking Suite contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

import {registry} from "@web/core/registry";

/**
 * A visitor who is not a member books the test room from the public pages,
 * pays with Odoo's demo payment provider and sees the confirmed booking.
 */
registry.category("web_tour.tours").add("coworking_booking_website_tour", {
    steps: () => [
        {
            content: "The spaces of the location are listed with a from-price",
            trigger: ".o_coworking_space_card[data-space-name='Test Room'] .o_coworking_from_price",
        },
        {
            content: "Open the test room",
            trigger: ".o_coworking_space_card[data-space-name='Test Room'] a.stretched-link",
            run: "click",
        },
        {
            content: "The space page shows the days with free times",
            trigger: ".o_coworking_days .o_coworking_day.btn-primary",
        },
        {
            content: "Choose a length of two hours",
            trigger: "select#coworking_duration",
            run: "select 120",
        },
        {
            content: "The page shows the price of two hours",
            trigger: ".o_coworking_price:contains('50.00')",
        },
        {
            content: "Pick the first free time",
            trigger: ".o_coworking_slots label.o_coworking_slot:first",
            run: "click",
        },
        {
            content: "Give a name",
            trigger: "input#coworking_name",
            run: "edit Camille Visitor",
        },
        {
            content: "Give an email",
            trigger: "input#coworking_email",
            run: "edit camille.visitor@example.com",
        },
        {
            content: "Book and pay",
            trigger: "button.o_coworking_book_submit",
            run: "click",
        },
        {
            content: "The booking is held and Odoo's payment form is shown",
            trigger: ".o_coworking_booking_state[data-state='held']",
        },
        {
            content: "Choose the demo payment method",
            trigger:
                "#booking_payment input[name='o_payment_radio'][data-payment-method-code='demo']",
            run: "click",
        },
        {
            content: "Give test card details",
            trigger: "#booking_payment input#customer_input",
            run: "edit 4242424242424242",
        },
        {
            content: "Pay",
            trigger: "#booking_payment button[name='o_payment_submit_button']:not(:disabled)",
            run: "click",
        },
        {
            content: "Back on the booking: it is confirmed",
            trigger: ".o_coworking_booking_state[data-state='confirmed']",
            timeout: 20000,
        },
        {
            content: "and paid",
            trigger: "#booking_details .badge:contains('Paid')",
        },
        {
            content: "The receipt can be downloaded",
            trigger: "a.o_coworking_booking_receipt",
        },
    ],
});
