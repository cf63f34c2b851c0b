/** @odoo-module **/
/* Copyright 2026 Coworking Suite contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

import publicWidget from "@web/legacy/js/public/public_widget";
import {browser} from "@web/core/browser/browser";
import {BarcodeDialog} from "@web/core/barcode/barcode_dialog";
import {isBarcodeScannerSupported} from "@web/core/barcode/barcode_video_scanner";

/**
 * Briefly highlight an element whose content just changed.
 *
 * @param {HTMLElement} el
 */
function flash(el) {
    el.classList.remove("o_queue_flash");
    // restart the animation
    void el.offsetWidth;
    el.classList.add("o_queue_flash");
}

/**
 * The kiosk: back to the start after a ticket is shown or when a visitor
 * walks away mid-way, the member scan field kept ready for a USB scanner
 * (or the camera), and the ticket form sent once.
 */
publicWidget.registry.CoworkingQueueKiosk = publicWidget.Widget.extend({
    selector: ".o_queue_kiosk",
    events: {
        "submit form.o_queue_take": "_onTakeSubmit",
        "click .o_queue_scan_camera": "_onCameraClick",
        pointerdown: "_onActivity",
        keydown: "_onActivity",
    },

    start() {
        const dataset = this.el.dataset;
        this.homeUrl = dataset.homeUrl;
        this.idleSeconds = parseInt(dataset.idleSeconds || "0", 10);
        const returnSeconds = parseInt(dataset.returnSeconds || "0", 10);
        if (dataset.step === "ticket" && returnSeconds) {
            this._countDown(returnSeconds);
        } else if (dataset.step !== "services" || this.el.querySelector(".o_queue_member_banner")) {
            this._armIdle();
        }
        this.scanInput = this.el.querySelector(".o_queue_scan_input");
        if (this.scanInput) {
            this._keepScanFocus = this._keepScanFocus.bind(this);
            this.scanInput.addEventListener("blur", this._keepScanFocus);
            this.scanInput.focus();
            const camera = this.el.querySelector(".o_queue_scan_camera");
            if (camera && isBarcodeScannerSupported()) {
                camera.classList.remove("d-none");
            }
        }
        return this._super(...arguments);
    },

    destroy() {
        browser.clearTimeout(this.idleTimer);
        browser.clearInterval(this.countdownTimer);
        browser.clearTimeout(this.focusTimer);
        browser.clearTimeout(this.retryTimer);
        if (this.scanInput) {
            this.scanInput.removeEventListener("blur", this._keepScanFocus);
        }
        this._super(...arguments);
    },

    _goHome() {
        browser.location.assign(this.homeUrl);
    },

    _armIdle() {
        if (!this.idleSeconds) {
            return;
        }
        browser.clearTimeout(this.idleTimer);
        this.idleTimer = browser.setTimeout(() => this._goHome(), this.idleSeconds * 1000);
    },

    _countDown(seconds) {
        const counter = this.el.querySelector(".o_queue_countdown");
        let left = seconds;
        if (counter) {
            counter.textContent = String(left);
        }
        this.countdownTimer = browser.setInterval(() => {
            left -= 1;
            if (counter) {
                counter.textContent = String(Math.max(left, 0));
            }
            if (left <= 0) {
                browser.clearInterval(this.countdownTimer);
                this._goHome();
            }
        }, 1000);
    },

    /**
     * A USB scanner types into the focused field: keep the scan field
     * focused unless the visitor is using another field.
     */
    _keepScanFocus() {
        browser.clearTimeout(this.focusTimer);
        this.focusTimer = browser.setTimeout(() => {
            const active = document.activeElement;
            if (
                this.scanInput &&
                (!active || active === document.body || !this.el.contains(active))
            ) {
                this.scanInput.focus({preventScroll: true});
            }
        }, 300);
    },

    _onActivity() {
        if (this.idleTimer) {
            this._armIdle();
        }
    },

    _onTakeSubmit(ev) {
        const form = ev.currentTarget;
        if (form.dataset.sent) {
            // the key makes a second send harmless; do not even try
            ev.preventDefault();
            return;
        }
        form.dataset.sent = "1";
        const button = form.querySelector(".o_queue_take_button");
        if (button) {
            button.classList.add("disabled");
            button.setAttribute("aria-busy", "true");
        }
        // no answer (network down): let the visitor send the same key again
        this.retryTimer = browser.setTimeout(() => {
            delete form.dataset.sent;
            if (button) {
                button.classList.remove("disabled");
                button.removeAttribute("aria-busy");
            }
        }, 10000);
    },

    _onCameraClick() {
        const dialog = this.bindService("dialog");
        dialog.add(BarcodeDialog, {
            facingMode: "user",
            onResult: (token) => {
                if (token && this.scanInput) {
                    this.scanInput.value = token;
                    this.scanInput.form.requestSubmit();
                }
            },
            onError: () => this.scanInput && this.scanInput.focus(),
        });
    },
});

