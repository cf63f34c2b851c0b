/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { patch } from "@web/core/utils/patch";
import { BarcodeReader } from "@point_of_sale/app/barcode/barcode_reader_service";
import { isCredential } from "@coworking_event_pos/app/utils";

/**
 * A personal QR credential (CW1....) scanned where a desk listens for it
 * (its product screen) finds the person instead of looking for a product:
 * the nomenclature would read it as a product barcode.
 */
patch(BarcodeReader.prototype, {
    async _scan(code) {
        if (isCredential(code)) {
            const cbMaps = this.exclusiveCbMap ? [this.exclusiveCbMap] : [...this.cbMaps];
            const callbacks = cbMaps.map((cbMap) => cbMap.coworking_credential).filter(Boolean);
            if (callbacks.length) {
                for (const callback of callbacks) {
                    await callback(code.trim());
                }
                return;
            }
        }
        return await super._scan(...arguments);
    },
});
