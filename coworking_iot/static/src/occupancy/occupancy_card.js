/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { Component } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { deserializeDateTime, formatDateTime } from "@web/core/l10n/dates";

const KIND_ICONS = {
    meeting_room: "fa-users",
    private_office: "fa-briefcase",
    hot_desk: "fa-laptop",
    dedicated_desk: "fa-desktop",
    lounge: "fa-coffee",
};

/** Bootstrap colour of an occupancy rate: green under 60 %, orange under
 * 90 %, red from 90 %. */
export function occupancyLevel(rate) {
    if (rate >= 90) {
        return "danger";
    }
    return rate >= 60 ? "warning" : "success";
}

/** One space of the live board; a click opens the space. */
export class OccupancyCard extends Component {
    static template = "coworking_iot.OccupancyCard";
    static props = {
        space: Object,
        // the server's clock, in milliseconds
        now: Number,
        // "up" or "down" while the card is highlighted after a change
        flash: { type: String, optional: true },
        onOpen: Function,
    };

    get space() {
        return this.props.space;
    }

    get level() {
        return occupancyLevel(this.space.occupancy_rate);
    }

    get barWidth() {
        return Math.min(Math.max(this.space.occupancy_rate, 0), 100);
    }

    get kindIcon() {
        return KIND_ICONS[this.space.kind_code] || "fa-building-o";
    }

    get roundedRate() {
        return Math.round(this.space.occupancy_rate);
    }

    get rateText() {
        return `${this.roundedRate} %`;
    }

    get sensorsText() {
        const count = this.space.sensors;
        return count === 1 ? _t("1 sensor") : _t("%(count)s sensors", { count });
    }

    get offlineText() {
        const count = this.space.offline;
        return count === 1 ? _t("1 offline") : _t("%(count)s offline", { count });
    }

    get neverSeenText() {
        const count = this.space.never_seen;
        if (count === this.space.sensors) {
            return _t("Never seen");
        }
        return count === 1 ? _t("1 never seen") : _t("%(count)s never seen", { count });
    }

    get measuredTitle() {
        const value = this.space.measured_at;
        return value ? formatDateTime(deserializeDateTime(value)) : "";
    }

    /** "2 min ago", from the server's clock. */
    get measuredText() {
        const value = this.space.measured_at;
        if (!value) {
            return _t("No reading yet");
        }
        const measured = deserializeDateTime(value);
        const minutes = Math.floor((this.props.now - measured.toMillis()) / 60000);
        if (minutes < 1) {
            return _t("Just now");
        }
        if (minutes < 60) {
            return _t("%(minutes)s min ago", { minutes });
        }
        if (minutes < 24 * 60) {
            return _t("%(hours)s h ago", { hours: Math.floor(minutes / 60) });
        }
        return formatDateTime(measured);
    }

    get ariaLabel() {
        return _t("%(space)s: %(people)s people of %(capacity)s", {
            space: this.space.name,
            people: this.space.people_now,
            capacity: this.space.capacity,
        });
    }

    onKeydown(ev) {
        if (ev.key === "Enter" || ev.key === " ") {
            ev.preventDefault();
            this.props.onOpen(this.space);
        }
    }
}
