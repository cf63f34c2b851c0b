/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// Started by coworking_iot/tests/test_live_board.py (TestLiveBoardTour): the
// test counted 4 people in the Louvre and took the Seine's sensor offline;
// the board, opened from the menu, shows both, and a card opens its space;
// the occupancy history and the readings open on their default filters.
registry.category("web_tour.tours").add("coworking_iot_live_occupancy_tour", {
    steps: () => [
        ...stepUtils.goToAppSteps("coworking_base.coworking_menu_root", "Open Coworking"),
        {
            content: "The app's first screen is loaded",
            trigger: ".o_action_manager .o_action",
        },
        {
            content: "Open the Sensors menu",
            trigger: 'button[data-menu-xmlid="coworking_iot.coworking_iot_menu"]',
            run: "click",
        },
        {
            content: "Open the live board",
            trigger: 'a[data-menu-xmlid="coworking_iot.coworking_iot_live_occupancy_menu"]',
            run: "click",
        },
        {
            content: "The board is open",
            trigger: ".o_breadcrumb:contains(Live Occupancy)",
        },
        {
            trigger: ".o_iot_live .o_iot_live_location",
        },
        {
            content: "The Louvre counts 4 people of 10",
            trigger:
                ".o_iot_live_location[data-location='Paris Bastille'] " +
                ".o_iot_card[data-space=Louvre] .o_iot_card_people:contains(4)",
        },
        {
            trigger: ".o_iot_card[data-space=Louvre] .o_iot_card_capacity:contains(10)",
        },
        {
            trigger: ".o_iot_card[data-space=Louvre] .o_iot_card_rate:contains(40 %)",
        },
        {
            trigger: ".o_iot_card[data-space=Louvre] .o_iot_card_sensors:contains(1 sensor)",
        },
        {
            trigger: ".o_iot_card[data-space=Louvre]:not(:has(.o_iot_card_offline))",
        },
        {
            content: "The Seine's sensor is offline: its card warns",
            trigger: ".o_iot_card[data-space=Seine] .o_iot_card_offline:contains(1 offline)",
        },
        {
            content: "Its location counts one sensor offline",
            trigger:
                ".o_iot_live_location[data-location='Paris Bastille'] " +
                ".o_iot_live_location_header:contains(1 sensor offline)",
        },
        {
            content: "Open the Louvre",
            trigger: ".o_iot_card[data-space=Louvre]",
            run: "click",
        },
        {
            content: "The space's form, with its occupancy",
            trigger: ".o_form_view .o_notebook a.nav-link:contains(Occupancy)",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=people_now]:contains(4)",
        },
        {
            content: "Back to the board",
            trigger: ".o_breadcrumb a:contains(Live Occupancy)",
            run: "click",
        },
        {
            trigger: ".o_iot_card[data-space=Louvre] .o_iot_card_people:contains(4)",
        },
        {
            content: "The occupancy history opens on its default filters",
            trigger: 'button[data-menu-xmlid="coworking_iot.coworking_iot_menu"]',
            run: "click",
        },
        {
            trigger: 'a[data-menu-xmlid="coworking_iot.coworking_iot_space_hourly_menu"]',
            run: "click",
        },
        {
            trigger: ".o_pivot .o_pivot_header_cell_closed:contains(Louvre)",
        },
        {
            content: "So do today's readings",
            trigger: 'button[data-menu-xmlid="coworking_iot.coworking_iot_menu"]',
            run: "click",
        },
        {
            trigger: 'a[data-menu-xmlid="coworking_iot.coworking_iot_reading_menu"]',
            run: "click",
        },
        {
            trigger: ".o_list_renderer .o_data_row:contains(Louvre people counter)",
        },
    ],
});
