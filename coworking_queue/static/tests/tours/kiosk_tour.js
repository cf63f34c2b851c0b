/** @odoo-module **/
/* Copyright 2026 Coworking Suite contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

import {registry} from "@web/core/registry";

/**
 * A visitor takes a Reception ticket at the kiosk behind one person, opens
 * the ticket page the QR code links to, and sees their place go from 2 to 1
 * when an agent calls the person ahead (the test calls from Python once the
 * tour says it saw place 2; the page hears it over the bus).
 */
registry.category("web_tour.tours").add("coworking_queue_kiosk_tour", {
    steps: () => [
        {
            content: "The kiosk lists the services: choose Reception",
            trigger: ".o_queue_kiosk[data-step='services'] a.o_queue_service[data-service='A']",
            run: "click",
        },
        {
            content: "Choose a standard ticket",
            trigger: ".o_queue_kiosk[data-step='types'] a.o_queue_type[data-type='normal']",
            run: "click",
        },
        {
            content: "One person waits before the visitor",
            trigger: ".o_queue_summary_waiting .o_queue_count:contains(1)",
        },
        {
            content: "Take the ticket",
            trigger: ".o_queue_kiosk[data-step='confirm'] button.o_queue_take_button",
            run: "click",
        },
        {
            content: "The ticket is shown with its QR code, second in the queue",
            trigger: ".o_queue_kiosk[data-step='ticket'] .o_queue_qr img[src^='data:image/svg+xml']",
        },
        {
            content: "Second in the queue",
            trigger: ".o_queue_kiosk_ticket .o_queue_position:contains(2)",
        },
        {
            content: "Open the page the QR code links to",
            trigger: ".o_queue_kiosk_ticket[data-ticket-url]",
            run() {
                const ticket = document.querySelector(".o_queue_kiosk_ticket");
                window.location.assign(ticket.dataset.ticketUrl);
            },
        },
        {
            content: "The ticket page shows place 2; tell the test it was seen",
            trigger: ".o_queue_ticket_page[data-state='waiting'][data-position='2']",
            async run() {
                const page = document.querySelector(".o_queue_ticket_page");
                await fetch(`${page.dataset.statusUrl}&tour=position_2_seen`);
            },
        },
        {
            content: "The agent called the ticket ahead: place 1, pushed over the bus",
            trigger: ".o_queue_ticket_page[data-live-source='bus'][data-position='1']",
            timeout: 25000,
        },
        {
            content: "The wait range is still shown",
            trigger: ".o_queue_ticket_page .o_queue_wait:contains(min)",
        },
    ],
});
