/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { Component, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { scanBarcode } from "@web/core/barcode/barcode_dialog";
import { isBarcodeScannerSupported } from "@web/core/barcode/barcode_video_scanner";
import { usePos } from "@point_of_sale/app/store/pos_hook";

/**
 * The desk's participant search, above the items: type a name, an email or
 * a company, or scan a personal QR code (the keyboard scanner types into the
 * field or anywhere on the screen; the camera button opens Odoo's scanner).
 */
export class ParticipantBar extends Component {
    static template = "coworking_event_pos.ParticipantBar";
    static props = {};

    setup() {
        this.pos = usePos();
        this.state = useState({ code: "", searching: false });
        this.cameraSupported = isBarcodeScannerSupported();
    }

    get partner() {
        return this.pos.get_order()?.get_partner();
    }

    get membership() {
        return this.pos.coworkingMembershipOf(this.partner);
    }

    async search() {
        const code = this.state.code.trim();
        if (!code || this.state.searching) {
            return;
        }
        this.state.searching = true;
        let result;
        try {
            result = await this.pos.coworkingSearchParticipants(code);
        } finally {
            this.state.searching = false;
        }
        if (result) {
            this.state.code = "";
            await this.pos.coworkingShowParticipants(code, result);
        }
    }

    async scanWithCamera() {
        let code;
        try {
            code = await scanBarcode(this.env);
        } catch (error) {
            this.pos.coworkingAlert(_t("Camera"), error);
            return;
        }
        if (code) {
            await this.pos.coworkingFindParticipant(code);
        }
    }

    register() {
        return this.pos.coworkingRegisterParticipant(this.state.code.trim());
    }
}
