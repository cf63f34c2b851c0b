/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { Component } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { _t } from "@web/core/l10n/translation";

/**
 * Where to send the visitor at the counter: another service of the
 * location (a new ticket there) or another counter of the same service.
 */
export class ConsoleTransferDialog extends Component {
    static template = "coworking_queue.ConsoleTransferDialog";
    static components = { Dialog };
    static props = {
        ticket: Object,
        queues: Array,
        counters: Array,
        onTransfer: Function,
        close: Function,
    };

    get title() {
        return _t("Transfer %(ticket)s", { ticket: this.props.ticket.name });
    }

    get countersTitle() {
        return _t("To another counter of %(service)s", { service: this.props.ticket.service });
    }

    waitingLabel(count) {
        return _t("%(count)s waiting", { count });
    }

    async choose(target) {
        this.props.close();
        await this.props.onTransfer(target);
    }

    counterBadgeClass(state) {
        return { open: "text-bg-success", paused: "text-bg-warning" }[state] || "text-bg-secondary";
    }
}
