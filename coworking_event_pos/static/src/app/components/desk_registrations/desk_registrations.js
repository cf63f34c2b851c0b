/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { Component } from "@odoo/owl";

/**
 * Registrations as the desk shows them (the summaries answered by the
 * server): the ticket, paid or not, present, or revoked with the reason.
 */
export class DeskRegistrations extends Component {
    static template = "coworking_event_pos.DeskRegistrations";
    static props = {
        registrations: Array,
        showEvent: { type: Boolean, optional: true },
        emptyText: { type: String, optional: true },
    };
    static defaultProps = { showEvent: false, emptyText: "" };
}
