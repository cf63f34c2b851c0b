/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { _t } from "@web/core/l10n/translation";
import { RPCError } from "@web/core/network/rpc";
import { makeAwaitable } from "@point_of_sale/app/store/make_awaitable_dialog";
import { TextInputPopup } from "@point_of_sale/app/utils/input_popups/text_input_popup";

// a personal QR credential of coworking_base reads CW1.<body>.<signature>
export const CREDENTIAL_PREFIX = "CW1.";
// the limits of coworking_event_pos/tools/bounds.py
export const MAX_REASON_LENGTH = 500;
export const MAX_REFERENCE_LENGTH = 64;
export const MAX_SEARCH_RESULTS = 20;

export function isCredential(code) {
    return typeof code === "string" && code.trim().startsWith(CREDENTIAL_PREFIX);
}

/** What a person reads of a failed call: the server's refusal, else the error. */
export function errorMessage(error) {
    if (error instanceof RPCError) {
        return error.data?.message || error.message;
    }
    return error?.message || String(error);
}

/**
 * Ask a text that may not be empty (a refund reason, a terminal's reference)
 * until one is typed or the cashier discards: the text, trimmed, or null.
 */
export async function askRequiredText(
    { dialog, notification },
    { title, placeholder = "", startingValue = "", maxLength, emptyMessage }
) {
    let value = startingValue;
    for (;;) {
        const answer = await makeAwaitable(dialog, TextInputPopup, {
            title,
            placeholder,
            startingValue: value,
        });
        if (answer === undefined || answer === null) {
            return null;
        }
        value = answer.trim();
        if (!value) {
            notification.add(emptyMessage, { type: "danger" });
            continue;
        }
        if (maxLength && value.length > maxLength) {
            notification.add(_t("Type at most %s characters.", maxLength), { type: "danger" });
            continue;
        }
        return value;
    }
}
