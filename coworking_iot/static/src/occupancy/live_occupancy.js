/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { Component, onMounted, onWillStart, onWillUnmount, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { deserializeDateTime } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { OccupancyCard, occupancyLevel } from "./occupancy_card";

const SPACE_MODEL = "coworking.space";
const BUS_TYPE = "coworking_iot/occupancy";
// how long a card stays highlighted after a change
const FLASH_DELAY = 2500;
// the "2 min ago" move on without a reload
const TICK_DELAY = 30000;
// sensors going offline send nothing: the board is read again now and then
const REFRESH_DELAY = 5 * 60000;
// a burst of unknown spaces (a sensor just added) reloads once
const RELOAD_DELAY = 500;

/**
 * The live occupancy board: the spaces with sensors of the user's companies,
 * grouped by location. It reads the board once (``iot_live_occupancy_data``)
 * and then updates each card as the ingestion's bus notifications arrive.
 */
export class LiveOccupancy extends Component {
    static template = "coworking_iot.LiveOccupancy";
    static components = { Layout, OccupancyCard };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.busService = useService("bus_service");
        this.state = useState({
            spaces: [],
            // space id: "up" or "down", while its card is highlighted
            flash: {},
            now: Date.now(),
            connected: this.busService.workerState !== "DISCONNECTED",
        });
        // spaces notified but not on the board (a company not selected)
        this.unknownSpaces = new Set();
        this.clockOffset = 0;
        this.flashTimers = new Map();
        this.reloadTimer = null;
        this.onBusMessage = (payload) => this.onNotification(payload);
        this.onWorkerState = ({ detail }) => {
            this.state.connected = detail === "CONNECTED";
        };
        this.onReconnect = () => this.reload();

        onWillStart(() => this.load());
        onMounted(() => {
            this.busService.subscribe(BUS_TYPE, this.onBusMessage);
            this.busService.addEventListener("worker_state_updated", this.onWorkerState);
            this.busService.addEventListener("reconnect", this.onReconnect);
            // the server subscribes the staff to their companies' occupancy
            this.busService.start();
            this.ticker = setInterval(() => this.tick(), TICK_DELAY);
            this.refresher = setInterval(() => this.reload(), REFRESH_DELAY);
        });
        onWillUnmount(() => {
            clearInterval(this.ticker);
            clearInterval(this.refresher);
            clearTimeout(this.reloadTimer);
            for (const timer of this.flashTimers.values()) {
                clearTimeout(timer);
            }
            this.busService.unsubscribe(BUS_TYPE, this.onBusMessage);
            this.busService.removeEventListener("worker_state_updated", this.onWorkerState);
            this.busService.removeEventListener("reconnect", this.onReconnect);
        });
    }

    // ------------------------------------------------------------------
    // Data
    // ------------------------------------------------------------------

    async load(silent = false) {
        const orm = silent ? this.orm.silent : this.orm;
        const data = await orm.call(SPACE_MODEL, "iot_live_occupancy_data", []);
        this.clockOffset = deserializeDateTime(data.now).toMillis() - Date.now();
        this.state.spaces = data.spaces;
        for (const space of data.spaces) {
            this.unknownSpaces.delete(space.id);
        }
        this.tick();
    }

    reload() {
        clearTimeout(this.reloadTimer);
        this.reloadTimer = null;
        return this.load(true);
    }

    tick() {
        this.state.now = Date.now() + this.clockOffset;
    }

    onNotification(payload) {
        const space = this.state.spaces.find((s) => s.id === payload.space_id);
        if (!space) {
            // a space whose first sensor was just added: read the board again,
            // once (a space of a company not selected stays off the board)
            if (!this.unknownSpaces.has(payload.space_id)) {
                this.unknownSpaces.add(payload.space_id);
                if (!this.reloadTimer) {
                    this.reloadTimer = setTimeout(() => this.reload(), RELOAD_DELAY);
                }
            }
            return;
        }
        if (space.measured_at && payload.measured_at < space.measured_at) {
            // replayed by the bus on connecting: the board read newer figures
            return;
        }
        const before = space.people_now;
        Object.assign(space, {
            people_now: payload.people_now,
            occupancy_rate: payload.occupancy_rate,
            measured_at: payload.measured_at,
        });
        this.tick();
        if (payload.people_now !== before) {
            this.flash(space.id, payload.people_now > before ? "up" : "down");
        }
    }

    /** Highlight a card for a moment; a new change makes the moment longer. */
    flash(spaceId, direction) {
        clearTimeout(this.flashTimers.get(spaceId));
        this.state.flash[spaceId] = direction;
        this.flashTimers.set(
            spaceId,
            setTimeout(() => {
                delete this.state.flash[spaceId];
                this.flashTimers.delete(spaceId);
            }, FLASH_DELAY)
        );
    }

    // ------------------------------------------------------------------
    // Showing
    // ------------------------------------------------------------------

    /** The spaces by location, in the order the server gave them, with
     * each location's totals. */
    get locations() {
        const locations = new Map();
        for (const space of this.state.spaces) {
            const key = space.location_id || 0;
            if (!locations.has(key)) {
                locations.set(key, {
                    id: key,
                    name: space.location || _t("No location"),
                    spaces: [],
                    people: 0,
                    capacity: 0,
                    offline: 0,
                });
            }
            const location = locations.get(key);
            location.spaces.push(space);
            location.people += space.people_now;
            location.capacity += space.capacity;
            location.offline += space.offline;
        }
        for (const location of locations.values()) {
            location.rate = location.capacity
                ? (100 * location.people) / location.capacity
                : 0;
        }
        return [...locations.values()];
    }

    get totals() {
        const people = this.state.spaces.reduce((sum, s) => sum + s.people_now, 0);
        const capacity = this.state.spaces.reduce((sum, s) => sum + s.capacity, 0);
        return { people, capacity };
    }

    levelClass(rate) {
        return `text-bg-${occupancyLevel(rate)}`;
    }

    formatRate(rate) {
        return `${Math.round(rate)} %`;
    }

    peopleOf(count, capacity) {
        return _t("%(people)s / %(capacity)s people", { people: count, capacity });
    }

    offlineText(count) {
        return count === 1
            ? _t("1 sensor offline")
            : _t("%(count)s sensors offline", { count });
    }

    // ------------------------------------------------------------------
    // Buttons
    // ------------------------------------------------------------------

    onOpenSpace(space) {
        return this.action.doAction({
            type: "ir.actions.act_window",
            res_model: SPACE_MODEL,
            res_id: space.id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    onOpenSensors() {
        return this.action.doAction("coworking_iot.coworking_iot_device_action");
    }

    onRefresh() {
        return this.reload();
    }
}

registry.category("actions").add("coworking_iot.live_occupancy", LiveOccupancy);
