/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { onMounted, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { ReceiptScreen } from "@point_of_sale/app/screens/receipt_screen/receipt_screen";
import { useTrackedAsync } from "@point_of_sale/app/utils/hooks";
import { DeskRegistrations } from "@coworking_event_pos/app/components/desk_registrations/desk_registrations";

patch(ReceiptScreen, {
    components: { ...ReceiptScreen.components, DeskRegistrations },
});

patch(ReceiptScreen.prototype, {
    setup() {
        super.setup(...arguments);
        this.coworkingDesk = useState({ registrations: [], printed: false });
        this.doCoworkingMarkPresent = useTrackedAsync(() => this.coworkingMarkPresent());
        onMounted(() => this.coworkingLoadRegistrations());
    },

    get coworkingShowsRegistrations() {
        return this.pos.coworkingIsDesk && this.currentOrder.eventRegistrations.length > 0;
    },

    get coworkingAllPresent() {
        const registrations = this.coworkingDesk.registrations.filter((r) => !r.revoked);
        return registrations.length > 0 && registrations.every((r) => r.state === "done");
    },

    _coworkingSynced() {
        if (typeof this.currentOrder.id === "number") {
            return true;
        }
        this.notification.add(
            _t("This order is not synced yet: try again once the desk is back online."),
            { type: "warning" }
        );
        return false;
    },

    async coworkingLoadRegistrations() {
        if (!this.coworkingShowsRegistrations || typeof this.currentOrder.id !== "number") {
            return;
        }
        try {
            this.coworkingDesk.registrations = await this.pos.coworkingOrderRegistrations(
                this.currentOrder
            );
        } catch (error) {
            // the buttons still work: the list is a help, not a condition
            console.warn("Could not load the registrations of the order", error);
        }
    },

    /** At a desk, printing the badges marks nobody present (pos_event does). */
    async printEventBadge() {
        if (!this.pos.coworkingIsDesk) {
            return await super.printEventBadge(...arguments);
        }
        if (!this._coworkingSynced()) {
            return;
        }
        await this.pos.coworkingPrintBadges(this.currentOrder);
        await this.coworkingLoadRegistrations();
        this.coworkingDesk.printed = true;
    },

    async coworkingMarkPresent() {
        if (!this._coworkingSynced()) {
            return;
        }
        this.coworkingDesk.registrations = await this.pos.coworkingMarkPresent(this.currentOrder);
    },
});
