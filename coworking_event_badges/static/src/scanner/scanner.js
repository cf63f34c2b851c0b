/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { Component, onMounted, onWillStart, onWillUnmount, useRef, useState } from "@odoo/owl";
import { scanBarcode } from "@web/core/barcode/barcode_dialog";
import { isBarcodeScannerSupported } from "@web/core/barcode/barcode_video_scanner";
import { browser } from "@web/core/browser/browser";
import { deserializeDateTime } from "@web/core/l10n/dates";
import { localization } from "@web/core/l10n/localization";
import { _t } from "@web/core/l10n/translation";
import { ConnectionLostError } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { useBus, useService } from "@web/core/utils/hooks";
import { url } from "@web/core/utils/urls";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { looksLikeCode, makeNonce } from "./scanner_utils";

const MODEL = "coworking.event.scan";
// scans of this page listed under the verdict
const HISTORY_SIZE = 10;
// scans kept while the connection is lost (each resent with its nonce)
const MAX_UNSENT = 50;
const RETRY_DELAYS = [1000, 2000, 5000, 10000, 20000, 30000];
const SEARCH_DELAY = 250;
// the doors' occupancy moves with the other scanners of the event
const REFRESH_DELAY = 30000;
const STORAGE_KEY = "coworking_event_badges.scanner";

/** Whether an RPC error is a refusal of the server to show as is. */
function refusalMessage(error) {
    const name = error?.exceptionName || "";
    if (
        name.endsWith(".ScanRefused") ||
        name === "odoo.exceptions.UserError" ||
        name === "odoo.exceptions.AccessError" ||
        name === "odoo.exceptions.ValidationError"
    ) {
        return error.data?.message || error.message;
    }
    return null;
}

/**
 * The badge controller's scanner: full-screen, for a phone, a tablet or a
 * desk with a handheld scanner. Codes come from the camera (Odoo's barcode
 * dialog), from a keyboard-wedge scanner (the barcode service) or from the
 * manual search; each scan gets a nonce, kept when a lost call is sent
 * again, so that the server records it once.
 */
export class BadgeScanner extends Component {
    static template = "coworking_event_badges.Scanner";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.notification = useService("notification");
        this.cameraSupported = isBarcodeScannerSupported();
        this.searchRef = useRef("search");
        this.searchPanelRef = useRef("searchPanel");
        this.bodyRef = useRef("body");
        this.state = useState({
            data: null, // scanner_init: the events, the event and its doors, statistics
            locationId: false, // false: the entrance
            direction: "in",
            result: null, // the verdict on screen
            unsent: [], // scans without an answer yet, oldest first
            offline: false,
            sending: false,
            query: "",
            search: null, // the last search's answer: { results, more }
            searching: false,
            history: [],
        });
        this.retryTimer = null;
        this.searchTimer = null;
        this.searchSeq = 0;
        this.flushing = null;

        const barcode = useService("barcode");
        useBus(barcode.bus, "barcode_scanned", (ev) => this.onCodeScanned(ev.detail.barcode));

