/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

// a registration barcode (digits) or a personal credential (CW1.body.signature)
const CODE_RE = /^(?:[0-9]{6,32}|CW1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/**
 * A nonce for one scan (the server records a nonce once): a UUID where the
 * browser has one (secure contexts), else 32 random hexadecimal digits.
 *
 * @returns {string} 8 to 64 characters of [A-Za-z0-9_-]
 */
export function makeNonce() {
    const crypto = globalThis.crypto;
    if (crypto?.randomUUID) {
        return crypto.randomUUID();
    }
    const bytes = new Uint8Array(16);
    if (crypto?.getRandomValues) {
        crypto.getRandomValues(bytes);
    } else {
        for (let i = 0; i < bytes.length; i++) {
            bytes[i] = Math.floor(Math.random() * 256);
        }
    }
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * Whether a text typed (or sent by a keyboard-wedge scanner) in the search
 * box is a badge's code rather than a name.
 *
 * @param {string} text
 * @returns {boolean}
 */
export function looksLikeCode(text) {
    return CODE_RE.test((text || "").trim());
}
