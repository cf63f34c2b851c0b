/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { TicketScreen } from "@point_of_sale/app/screens/ticket_screen/ticket_screen";
import { useTrackedAsync } from "@point_of_sale/app/utils/hooks";
import { OrderDeskInfo } from "@coworking_event_pos/app/screens/ticket_screen/order_desk_info";
import { MAX_REASON_LENGTH, askRequiredText } from "@coworking_event_pos/app/utils";

patch(TicketScreen, {
    components: { ...TicketScreen.components, OrderDeskInfo },
});

patch(TicketScreen.prototype, {
    setup() {
        super.setup(...arguments);
        this.doCoworkingBadges = useTrackedAsync((order) => this.coworkingBadgesAndPresence(order));
        this.coworkingRefundReason = null;
        this.coworkingDeskState = useState({ infoKey: 0 });
    },

    coworkingHasTickets(order) {
        return Boolean(order?.lines.some((line) => line.event_ticket_id));
    },

    /** Reprint the badges of a paid order, and mark its participants present. */
    async coworkingBadgesAndPresence(order) {
        if (typeof order?.id !== "number") {
            return;
        }
        const printed = await this.pos.coworkingPrintBadges(order);
        if (!printed.length) {
            return;
        }
        await this.pos.coworkingMarkPresent(order);
        this.pos.notification.add(_t("Badges printed, participants marked present."), {
            type: "success",
        });
        // the order's registrations shown beside it are read again
        this.coworkingDeskState.infoKey++;
    },

    /** A refund at a desk says why: the reason revokes the tickets refunded. */
    async onDoRefund() {
        if (!this.pos.coworkingIsDesk) {
            return await super.onDoRefund(...arguments);
        }
        const order = this.getSelectedOrder();
        if (order && this._doesOrderHaveSoleItem(order) && !this._prepareAutoRefundOnOrder(order)) {
            return;
        }
        if (!order || !this.getHasItemsToRefund()) {
            return await super.onDoRefund(...arguments);
        }
        const reason = await askRequiredText(this.pos, {
            title: _t("Why is %s refunded?", order.pos_reference || order.name),
            placeholder: _t("e.g. the workshop is full, cancelled by the participant"),
            maxLength: MAX_REASON_LENGTH,
            emptyMessage: _t("A refund at the desk needs its reason."),
        });
        if (!reason) {
            return;
        }
        this.coworkingRefundReason = reason;
        try {
            return await super.onDoRefund(...arguments);
        } finally {
            this.coworkingRefundReason = null;
        }
    },

    async addAdditionalRefundInfo(order, destinationOrder) {
        await super.addAdditionalRefundInfo(...arguments);
        const reason = this.coworkingRefundReason;
        if (!reason) {
            return;
        }
        const previous = (destinationOrder.coworking_refund_reason || "").trim();
        destinationOrder.update({
            coworking_refund_reason:
                previous && previous !== reason
                    ? `${previous}; ${reason}`.slice(0, MAX_REASON_LENGTH)
                    : reason,
        });
    },
});
