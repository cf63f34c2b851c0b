/** @odoo-module **/
/* Copyright 2026 Coworking Suite contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

import publicWidget from "@web/legacy/js/public/public_widget";

/**
 * The filters of the public booking pages refresh the page as soon as a
 * value changes: the free times shown are computed again by the server.
 */
publicWidget.registry.CoworkingBookingFilters = publicWidget.Widget.extend({
    selector: ".o_coworking_filters, .o_coworking_slot_filters",
    events: {
        "change .o_coworking_autosubmit": "_onChange",
    },

    _onChange() {
        if (this.el.checkValidity()) {
            this.el.classList.add("o_coworking_loading");
            this.el.submit();
        }
    },
});

/**
 * The booking form is sent once: a double click does not book twice.
 */
publicWidget.registry.CoworkingBookingForm = publicWidget.Widget.extend({
    selector: ".o_coworking_book_form",
    events: {
        submit: "_onSubmit",
    },

    _onSubmit(ev) {
        const button = this.el.querySelector(".o_coworking_book_submit");
        if (this.el.dataset.sent) {
            ev.preventDefault();
            return;
        }
        this.el.dataset.sent = "1";
        if (button) {
            button.classList.add("disabled");
            button.setAttribute("aria-busy", "true");
        }
    },
});

export default {
    CoworkingBookingFilters: publicWidget.registry.CoworkingBookingFilters,
    CoworkingBookingForm: publicWidget.registry.CoworkingBookingForm,
};
