/** @odoo-module **/
/* Copyright 2026 Coworking Suite contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

import {registry} from "@web/core/registry";

/**
 * A member opens their booking, paid online, from the portal, moves it to
 * another free time, checks the calendar file link, then cancels it.
 */
registry.category("web_tour.tours").add("coworking_booking_portal_tour", {
    url: "/my/bookings",
    steps: () => [
        {
            content: "The list offers to book a space",
            trigger: "a.o_coworking_book_space[href='/coworking']",
        },
        {
            content: "The paid booking is listed as confirmed",
            trigger:
                "tr.o_coworking_portal_booking .o_coworking_booking_state[data-state='confirmed']",
        },
        {
            content: "Open the booking",
            trigger: "tr.o_coworking_portal_booking td:first-child a",
            run: "click",
        },
        {
            content: "The booking says it is paid",
            trigger: "#booking_details .card-header .badge.text-bg-success",
        },
        {
            content: "Nothing is left to pay",
            trigger: "#booking_details:not(:has(.o_coworking_booking_pay_link))",
        },
        {
            content: "The booking can be added to a calendar",
            trigger: "a.o_coworking_booking_ics[href*='/ics']",
        },
        {
            content: "Go to the rescheduling section",
            trigger: "a.o_coworking_booking_reschedule_link",
            run: "click",
        },
        {
            content: "Pick the first free time of the day",
            trigger: "#reschedule label.o_coworking_slot:first",
            run: "click",
        },
        {
            content: "Move the booking",
            trigger: "#reschedule button.o_coworking_reschedule_submit",
            run: "click",
        },
        {
            content: "The booking has moved",
            trigger: ".o_coworking_booking_success[data-success='moved']",
        },
        {
            content: "Ask to cancel",
            trigger: "button.o_coworking_booking_cancel",
            run: "click",
        },
        {
            content: "The dialog says the cancellation is free",
            trigger: "#modal_cancel_booking.show .o_coworking_cancel_free",
        },
        {
            content: "Confirm the cancellation",
            trigger: "#modal_cancel_booking.show button.o_coworking_cancel_confirm",
            run: "click",
        },
        {
            content: "The booking is cancelled",
            trigger: ".o_coworking_booking_success[data-success='cancelled']",
        },
        {
            content: "Its status says so",
            trigger: "h2 + .o_coworking_booking_state[data-state='cancelled']",
        },
    ],
});
