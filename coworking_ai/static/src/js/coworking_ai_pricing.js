/** @odoo-module **/
/* Copyright 2026 Coworking Suite contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

import publicWidget from "@web/legacy/js/public/public_widget";

/**
 * Prices that move with demand: the free time picked shows its own price
 * and why it moved ("Busy hour +15 %"), as the server computed them for
 * each free time of the page.
 */
publicWidget.registry.CoworkingDemandPrice = publicWidget.Widget.extend({
    selector: ".o_coworking_book_form",
    events: {
        "change input[name=start_time]": "_onSlotChange",
    },

    start() {
        const checked = this.el.querySelector("input[name=start_time]:checked");
        if (checked) {
            this._showSlot(checked);
        }
        return this._super(...arguments);
    },

    _onSlotChange(ev) {
        this._showSlot(ev.currentTarget);
    },

    _showSlot(input) {
        const slot = this.el.querySelector(`label[for="${input.id}"]`);
        const price = slot && slot.querySelector(".o_coworking_slot_price");
        const amount = this.el.querySelector(".o_coworking_price_amount");
        const badge = this.el.querySelector(
            ".o_coworking_price .o_coworking_price_adjustment"
        );
        if (!price || !amount || !badge) {
            return;
        }
        amount.replaceChildren(...price.cloneNode(true).childNodes);
        const percent = parseInt(slot.dataset.demandPercent || "0", 10);
        badge.textContent = slot.dataset.demandLabel || "";
        badge.classList.toggle("d-none", !percent);
        badge.classList.toggle("text-bg-warning", percent > 0);
        badge.classList.toggle("text-bg-success", percent <= 0);
    },
});

export default {
    CoworkingDemandPrice: publicWidget.registry.CoworkingDemandPrice,
};
