/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { registry } from "@web/core/registry";

// A badge read by a keyboard-wedge scanner: keys typed fast, then Enter,
// caught by Odoo's barcode service.
function wedgeScan(code) {
    for (const key of [...code, "Enter"]) {
        document.body.dispatchEvent(
            new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true })
        );
    }
}

// The answer to the next scan is lost: the request reaches the server (the
// scan is recorded), the page sees a network error. Returns the undo.
function loseNextScanAnswer() {
    const proto = XMLHttpRequest.prototype;
    const { open, send } = proto;
    let lost = false;
    proto.open = function (method, url, ...args) {
        this.coworkingUrl = String(url);
        return open.call(this, method, url, ...args);
    };
    proto.send = function (body) {
        if (lost || !this.coworkingUrl.includes("/coworking.event.scan/scanner_scan")) {
            return send.call(this, body);
        }
        lost = true;
        fetch(this.coworkingUrl, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body,
        }).then(() => this.dispatchEvent(new ProgressEvent("error")));
    };
    return () => Object.assign(proto, { open, send });
}

let restoreNetwork = () => {};

// Started by coworking_event_badges/tests/test_scanner_ui.py: a badge
// controller finds Alice by name and lets her in, sees her refused when she
// is scanned again, reads an unknown badge with a handheld scanner, then
// lets Alice out while the connection drops: the scan is sent again with
// its nonce and recorded once.
registry.category("web_tour.tours").add("coworking_event_scanner_tour", {
    steps: () => [
        {
            content: "The scanner is ready at the entrance",
            trigger: ".o_cw_scanner_verdict.o_idle:contains(Ready to scan)",
        },
        {
            trigger: ".o_cw_scanner_ready_text:contains(Entry · Entrance)",
        },
        {
            content: "The badge cannot be read: search the person by name",
            trigger: ".o_cw_scanner_search_input",
            run: "edit Alice",
        },
        {
            content: "Tap Alice to check her in",
            trigger:
                ".o_cw_scanner_search_result:contains(Alice Pass):not(:has(.o_cw_scanner_inside))",
            run: "click",
        },
        {
            content: "Granted, with her name",
            trigger: ".o_cw_scanner_verdict.o_granted .o_cw_scanner_person:contains(Alice Pass)",
        },
        {
            trigger: ".o_cw_scanner_stat_granted:contains(1)",
        },
        {
            trigger: ".o_cw_scanner_occupancy_count:contains(1)",
        },
        {
            content: "Scanned again: she is already inside",
            trigger: ".o_cw_scanner_search_result:contains(Alice Pass):has(.o_cw_scanner_inside)",
            run: "click",
        },
        {
            trigger:
                ".o_cw_scanner_verdict.o_refused .o_cw_scanner_reason:contains(Already Inside)",
        },
        {
            trigger: ".o_cw_scanner_verdict.o_refused .o_cw_scanner_person:contains(Alice Pass)",
        },
        {
            content: "A handheld scanner reads a badge nobody holds",
            trigger: ".o_cw_scanner_stat_refused:contains(1)",
            run() {
                wedgeScan("999999999999");
            },
        },
        {
            content: "Refused: unknown badge",
            trigger: ".o_cw_scanner_verdict.o_refused .o_cw_scanner_reason:contains(Unknown QR)",
        },
        {
            trigger: ".o_cw_scanner_stat_scans:contains(3)",
        },
        {
            content: "Alice leaves: switch to exits",
            trigger: ".o_cw_scanner_exit",
            run: "click",
        },
        {
            content: "The connection drops while Alice is scanned out",
            trigger: ".o_cw_scanner_exit.active",
            run() {
                restoreNetwork = loseNextScanAnswer();
            },
        },
        {
            trigger: ".o_cw_scanner_search_result:contains(Alice Pass)",
            run: "click",
        },
        {
            content: "The answer is lost: the scan waits to be sent again",
            trigger: ".o_cw_scanner_verdict.o_offline:contains(Connection lost)",
        },
        {
            content: "Sent again with the same nonce: already recorded",
            trigger: ".o_cw_scanner_verdict.o_granted .o_cw_scanner_duplicate",
            run() {
                restoreNetwork();
            },
        },
        {
            content: "Granted: goodbye",
            trigger:
                ".o_cw_scanner_verdict.o_granted .o_cw_scanner_message:contains(Goodbye, Alice Pass)",
        },
        {
            content: "Four scans on this screen, newest first",
            trigger: ".o_cw_scanner_history_line:nth-child(4).o_granted",
        },
        {
            trigger: ".o_cw_scanner_occupancy_count:contains(0)",
        },
    ],
});
