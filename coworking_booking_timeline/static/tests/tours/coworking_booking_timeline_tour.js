/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("coworking_booking_timeline_tour", {
    url: "/odoo/action-coworking_booking.coworking_booking_action",
    steps: () => [
        {
            content: "Switch to the timeline",
            trigger: ".o_switch_view.o_timeline",
            run: "click",
        },
        {
            content: "Show the month",
            trigger: ".oe_timeline_button_scale_month",
            run: "click",
        },
        {
            content: "One row per space",
            trigger: ".vis-label:contains(Timeline Room)",
        },
        {
            content: "The booking is on the timeline",
            trigger: ".vis-item:contains(Timeline Member)",
        },
    ],
});