/**
 * The visitor's ticket page: its place and wait follow the queue over the
 * bus; a small status poll covers a silent bus, and a change of state
 * (called, cancelled, transferred…) reloads the page.
 */
publicWidget.registry.CoworkingQueueTicket = publicWidget.Widget.extend({
    selector: ".o_queue_ticket_page",

    start() {
        const dataset = this.el.dataset;
        this.ticketId = parseInt(dataset.ticketId, 10);
        this.ticketName = dataset.ticketName;
        this.state = dataset.state;
        this.statusUrl = dataset.statusUrl;
        this.waitPattern = dataset.waitPattern || "%(low)s–%(high)s";
        if (["waiting", "called", "serving"].includes(this.state)) {
            this.busService = this.bindService("bus_service");
            this._onQueue = this._onQueue.bind(this);
            this.busService.subscribe("coworking_queue/queue", this._onQueue);
            this.busService.addChannel(dataset.channel);
            const seconds = parseInt(dataset.pollSeconds || "30", 10);
            this.pollTimer = browser.setInterval(() => this._poll(), seconds * 1000);
        }
        return this._super(...arguments);
    },

    destroy() {
        browser.clearInterval(this.pollTimer);
        if (this.busService) {
            this.busService.unsubscribe("coworking_queue/queue", this._onQueue);
            this.busService.deleteChannel(this.el.dataset.channel);
        }
        this._super(...arguments);
    },

    /**
     * @param {Object} payload the queue's waiting list
     */
    _onQueue(payload) {
        if (`coworking_queue.queue.${payload.queue_id}` !== this.el.dataset.channel) {
            return;
        }
        const mine = (payload.waiting || []).find((entry) => entry.name === this.ticketName);
        if (this.state === "waiting" && mine) {
            this._show(mine.position, mine.wait, "bus");
        } else {
            // no longer waiting, or waiting again: the server tells how
            this._poll();
        }
    },

    async _poll() {
        // a bus message applied while this poll was on its way is newer
        const shown = this.shownCount || 0;
        let status;
        try {
            const response = await browser.fetch(this.statusUrl, {
                headers: {Accept: "application/json"},
            });
            if (!response.ok) {
                return;
            }
            status = await response.json();
        } catch {
            // offline for now: the next poll tries again
            return;
        }
        if (status.id !== this.ticketId || status.state !== this.state) {
            browser.location.assign(status.url);
            return;
        }
        if (status.state === "waiting" && (this.shownCount || 0) === shown) {
            this._show(status.position, status.wait, "poll");
        }
    },

    _show(position, wait, source) {
        const positionEl = this.el.querySelector(".o_queue_position");
        const waitEl = this.el.querySelector(".o_queue_wait");
        const waitText = this.waitPattern
            .replace("%(low)s", String(wait[0]))
            .replace("%(high)s", String(wait[1]));
        if (positionEl && positionEl.textContent.trim() !== String(position)) {
            positionEl.textContent = String(position);
            flash(positionEl);
        }
        if (waitEl && waitEl.textContent.trim() !== waitText) {
            waitEl.textContent = waitText;
            flash(waitEl);
        }
        this.el.dataset.position = String(position);
        this.el.dataset.liveSource = source;
        this.shownCount = (this.shownCount || 0) + 1;
    },
});

/**
 * The display screen: the board is fetched again, in the screen's
 * language, when the bus tells that a ticket moved (and every minute
 * without news); a new call is announced big, with an optional chime.
 */
