/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { patch } from "@web/core/utils/patch";
import { EventRegistrationPopup } from "@pos_event/app/popup/event_registration_popup/event_registration_popup";

patch(EventRegistrationPopup.prototype, {
    setup() {
        super.setup(...arguments);
        this.coworkingPrefill();
    },

    /**
     * The attendee is the order's customer unless the cashier types another
     * person: their name, email, phone and company answer the event's
     * questions of those kinds.
     */
    coworkingPrefill() {
        const partner = this.pos.get_order()?.get_partner();
        if (!partner) {
            return;
        }
        const answers = {
            name: partner.name,
            email: partner.email,
            phone: partner.phone || partner.mobile,
            company: partner.parent_name,
        };
        const fill = (questions, values) => {
            for (const question of questions) {
                const answer = answers[question.question_type];
                if (answer && !values[question.id]) {
                    values[question.id] = answer;
                }
            }
        };
        for (const registration of this.state.byRegistration) {
            fill(this.questionsByRegistration, registration.questions);
        }
        fill(this.questionsOncePerOrder, this.state.byOrder);
    },
});
