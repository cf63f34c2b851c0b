/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { PosStore } from "@point_of_sale/app/store/pos_store";
import { makeAwaitable } from "@point_of_sale/app/store/make_awaitable_dialog";
import { ParticipantPopup } from "@coworking_event_pos/app/components/participant_popup/participant_popup";
import { errorMessage, isCredential } from "@coworking_event_pos/app/utils";

// the badge reports of pos_event, by the event's badge format
const BADGE_REPORTS = {
    "96x82": "event.action_report_event_registration_badge_96x82",
    "96x134": "event.action_report_event_registration_badge_96x134",
};
const DEFAULT_BADGE_REPORT = "event.action_report_event_registration_badge";

patch(PosStore.prototype, {
    async setup() {
        // the membership of the people the desk found, by partner id ("" for
        // none): the "Member" badge and the check of charges to a membership
        this.coworkingMemberships = {};
        // defaults of the partner form opened for a person nobody knows yet
        this.coworkingPartnerDefaults = null;
        await super.setup(...arguments);
    },

    /** A cashier's desk: the Point of Sale of an event or of a reception. */
    get coworkingIsDesk() {
        return Boolean(this.config?.coworking_is_desk);
    },

    coworkingAlert(title, error) {
        this.dialog.add(AlertDialog, { title, body: errorMessage(error) });
    },

    /**
     * The membership of ``partner`` as the desk last learnt it: its name,
     * "" for none, undefined when the desk does not know yet.
     */
    coworkingMembershipOf(partner) {
        return partner ? this.coworkingMemberships[partner.id] : undefined;
    },

    /** Ask the server whether ``partner`` is a member (by their email or name). */
    async coworkingFetchMembership(partner) {
        const known = this.coworkingMembershipOf(partner);
        if (known !== undefined || !partner) {
            return known;
        }
        const code = (partner.email || partner.name || "").trim().slice(0, 100);
        if (!code) {
            return undefined;
        }
        const result = await this.data.call("pos.config", "coworking_desk_find_participant", [
            [this.config.id],
            code,
        ]);
        this._coworkingRemember(result.participants);
        return this.coworkingMembershipOf(partner);
    },

    _coworkingRemember(participants) {
        for (const participant of participants) {
            this.coworkingMemberships[participant.id] = participant.membership || "";
        }
    },

    /**
     * Find the person at the desk by their scanned personal QR code, or by a
     * name, an email or a company typed; show who matches and make the chosen
     * one the customer of the current order.
     */
    async coworkingFindParticipant(code) {
        const result = await this.coworkingSearchParticipants(code);
        if (result) {
            return await this.coworkingShowParticipants(code, result);
        }
    },

    /** The desk's answer for ``code`` (null when refused, the cashier told why). */
    async coworkingSearchParticipants(code) {
        code = (code || "").trim();
        if (!code) {
            return null;
        }
        try {
            const result = await this.data.call("pos.config", "coworking_desk_find_participant", [
                [this.config.id],
                code,
            ]);
            this._coworkingRemember(result.participants);
            return result;
        } catch (error) {
            this.coworkingAlert(_t("Participant search"), error);
            return null;
        }
    },

    async coworkingShowParticipants(code, result) {
        const scanned = isCredential(code);
        const choice = await makeAwaitable(this.dialog, ParticipantPopup, {
            result,
            scanned,
            canRegister: !scanned || !result.found,
        });
        if (!choice) {
            return;
        }
        if (choice.register) {
            return await this.coworkingRegisterParticipant(scanned ? "" : code.trim());
        }
        return await this.coworkingSelectParticipant(choice.participant);
    },

    /** Make ``participant`` (as the desk answered it) the order's customer. */
    async coworkingSelectParticipant(participant) {
        let partner = this.models["res.partner"].get(participant.id);
        try {
            // read again: the person may have changed since the desk loaded
            const partners = await this.data.read("res.partner", [participant.id]);
            partner = partners[0] || partner;
        } catch (error) {
            if (!partner) {
                this.coworkingAlert(_t("Participant search"), error);
                return;
            }
        }
        return this.coworkingSetCustomer(partner);
    },

    coworkingSetCustomer(partner) {
        const order = this.get_order();
        if (!order || !partner) {
            return;
        }
        const current = order.get_partner();
        if (current && current.id !== partner.id && order.getHasRefundLines()) {
            this.dialog.add(AlertDialog, {
                title: _t("Can't change customer"),
                body: _t(
                    "This order refunds %s: start a new order for %s.",
                    current.name,
                    partner.name
                ),
            });
            return;
        }
        order.set_partner(partner);
        return partner;
    },

    /**
     * A person the desk does not know yet: Odoo's customer form (prefilled
     * with what was typed), then the new customer is set on the order, ready
     * to be registered by selling them a ticket.
     */
    async coworkingRegisterParticipant(typed = "") {
        const defaults = {};
        if (typed.includes("@")) {
            defaults.default_email = typed;
        } else if (typed) {
            defaults.default_name = typed;
        }
        this.coworkingPartnerDefaults = defaults;
        // editPartner reads its context before it waits for the form
        const saved = this.editPartner();
        this.coworkingPartnerDefaults = null;
        const partner = await saved;
        if (!partner) {
            return;
        }
        this.coworkingMemberships[partner.id] = "";
        if (this.coworkingSetCustomer(partner)) {
            this.notification.add(
                _t("%s is the customer: sell them a ticket to register them.", partner.name),
                { type: "success" }
            );
        }
        return partner;
    },

    editPartnerContext(partner) {
        return {
            ...super.editPartnerContext(...arguments),
            ...(this.coworkingPartnerDefaults || {}),
        };
    },

    /** The registrations of a paid order, revoked ones included. */
    async coworkingOrderRegistrations(order) {
        if (!order || typeof order.id !== "number") {
            return [];
        }
        return await this.data.call("pos.order", "coworking_desk_registrations", [[order.id]]);
    },

    /**
     * Print the badges of a paid order (with each attendee's personal QR)
     * and answer their registrations: printing marks nobody present.
     */
    async coworkingPrintBadges(order) {
        let registrations;
        try {
            registrations = await this.data.call(
                "pos.order",
                "coworking_desk_badge_registrations",
                [[order.id]]
            );
        } catch (error) {
            this.coworkingAlert(_t("Badges"), error);
            throw error;
        }
        if (!registrations.length) {
            this.notification.add(_t("This order has no badge to print."), { type: "warning" });
            return registrations;
        }
        const idsByReport = {};
        for (const { id } of registrations) {
            const format = this.models["event.registration"].get(id)?.event_id?.badge_format;
            const report = BADGE_REPORTS[format] || DEFAULT_BADGE_REPORT;
            (idsByReport[report] ||= []).push(id);
        }
        for (const [report, ids] of Object.entries(idsByReport)) {
            await this.env.services.report.doAction(report, ids);
        }
        return registrations;
    },

    /** Mark the participants of a paid order present (Odoo's "Attended"). */
    async coworkingMarkPresent(order) {
        try {
            return await this.data.call("pos.order", "coworking_desk_mark_present", [[order.id]]);
        } catch (error) {
            this.coworkingAlert(_t("Attendance"), error);
            throw error;
        }
    },
});
