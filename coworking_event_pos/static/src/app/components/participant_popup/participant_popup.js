/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { Component } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { Dialog } from "@web/core/dialog/dialog";
import { DeskRegistrations } from "@coworking_event_pos/app/components/desk_registrations/desk_registrations";
import { MAX_SEARCH_RESULTS } from "@coworking_event_pos/app/utils";

/**
 * The people the desk found for a scanned QR code or a typed name, email or
 * company: their membership and their registrations in the desk's event.
 * Answers ``{participant}`` for the one chosen, ``{register: true}`` to
 * register a new person.
 */
export class ParticipantPopup extends Component {
    static template = "coworking_event_pos.ParticipantPopup";
    static components = { Dialog, DeskRegistrations };
    static props = {
        result: Object,
        scanned: { type: Boolean, optional: true },
        canRegister: { type: Boolean, optional: true },
        getPayload: Function,
        close: Function,
    };

    get title() {
        const count = this.props.result.participants.length;
        if (!count) {
            return _t("Nobody found");
        }
        if (count === 1) {
            return _t("Participant found");
        }
        return this.truncated ? _t("%s or more people found", count) : _t("%s people found", count);
    }

    get truncated() {
        // the server answers at most MAX_SEARCH_RESULTS people
        return this.props.result.participants.length >= MAX_SEARCH_RESULTS;
    }

    get messageClass() {
        return this.props.result.found ? "alert-info" : "alert-warning";
    }

    choose(participant) {
        this.props.getPayload({ participant });
        this.props.close();
    }

    register() {
        this.props.getPayload({ register: true });
        this.props.close();
    }
}
