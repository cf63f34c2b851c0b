/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { registry } from "@web/core/registry";
import { simulateBarCode } from "@barcodes/../tests/helpers";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as TicketScreen from "@point_of_sale/../tests/tours/utils/ticket_screen_util";
import * as EventTourUtils from "@pos_event/../tests/tours/utils/event_tour_utils";

// the participant's personal QR code, put there by the test (test_desk_tour.py)
export const CODE_KEY = "coworking_desk_tour_code";
const PARTICIPANT = "Tour Participant";
const REASON = "Workshop full, moved to the next session";
const REFERENCE = "TERM-REF-42";

/** A text popup (TextInputPopup) answered empty first: refused, asked again. */
function answerRequired(title, text) {
    return [
        { content: `${title} is asked`, trigger: `.modal .modal-header:contains("${title}")` },
        { content: "answer nothing", trigger: ".modal textarea", run: "clear" },
        Dialog.confirm("Apply"),
        {
            content: "an empty answer is refused",
            trigger: ".o_notification:contains('needs'), .o_notification:contains('Type')",
        },
        { content: "asked again", trigger: `.modal .modal-header:contains("${title}")` },
        { content: `answer ${text}`, trigger: ".modal textarea", run: `edit ${text}` },
        Dialog.confirm("Apply"),
    ];
}

/** The badge report was asked ``count`` times in all, each for one registration. */
function printedBadges(count) {
    return {
        content: `the badge report was asked ${count} time(s)`,
        trigger: "body",
        run: () => {
            const reports = window.coworkingDeskTourReports || [];
            if (
                reports.length !== count ||
                reports.some(
                    ({ reportXmlId, ids }) =>
                        !reportXmlId.startsWith("event.action_report_event_registration_badge") ||
                        ids.length !== 1
                )
            ) {
                throw new Error(`Unexpected badge reports: ${JSON.stringify(reports)}`);
            }
        },
    };
}

registry.category("web_tour.tours").add("coworking_desk_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),

            // the participant shows their personal QR code to the desk's scanner
            {
                content: "scan the participant's personal QR code",
                trigger: ".o_coworking_participant_bar",
                run: () => simulateBarCode([...sessionStorage.getItem(CODE_KEY), "Enter"]),
            },
            {
                content: "the credential is recognized",
                trigger: ".o_coworking_participant_popup .alert:contains('Valid credential')",
            },
            {
                content: "choose the participant",
                trigger: `.o_coworking_participant_popup .o_coworking_participant:contains("${PARTICIPANT}")`,
                run: "click",
            },
            {
                content: "the participant is the order's customer",
                trigger: `.o_coworking_current_participant:contains("${PARTICIPANT}")`,
            },

            // the workshop ticket, with the session it opens, and the dinner
            ProductScreen.clickDisplayedProduct("Test Desk Summit"),
            {
                content: "the workshop ticket tells its session, time and room",
                trigger:
                    ".o_event_configurator_popup .o_coworking_workshop_label:contains('Test Workshop Session'):contains('Test Workshop Room')",
            },
            EventTourUtils.increaseQuantityOfTicket("Test Workshop"),
            Dialog.confirm(),
            {
                content: "the registration questions are asked",
                trigger: ".o_event_registration_popup .ticket_question",
            },
            Dialog.confirm(),
            ProductScreen.clickDisplayedProduct("Test Dinner"),

            // paid in cash
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Test Desk A Cash"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),

            // badges printed (nobody marked present), then marked present
            {
                content: "record the reports the desk asks to print",
                trigger: ".receipt-screen",
                run: () => {
                    window.coworkingDeskTourReports = [];
                    window.posmodel.env.services.report.doAction = async (reportXmlId, ids) => {
                        window.coworkingDeskTourReports.push({ reportXmlId, ids });
                    };
                },
            },
            EventTourUtils.printTicket("badge"),
            {
                content: "the badge is printed, and printing marked nobody present",
                trigger:
                    ".o_coworking_badges_printed .o_coworking_registration[data-state='open']:contains('Test Workshop')",
            },
            printedBadges(1),
            {
                content: "mark the participant present",
                trigger: ".o_coworking_mark_present",
                run: "click",
            },
            {
                content: "the participant is present",
                trigger:
                    ".o_coworking_receipt_registrations .o_coworking_registration[data-state='done']:contains('Test Workshop') .o_coworking_present",
            },
            {
                content: "the button says so",
                trigger: ".o_coworking_mark_present:contains('Present')",
            },
            ReceiptScreen.clickNextOrder(),

            // the order history: reprint the badges, then refund the workshop
            ...ProductScreen.clickRefund(),
            {
                content: "select the participant's order",
                trigger: `.ticket-screen .order-row:contains("${PARTICIPANT}")`,
                run: "click",
            },
            {
                content: "the order's registration is shown, present",
                trigger:
                    ".o_coworking_order_desk_info .o_coworking_registration[data-state='done']",
            },
            {
                content: "reprint the badges and mark present from the history",
                trigger: ".o_coworking_badges_presence",
                run: "click",
            },
            {
                content: "done",
                trigger: ".o_notification:contains('Badges printed')",
            },
            printedBadges(2),
            {
                content: "select the workshop ticket's line",
                trigger: ".ticket-screen .orderline:contains('Test Desk Ticket')",
                run: "click",
            },
            ProductScreen.clickNumpad("1"),
            TicketScreen.toRefundTextContains("To Refund: 1.00"),
            TicketScreen.confirmRefund(),
            ...answerRequired("refunded", REASON),
            ProductScreen.isShown(),

            // the refund goes back to the card: the terminal's reference is asked
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Test Card Terminal"),
            PaymentScreen.clickValidate(),
            ...answerRequired("reference", REFERENCE),
            ReceiptScreen.isShown(),
            {
                content: "the receipt shows the terminal's reference",
                trigger: `.pos-receipt .paymentlines:contains("${REFERENCE}")`,
            },
            ReceiptScreen.clickNextOrder(),

            // the history shows the refund's reason, and the revoked ticket
            ...ProductScreen.clickRefund(),
            {
                content: "select the refund (the latest order)",
                trigger: ".ticket-screen .orders > .order-row:nth-child(2)",
                run: "click",
            },
            {
                content: "the refund's reason is shown",
                trigger: `.o_coworking_order_desk_info .o_coworking_refund_reason:contains("${REASON}")`,
            },
            {
                content: "select the sale",
                trigger: ".ticket-screen .orders > .order-row:nth-child(3)",
                run: "click",
            },
            {
                content: "its workshop ticket is revoked, with the reason",
                trigger: `.o_coworking_order_desk_info .o_coworking_registration[data-state='revoked'] .o_coworking_revoke_reason:contains("${REASON}")`,
            },
            TicketScreen.clickDiscard(),
            ProductScreen.isShown(),
        ].flat(),
});
