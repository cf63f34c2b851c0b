/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { patch } from "@web/core/utils/patch";
import { PosPayment } from "@point_of_sale/app/models/pos_payment";

patch(PosPayment.prototype, {
    export_for_printing() {
        // the card terminal's reference typed at the desk, on the receipt
        return { ...super.export_for_printing(...arguments), reference: this.transaction_id || "" };
    },
});
