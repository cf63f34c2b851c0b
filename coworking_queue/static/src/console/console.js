/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { Component, onMounted, onWillStart, onWillUnmount, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { deserializeDateTime } from "@web/core/l10n/dates";
import { localization } from "@web/core/l10n/localization";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { ConsoleTransferDialog } from "./transfer_dialog";

const COUNTER_MODEL = "coworking.queue.counter";
const BUS_TYPES = ["coworking_queue/queue", "coworking_queue/display"];
// a burst of bus messages (one per queue and location) reloads once
const RELOAD_DELAY = 250;
// the waiting times shown move on without a reload
const TICK_DELAY = 20000;

/**
 * The agent console: the agent picks a counter, opens it, calls and serves
 * the visitors of its services. Every button is one call answering the
 * whole screen (``console_data``); a bus message about the counter's queues
 * or location reloads the screen with one call.
 */
export class QueueConsole extends Component {
    static template = "coworking_queue.Console";
    static components = { Layout };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.busService = useService("bus_service");
        this.notification = useService("notification");
        this.dialog = useService("dialog");
        this.state = useState({ data: null, busy: false, picking: false, tick: 0 });
        this.isMounted = false;
        this.channels = new Set();
        this.clockOffset = 0;
        this.reloadTimer = null;
        this.loading = null;
        this.reloadAgain = false;
        this.onBusMessage = (payload) => this.onNotification(payload);

        onWillStart(async () => {
            const counterId = this.props.action.context?.counter_id || null;
            this.applyData(await this.orm.call(COUNTER_MODEL, "console_data", [], {
                counter_id: counterId,
            }));
        });
        onMounted(() => {
            for (const type of BUS_TYPES) {
                this.busService.subscribe(type, this.onBusMessage);
            }
            this.isMounted = true;
            this.syncChannels();
            this.ticker = setInterval(() => this.state.tick++, TICK_DELAY);
        });
        onWillUnmount(() => {
            clearInterval(this.ticker);
            clearTimeout(this.reloadTimer);
            for (const type of BUS_TYPES) {
                this.busService.unsubscribe(type, this.onBusMessage);
            }
            for (const channel of this.channels) {
                this.busService.deleteChannel(channel);
            }
            this.channels.clear();
        });
    }

    // ------------------------------------------------------------------
    // Data
    // ------------------------------------------------------------------

    get data() {
        return this.state.data;
    }

    get counter() {
        return this.state.data.counter;
    }

    get ticket() {
        return this.state.data.ticket;
    }

    applyData(data) {
        this.clockOffset = deserializeDateTime(data.now).toMillis() - Date.now();
        this.state.data = data;
        if (data.message) {
            this.notification.add(data.message, { type: "info" });
        }
        if (this.isMounted) {
            this.syncChannels();
        }
    }

    /** Listen to the channels of what is on the screen, and only those. */
    syncChannels() {
        if (!this.state.data) {
            return;
        }
        const wanted = new Set(this.state.data.channels);
        for (const channel of [...this.channels]) {
            if (!wanted.has(channel)) {
                this.busService.deleteChannel(channel);
                this.channels.delete(channel);
            }
        }
        for (const channel of wanted) {
            if (!this.channels.has(channel)) {
                this.busService.addChannel(channel);
                this.channels.add(channel);
            }
        }
    }

    onNotification(payload) {
        const data = this.state.data;
        if (!data) {
            return;
        }
        const counter = data.counter;
        const concerned = counter
            ? counter.services.some((s) => s.id === payload.queue_id) ||
              counter.location_id === payload.location_id
            : payload.location_id !== undefined;
        if (concerned) {
            clearTimeout(this.reloadTimer);
            this.reloadTimer = setTimeout(() => this.reload(), RELOAD_DELAY);
        }
    }

    /** Reload the screen (one call); a reload asked meanwhile runs after. */
    async reload() {
        if (this.loading) {
            this.reloadAgain = true;
            return this.loading;
        }
        this.loading = this.orm.silent
            .call(COUNTER_MODEL, "console_data", [], {
                counter_id: this.counter?.id || null,
            })
            .then((data) => {
                if (!this.state.busy) {
                    this.applyData(data);
                }
            })
            .catch((error) => this.showRefusal(error))
            .finally(() => {
                this.loading = null;
                if (this.reloadAgain) {
                    this.reloadAgain = false;
                    this.reload();
                }
            });
        return this.loading;
    }

    /** Run a console entry point; its answer is the new screen. */
    async run(method, args = [], kwargs = {}, ids = null) {
        if (this.state.busy) {
            return;
        }
        this.state.busy = true;
        try {
            const data = await this.orm.call(
                COUNTER_MODEL,
                method,
                [ids || [this.counter.id], ...args],
                kwargs
            );
            this.applyData(data);
        } catch (error) {
            if (!this.showRefusal(error)) {
                throw error;
            }
            this.state.busy = false;
            await this.reload();
        } finally {
            this.state.busy = false;
        }
    }

    /** A refusal of the server as a notification; false for other errors. */
    showRefusal(error) {
        const name = error?.exceptionName || "";
        if (
            name.endsWith(".QueueRefused") ||
            name === "odoo.exceptions.UserError" ||
            name === "odoo.exceptions.AccessError" ||
            name === "odoo.exceptions.ValidationError"
        ) {
            this.notification.add(error.data.message, { type: "danger" });
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------
    // Buttons
    // ------------------------------------------------------------------

    async onOpenCounter(counter) {
        if (counter.mine && counter.id === this.counter?.id) {
            this.state.picking = false;
            return;
        }
        await this.run("console_open", [], {}, [counter.id]);
        this.state.picking = false;
    }

    onChangeCounter() {
        this.state.picking = true;
    }

    get showPicker() {
        return !this.counter || this.state.picking;
    }

    onCallNext() {
        return this.run("console_call_next");
    }

    onTicketAction(method) {
        return this.run(method, [this.ticket.id]);
    }

    onPause() {
        return this.run("console_pause");
    }

    onResume() {
        return this.run("console_resume");
    }

    onClose() {
        return this.run("console_close");
    }

    onTransfer() {
        const ticket = this.ticket;
        this.dialog.add(ConsoleTransferDialog, {
            ticket,
            queues: this.data.transfer.queues,
            counters: this.data.transfer.counters,
            onTransfer: ({ queueId, counterId }) =>
                this.run("console_transfer", [ticket.id], {
                    queue_id: queueId || null,
                    counter_id: counterId || null,
                }),
        });
    }

    // ------------------------------------------------------------------
    // Showing
    // ------------------------------------------------------------------

    get isMine() {
        return this.counter?.mine;
    }

    get closeTitle() {
        return this.ticket ? _t("Finish or transfer the ticket first.") : "";
    }

    get canCallNext() {
        return this.isMine && this.counter.state === "open" && !this.ticket;
    }

    isTicketState(...states) {
        return this.isMine && this.ticket && states.includes(this.ticket.state);
    }

    /** Minutes from a UTC datetime string to now (server's clock). */
    minutesSince(value) {
        void this.state.tick;
        if (!value) {
            return 0;
        }
        const since = deserializeDateTime(value).toMillis();
        return Math.max(0, Math.floor((Date.now() + this.clockOffset - since) / 60000));
    }

    formatTime(value) {
        return value ? deserializeDateTime(value).toFormat(localization.shortTimeFormat) : "";
    }

    heldBy(agent) {
        return _t("Held by %(agent)s", { agent });
    }

    takenAt(value) {
        return _t("(taken at %(time)s)", { time: this.formatTime(value) });
    }

    ago(value) {
        const minutes = this.minutesSince(value);
        if (minutes < 1) {
            return _t("Just now");
        }
        return _t("%(duration)s ago", { duration: this.formatDuration(minutes) });
    }

    recalled(count) {
        return _t("Recalled ×%(count)s", { count });
    }

    get moreWaiting() {
        return _t("And %(count)s more.", {
            count: this.data.waiting_count - this.data.waiting.length,
        });
    }

    formatMinutes(minutes) {
        if (minutes === null || minutes === undefined) {
            return "—";
        }
        return _t("%(minutes)s min", { minutes: Math.round(minutes * 10) / 10 });
    }

    formatDuration(minutes) {
        if (minutes < 60) {
            return _t("%(minutes)s min", { minutes });
        }
        return _t("%(hours)s h %(minutes)s", {
            hours: Math.floor(minutes / 60),
            minutes: String(minutes % 60).padStart(2, "0"),
        });
    }

    formatRange(wait) {
        const [low, high] = wait;
        return _t("%(low)s–%(high)s min", { low, high });
    }

    typeBadgeClass(type) {
        return (
            {
                vip: "text-bg-warning",
                express: "text-bg-info",
                appointment: "text-bg-dark",
            }[type] || "text-bg-light border"
        );
    }

    counterBadgeClass(state) {
        return { open: "text-bg-success", paused: "text-bg-warning" }[state] || "text-bg-secondary";
    }

    ticketBadgeClass(state) {
        return state === "serving" ? "text-bg-success" : "text-bg-primary";
    }
}

registry.category("actions").add("coworking_queue.console", QueueConsole);