publicWidget.registry.CoworkingQueueDisplay = publicWidget.Widget.extend({
    selector: ".o_queue_display",

    start() {
        const dataset = this.el.dataset;
        this.boardUrl = dataset.boardUrl;
        this.busService = this.bindService("bus_service");
        this._onDisplay = this._onDisplay.bind(this);
        this.busService.subscribe("coworking_queue/display", this._onDisplay);
        this.busService.addChannel(dataset.channel);
        const seconds = parseInt(dataset.pollSeconds || "60", 10);
        this.pollTimer = browser.setInterval(() => this._refresh("poll"), seconds * 1000);
        this._tick();
        this.clockTimer = browser.setInterval(() => this._tick(), 10000);
        return this._super(...arguments);
    },

    destroy() {
        browser.clearInterval(this.pollTimer);
        browser.clearInterval(this.clockTimer);
        browser.clearTimeout(this.refreshTimer);
        browser.clearTimeout(this.bannerTimer);
        this.busService.unsubscribe("coworking_queue/display", this._onDisplay);
        this.busService.deleteChannel(this.el.dataset.channel);
        this._super(...arguments);
    },

    _tick() {
        const clock = this.el.querySelector(".o_queue_clock");
        if (clock) {
            const lang = document.documentElement.lang || undefined;
            const options = {
                hour: "2-digit",
                minute: "2-digit",
                hourCycle: "h23",
                timeZone: clock.dataset.tz,
            };
            let text;
            try {
                text = new Date().toLocaleTimeString(lang, options);
            } catch {
                // a language or zone the browser does not know
                text = new Date().toLocaleTimeString([], {hour: "2-digit", minute: "2-digit"});
            }
            clock.textContent = text;
        }
    },

    /**
     * @param {Object} payload the location's counters and last calls
     */
    _onDisplay(payload) {
        if (`coworking_queue.location.${payload.location_id}` !== this.el.dataset.channel) {
            return;
        }
        // several moves in a row: one fetch
        browser.clearTimeout(this.refreshTimer);
        this.refreshTimer = browser.setTimeout(() => this._refresh("bus"), 200);
    },

    async _refresh(source) {
        let html;
        try {
            const response = await browser.fetch(this.boardUrl);
            if (!response.ok) {
                return;
            }
            html = await response.text();
        } catch {
            return;
        }
        const holder = this.el.querySelector(".o_queue_board_holder");
        const previous = holder.querySelector(".o_queue_board");
        const before = {};
        for (const row of holder.querySelectorAll(".o_queue_counter_row")) {
            before[row.dataset.counterId] = row.dataset.ticket;
        }
        const previousLatest = previous ? previous.dataset.latest : "";
        holder.innerHTML = html;
        const board = holder.querySelector(".o_queue_board");
        for (const row of holder.querySelectorAll(".o_queue_counter_row.o_queue_ticket_called")) {
            if (row.dataset.ticket && before[row.dataset.counterId] !== row.dataset.ticket) {
                flash(row);
            }
        }
        if (board && board.dataset.latest && board.dataset.latest !== previousLatest) {
            this._announce(board.querySelector(".o_queue_board_latest"));
        }
        this.el.dataset.liveSource = source;
    },

    _announce(latest) {
        const banner = this.el.querySelector(".o_queue_display_banner");
        if (!banner || !latest) {
            return;
        }
        banner.replaceChildren(...[...latest.children].map((child) => child.cloneNode(true)));
        banner.classList.remove("o_queue_banner_show");
        void banner.offsetWidth;
        banner.classList.add("o_queue_banner_show");
        browser.clearTimeout(this.bannerTimer);
        this.bannerTimer = browser.setTimeout(
            () => banner.classList.remove("o_queue_banner_show"),
            8000
        );
        if (this.el.dataset.chime) {
            this._chime();
        }
    },

    /**
     * Two soft notes (the browser must allow sound without a click, as a
     * kiosk-mode browser does).
     */
    _chime() {
        const AudioContext = browser.AudioContext || browser.webkitAudioContext;
        if (!AudioContext) {
            return;
        }
        try {
            this.audio = this.audio || new AudioContext();
            const start = this.audio.currentTime;
            [660, 880].forEach((frequency, index) => {
                const oscillator = this.audio.createOscillator();
                const gain = this.audio.createGain();
                oscillator.frequency.value = frequency;
                gain.gain.setValueAtTime(0.0001, start + index * 0.35);
                gain.gain.exponentialRampToValueAtTime(0.3, start + index * 0.35 + 0.03);
                gain.gain.exponentialRampToValueAtTime(0.0001, start + index * 0.35 + 0.6);
                oscillator.connect(gain).connect(this.audio.destination);
                oscillator.start(start + index * 0.35);
                oscillator.stop(start + index * 0.35 + 0.65);
            });
        } catch {
            // no sound: the banner is enough
        }
    },
});

export default {
    CoworkingQueueKiosk: publicWidget.registry.CoworkingQueueKiosk,
    CoworkingQueueTicket: publicWidget.registry.CoworkingQueueTicket,
    CoworkingQueueDisplay: publicWidget.registry.CoworkingQueueDisplay,
};
