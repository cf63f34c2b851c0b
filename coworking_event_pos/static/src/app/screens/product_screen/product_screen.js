/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { patch } from "@web/core/utils/patch";
import { ProductScreen } from "@point_of_sale/app/screens/product_screen/product_screen";
import { useBarcodeReader } from "@point_of_sale/app/barcode/barcode_reader_hook";
import { ParticipantBar } from "@coworking_event_pos/app/components/participant_bar/participant_bar";

patch(ProductScreen, {
    components: { ...ProductScreen.components, ParticipantBar },
});

patch(ProductScreen.prototype, {
    setup() {
        super.setup(...arguments);
        if (this.pos.coworkingIsDesk) {
            useBarcodeReader({ coworking_credential: this._barcodeCoworkingCredentialAction });
        }
    },
    _barcodeCoworkingCredentialAction(code) {
        // not awaited: the scanner stays free while the cashier reads the answer
        this.pos.coworkingFindParticipant(code);
    },
});