        this.onOnline = () => this.flush();
        onWillStart(() => this.start());
        onMounted(() => {
            browser.addEventListener("online", this.onOnline);
            this.refreshTimer = browser.setInterval(() => this.refresh(), REFRESH_DELAY);
        });
        onWillUnmount(() => {
            browser.removeEventListener("online", this.onOnline);
            browser.clearInterval(this.refreshTimer);
            browser.clearTimeout(this.retryTimer);
            browser.clearTimeout(this.searchTimer);
        });
    }

    async start() {
        const saved = this.loadChoices();
        const asked = this.props.action.context?.default_event_id || null;
        let data = await this.orm.call(MODEL, "scanner_init", [], { event_id: asked });
        if (
            !asked &&
            saved.eventId &&
            saved.eventId !== data.event?.id &&
            data.events.some((event) => event.id === saved.eventId)
        ) {
            data = await this.orm.call(MODEL, "scanner_init", [], { event_id: saved.eventId });
        }
        this.applyInit(data, saved.doors?.[data.event?.id]);
        const extension = new browser.Audio().canPlayType("audio/ogg") ? "ogg" : "mp3";
        this.sounds = {
            granted: new browser.Audio(url(`/mail/static/src/audio/ting.${extension}`)),
            refused: new browser.Audio(url(`/barcodes/static/src/audio/error.${extension}`)),
        };
    }

    // ------------------------------------------------------------------
    // The event and the door
    // ------------------------------------------------------------------

    get data() {
        return this.state.data;
    }

    get event() {
        return this.state.data?.event || null;
    }

    get statistics() {
        return this.state.data?.statistics || { scans: 0, granted: 0, refused: 0, people: 0 };
    }

    /** The doors the user scans at: the entrance (id false) and rooms. */
    get doors() {
        const event = this.event;
        if (!event) {
            return [];
        }
        const doors = event.entrance ? [{ ...event.entrance, id: false }] : [];
        return doors.concat(event.rooms);
    }

    get door() {
        return this.doors.find((door) => door.id === this.state.locationId) || null;
    }

    applyInit(data, locationId) {
        this.state.data = data;
        const doors = this.doors;
        const door =
            doors.find((candidate) => candidate.id === (locationId ?? this.state.locationId)) ||
            doors[0];
        this.state.locationId = door ? door.id : false;
    }

    async onSelectEvent(ev) {
        // give the keyboard back to a handheld scanner
        ev.target.blur();
        const eventId = parseInt(ev.target.value, 10);
        if (!eventId || eventId === this.event?.id) {
            return;
        }
        const data = await this.orm.call(MODEL, "scanner_init", [], { event_id: eventId });
        this.applyInit(data, this.loadChoices().doors?.[eventId]);
        this.state.result = null;
        this.state.search = null;
        this.state.query = "";
        this.saveChoices();
    }

    onSelectDoor(ev) {
        ev.target.blur();
        const value = ev.target.value;
        this.state.locationId = value === "entrance" ? false : parseInt(value, 10);
        this.saveChoices();
        if (this.state.query) {
            this.runSearch();
        }
    }

    /** (Not kept for the next visit: a scanner opens on entries.) */
    setDirection(direction) {
        this.state.direction = direction;
    }

    /** The door's figures, other scanners' scans included. */
    async refresh() {
        if (!this.event || this.state.sending || this.state.offline) {
            return;
        }
        try {
            const data = await this.orm.silent.call(MODEL, "scanner_init", [], {
                event_id: this.event.id,
            });
            // (not over a scan's answer, nor over another event chosen meanwhile)
            if (!this.state.sending && data.event?.id === this.event?.id) {
                this.applyInit(data);
            }
        } catch (error) {
            if (!(error instanceof ConnectionLostError) && !refusalMessage(error)) {
                throw error;
            }
        }
    }

    loadChoices() {
        try {
            return JSON.parse(browser.localStorage.getItem(`${STORAGE_KEY}.${user.userId}`)) || {};
        } catch {
            return {};
        }
    }

    /** The event and its door are kept for the next visit. */
    saveChoices() {
        const saved = this.loadChoices();
        const doors = { ...(saved.doors || {}) };
        if (this.event) {
            doors[this.event.id] = this.state.locationId;
        }
        browser.localStorage.setItem(
            `${STORAGE_KEY}.${user.userId}`,
            JSON.stringify({ eventId: this.event?.id, doors })
        );
    }

    // ------------------------------------------------------------------
    // Scanning
    // ------------------------------------------------------------------

    onCodeScanned(code) {
        code = (code || "").trim();
        if (!code || !this.event) {
            return;
        }
        if (code.length > this.data.max_code_length) {
            this.playSound("refused");
            this.notification.add(_t("This code is too long to be a badge."), {
                type: "danger",
            });
            return;
        }
        this.enqueue(code);
    }

    async onCamera() {
        let code = null;
        try {
            code = await scanBarcode(this.env, "environment");
        } catch (error) {
            this.notification.add(error?.message || _t("The camera could not be opened."), {
                type: "warning",
            });
            return;
        }
        if (code) {
            if ("vibrate" in browser.navigator) {
                browser.navigator.vibrate(100);
            }
            this.onCodeScanned(code);
        }
    }

    /** Queue a scan with a new nonce, then send what waits. */
    enqueue(code) {
        if (this.state.unsent.length >= MAX_UNSENT) {
            this.playSound("refused");
            this.notification.add(
                _t("Too many scans wait for the connection: check the network."),
                { type: "danger", sticky: true }
            );
            return;
        }
        const door = this.door;
        this.state.unsent.push({
            code,
            nonce: makeNonce(),
            eventId: this.event.id,
            locationId: door ? door.id : false,
            direction: this.state.direction,
            attempts: 0,
        });
        return this.flush();
    }

    /**
     * Send the waiting scans in order. A lost connection keeps the scan (and
     * its nonce) at the head of the queue and tries again later; the server
     * answers ``duplicate`` when an earlier try was recorded.
     */
    flush() {
        if (!this.flushing) {
            browser.clearTimeout(this.retryTimer);
            this.flushing = this._flush().finally(() => {
                this.flushing = null;
            });
        }
        return this.flushing;
    }

    async _flush() {
        this.state.sending = true;
        try {
            while (this.state.unsent.length) {
                const item = this.state.unsent[0];
                let answer;
                try {
                    answer = await this.orm.silent.call(
                        MODEL,
                        "scanner_scan",
                        [item.eventId, item.code, item.nonce],
                        { location_id: item.locationId, direction: item.direction }
                    );
                } catch (error) {
                    if (error instanceof ConnectionLostError) {
                        item.attempts++;
                        this.state.offline = true;
                        this.showVerdict();
                        const delay =
                            RETRY_DELAYS[Math.min(item.attempts, RETRY_DELAYS.length) - 1];
                        this.retryTimer = browser.setTimeout(() => this.flush(), delay);
                        return;
                    }
                    this.state.unsent.shift();
                    const message = refusalMessage(error);
                    if (!message) {
                        throw error;
                    }
                    this.playSound("refused");
                    this.notification.add(message, { type: "danger" });
                    continue;
                }
                this.state.unsent.shift();
                this.state.offline = false;
                this.applyAnswer(item, answer);
            }
            this.state.offline = false;
        } finally {
            this.state.sending = false;
        }
    }

    onRetry() {
        return this.flush();
    }

    applyAnswer(item, answer) {
        const result = answer.result;
        this.state.result = result;
        this.showVerdict();
        if (this.state.data && this.event?.id === item.eventId) {
            this.state.data.statistics = answer.statistics;
            const door = answer.door;
            const target = door.id
                ? this.event.rooms.find((room) => room.id === door.id)
                : this.event.entrance;
            if (target) {
                target.occupancy = door.occupancy;
                target.capacity = door.capacity;
            }
        }
        this.state.history.unshift({
            key: item.nonce,
            name: result.person?.name || _t("Unknown badge"),
            granted: result.granted,
            verdictLabel: result.verdict_label,
            direction: result.direction,
            door: result.door,
            time: this.formatTime(result.scanned_at),
            duplicate: result.duplicate,
        });
        this.state.history.splice(HISTORY_SIZE);
        this.playSound(result.granted ? "granted" : "refused");
        if (!result.granted && "vibrate" in browser.navigator) {
            browser.navigator.vibrate([80, 60, 80]);
        }
        if (this.state.search) {
            this.runSearch();
        }
    }

    /** In one column (a phone), scroll back up to the verdict. */
    showVerdict() {
        if (browser.innerWidth < 992) {
            this.bodyRef.el?.scrollTo({ top: 0, behavior: "smooth" });
        }
    }

    playSound(type) {
        const sound = this.sounds?.[type];
        if (!sound) {
            return;
        }
        sound.currentTime = 0;
        // a browser may refuse to play before the user touched the page
        sound.play()?.catch(() => {});
    }

    // ------------------------------------------------------------------
    // Manual search
    // ------------------------------------------------------------------

    onSearchInput(ev) {
        this.state.query = ev.target.value;
        browser.clearTimeout(this.searchTimer);
        this.searchTimer = browser.setTimeout(() => this.runSearch(), SEARCH_DELAY);
    }

    async runSearch() {
        const query = this.state.query.trim();
        const seq = ++this.searchSeq;
        if (!this.event || query.length < this.data.min_search_length) {
            this.state.search = null;
            this.state.searching = false;
            return;
        }
        this.state.searching = true;
        try {
            const answer = await this.orm.silent.call(
                MODEL,
                "scanner_search",
                [this.event.id, query],
                { location_id: this.state.locationId }
            );
            if (seq === this.searchSeq) {
                this.state.search = answer;
            }
        } catch (error) {
            if (error instanceof ConnectionLostError) {
                this.notification.add(_t("No connection: the search is not available."), {
                    type: "warning",
                });
            } else {
                const message = refusalMessage(error);
                if (!message) {
                    throw error;
                }
                this.notification.add(message, { type: "danger" });
            }
        } finally {
            if (seq === this.searchSeq) {
                this.state.searching = false;
            }
        }
    }

    /** Enter scans the one person found, or the code typed (or wedged). */
    onSearchKeydown(ev) {
        if (ev.key === "Escape") {
            this.onClearSearch();
            return;
        }
        if (ev.key !== "Enter") {
            return;
        }
        ev.preventDefault();
        const query = this.state.query.trim();
        if (looksLikeCode(query)) {
            this.onClearSearch();
            this.onCodeScanned(query);
        } else if (this.state.search?.results.length === 1 && !this.state.searching) {
            this.onPickPerson(this.state.search.results[0]);
        } else {
            browser.clearTimeout(this.searchTimer);
            this.runSearch();
        }
    }

    /** On a phone, the search and its results above the keyboard. */
    onSearchFocus() {
        if (browser.innerWidth < 768) {
            this.searchPanelRef.el?.scrollIntoView({ behavior: "smooth", block: "start" });
        }
    }

    onClearSearch() {
        browser.clearTimeout(this.searchTimer);
        this.searchSeq++;
        this.state.query = "";
        this.state.search = null;
        this.state.searching = false;
        this.searchRef.el?.focus();
    }

    onPickPerson(person) {
        // give the keyboard back to a handheld scanner
        this.searchRef.el?.blur();
        this.onCodeScanned(person.code);
    }

    // ------------------------------------------------------------------
    // Showing
    // ------------------------------------------------------------------

    get verdictClass() {
        const result = this.state.result;
        if (this.state.offline) {
            return "o_offline";
        }
        if (!result) {
            return "o_idle";
        }
        return result.granted ? "o_granted" : "o_refused";
    }

    get directionLabel() {
        return this.state.direction === "in" ? _t("Entry") : _t("Exit");
    }

    get unsentLabel() {
        return _t("Waiting to be sent: %(count)s", { count: this.state.unsent.length });
    }

    get occupancyRatio() {
        const door = this.door;
        if (!door || !door.capacity) {
            return 0;
        }
        return Math.min(100, Math.round((100 * door.occupancy) / door.capacity));
    }

    get occupancyClass() {
        const ratio = this.occupancyRatio;
        return ratio >= 100 ? "bg-danger" : ratio >= 80 ? "bg-warning" : "bg-success";
    }

    formatTime(value) {
        return value ? deserializeDateTime(value).toFormat(localization.shortTimeFormat) : "";
    }

    formatEventDates(event) {
        const begin = deserializeDateTime(event.date_begin);
        const end = deserializeDateTime(event.date_end);
        const day = localization.dateFormat;
        if (begin.hasSame(end, "day")) {
            return `${begin.toFormat(day)} ${begin.toFormat(
                localization.shortTimeFormat
            )}–${end.toFormat(localization.shortTimeFormat)}`;
        }
        return `${begin.toFormat(day)} – ${end.toFormat(day)}`;
    }

    personLine(person) {
        return [person.company, person.ticket].filter(Boolean).join(" · ");
    }

    resultLine(person) {
        const role = person.role === "participant" ? "" : person.role_label;
        return [person.company, person.tickets.join(", "), role].filter(Boolean).join(" · ");
    }

    initials(name) {
        const words = (name || "").split(/\s+/).filter((word) => /^[\p{L}\p{N}]/u.test(word));
        if (!words.length) {
            return "?";
        }
        return (words[0][0] + (words.length > 1 ? words.at(-1)[0] : "")).toUpperCase();
    }

    get alreadyRecorded() {
        return _t("Already recorded");
    }

    get entryLabel() {
        return _t("Entry");
    }

    get exitLabel() {
        return _t("Exit");
    }

    async onClose() {
        try {
            await this.actionService.restore();
        } catch {
            await this.actionService.doAction("event.action_event_view", {
                clearBreadcrumbs: true,
            });
        }
    }
}

registry.category("actions").add("coworking_event_badges.scanner", BadgeScanner);
