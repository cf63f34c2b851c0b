/** @odoo-module **/
/* Copyright 2026 Coworking Suite contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

import {registry} from "@web/core/registry";

/**
 * A member pays their monthly invoice from the portal with Odoo's payment
 * form and the demo provider.
 */
registry.category("web_tour.tours").add("coworking_billing_invoice_payment_tour", {
    url: "/my/invoices",
    steps: () => [
        {
            content: "Pay the monthly invoice",
            trigger: "a[title='Pay Now']",
            run: "click",
        },
        {
            content: "Choose the demo payment method",
            trigger:
                "#pay_with.show input[name='o_payment_radio'][data-payment-method-code='demo']",
            run: "click",
        },
        {
            content: "Give test card details",
            trigger: "#pay_with.show input#customer_input",
            run: "edit 4242424242424242",
        },
        {
            content: "Pay",
            trigger: "#pay_with.show button[name='o_payment_submit_button']:not(:disabled)",
            run: "click",
        },
        {
            // after the payment's status page (which polls until the payment
            // is done, then comes back): ending the tour earlier closed the
            // browser in the middle of a poll ("Failed to fetch")
            content: "Back on the invoice, it is paid",
            trigger: ".o_portal_sidebar .badge.text-bg-success:contains('Paid')",
            timeout: 20000,
        },
        {
            content: "Nothing is left to pay",
            trigger: ".o_portal_sidebar:not(:has(a[data-bs-target='#pay_with']))",
        },
    ],
});
