/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { Component, onWillStart, onWillUpdateProps, useState } from "@odoo/owl";
import { usePos } from "@point_of_sale/app/store/pos_hook";
import { DeskRegistrations } from "@coworking_event_pos/app/components/desk_registrations/desk_registrations";

/**
 * What the order history shows of a desk's order: the reason of a refund,
 * and the registrations it sold (present, or revoked with the reason).
 */
export class OrderDeskInfo extends Component {
    static template = "coworking_event_pos.OrderDeskInfo";
    static components = { DeskRegistrations };
    static props = { order: Object, refreshKey: { type: Number, optional: true } };

    setup() {
        this.pos = usePos();
        this.state = useState({ registrations: [] });
        onWillStart(() => this.load(this.props));
        onWillUpdateProps((next) => {
            if (next.order !== this.props.order || next.refreshKey !== this.props.refreshKey) {
                return this.load(next);
            }
        });
    }

    get refundedOrders() {
        const names = new Set();
        for (const line of this.props.order.lines) {
            const refunded = line.refunded_orderline_id?.order_id;
            if (refunded) {
                names.add(refunded.pos_reference || refunded.name);
            }
        }
        return [...names].join(", ");
    }

    async load(props) {
        const order = props.order;
        if (!order.lines.some((line) => line.event_ticket_id)) {
            this.state.registrations = [];
            return;
        }
        try {
            this.state.registrations = await this.pos.coworkingOrderRegistrations(order);
        } catch (error) {
            console.warn("Could not load the registrations of the order", error);
            this.state.registrations = [];
        }
    }
}
