/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { floatIsZero } from "@web/core/utils/numbers";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { PaymentScreen } from "@point_of_sale/app/screens/payment_screen/payment_screen";
import {
    MAX_REASON_LENGTH,
    MAX_REFERENCE_LENGTH,
    askRequiredText,
    errorMessage,
} from "@coworking_event_pos/app/utils";

patch(PaymentScreen.prototype, {
    async addNewPaymentLine(paymentMethod) {
        if (!paymentMethod.coworking_membership_charge) {
            return await super.addNewPaymentLine(...arguments);
        }
        const refusal = await this.coworkingMembershipRefusal(paymentMethod, { adding: true });
        if (refusal) {
            this.coworkingRefuse(_t("Charge to the membership"), refusal);
            return false;
        }
        // Odoo's advice for "pay later" methods (invoice the order) does not
        // hold here: the member's monthly invoice bills the charge. It is
        // given before the method's first wait, so it is silenced just for
        // that call.
        const notification = this.notification;
        this.notification = { ...notification, add: () => {} };
        let added;
        try {
            added = super.addNewPaymentLine(...arguments);
        } finally {
            this.notification = notification;
        }
        return await added;
    },

    coworkingRefuse(title, body) {
        this.dialog.add(AlertDialog, { title, body });
    },

    /**
     * Why the order may not be charged to the membership, or "": the
     * customer must be a member, and the membership pays the whole order.
     */
    async coworkingMembershipRefusal(paymentMethod, { adding = false } = {}) {
        const order = this.currentOrder;
        const partner = order.get_partner();
        if (!partner) {
            return _t(
                "Choose the member first: a charge to the membership needs the customer (scan their badge or find them by name)."
            );
        }
        const others = this.paymentLines.filter(
            (line) =>
                line.payment_method_id.id !== paymentMethod.id &&
                !floatIsZero(line.get_amount(), this.pos.currency.decimal_places)
        );
        if (others.length) {
            return _t(
                "Charge the whole order to the membership, or pay it all at the desk: remove the other payments first."
            );
        }
        if (
            !adding &&
            !floatIsZero(
                this.paymentLines
                    .filter((line) => line.payment_method_id.id === paymentMethod.id)
                    .reduce((total, line) => total + line.get_amount(), 0) -
                    order.get_total_with_tax(),
                this.pos.currency.decimal_places
            )
        ) {
            return _t(
                "The membership is charged the whole order, %s.",
                this.env.utils.formatCurrency(order.get_total_with_tax())
            );
        }
        let membership;
        try {
            membership = await this.pos.coworkingFetchMembership(partner);
        } catch (error) {
            // the server checks the membership again when the order is synced
            console.warn("Could not check the membership:", errorMessage(error));
            return "";
        }
        if (membership === "") {
            return _t("%s has no active membership to charge today.", partner.name);
        }
        return "";
    },

    async _isOrderValid(isForceValidate) {
        if (!(await super._isOrderValid(...arguments))) {
            return false;
        }
        if (!this.pos.coworkingIsDesk) {
            return true;
        }
        const membershipMethod = this.paymentLines.find(
            (line) => line.payment_method_id.coworking_membership_charge
        )?.payment_method_id;
        if (membershipMethod) {
            const refusal = await this.coworkingMembershipRefusal(membershipMethod);
            if (refusal) {
                this.coworkingRefuse(_t("Charge to the membership"), refusal);
                return false;
            }
        }
        if (!(await this.coworkingEnsureRefundReason())) {
            return false;
        }
        return await this.coworkingAskReferences();
    },

    /** A refund at a desk says why (the server refuses one without reason). */
    async coworkingEnsureRefundReason() {
        const order = this.currentOrder;
        if (!order.getHasRefundLines() || (order.coworking_refund_reason || "").trim()) {
            return true;
        }
        const reason = await askRequiredText(this, {
            title: _t("Why is this order refunded?"),
            placeholder: _t("e.g. the workshop is full, cancelled by the participant"),
            maxLength: MAX_REASON_LENGTH,
            emptyMessage: _t("A refund at the desk needs its reason."),
        });
        if (!reason) {
            return false;
        }
        order.update({ coworking_refund_reason: reason });
        return true;
    },

    /**
     * A card terminal not connected to Odoo: the cashier types the reference
     * printed on its receipt, kept on the payment (its transaction id).
     */
    async coworkingAskReferences() {
        for (const line of this.paymentLines) {
            if (
                !line.payment_method_id.coworking_ask_reference ||
                (line.transaction_id || "").trim() ||
                floatIsZero(line.get_amount(), this.pos.currency.decimal_places)
            ) {
                continue;
            }
            const reference = await askRequiredText(this, {
                title: _t("%(method)s: reference of the terminal's receipt for %(amount)s", {
                    method: line.payment_method_id.name,
                    amount: this.env.utils.formatCurrency(line.get_amount()),
                }),
                placeholder: _t("The reference printed on the card terminal's receipt"),
                maxLength: MAX_REFERENCE_LENGTH,
                emptyMessage: _t("Type the reference printed by the card terminal."),
            });
            if (!reference) {
                return false;
            }
            line.update({ transaction_id: reference });
        }
        return true;
    },
});
