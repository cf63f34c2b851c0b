/** @odoo-module **/
// Copyright 2026 Coworking Suite contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("coworking_base_tour", {
    url: "/odoo/action-coworking_base.coworking_space_action",
    steps: () => [
        {
            content: "The spaces are listed",
            trigger: ".o_breadcrumb .active:contains(Spaces)",
        },
        {
            content: "Create a space",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=name] input",
            run: "edit Tour Focus Room",
        },
        {
            trigger: ".o_field_widget[name=kind] input[data-value=private_office]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=location_id] input",
            run: "edit Tour Location",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu a:contains(Tour Location)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=capacity] input",
            run: "edit 3",
        },
        {
            content: "Save the space",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            content: "Go to the members",
            trigger: 'button[data-menu-xmlid="coworking_base.coworking_menu_members"]',
            run: "click",
        },
        {
            trigger:
                'a[data-menu-xmlid="coworking_base.res_partner_menu_coworking_member"]',
            run: "click",
        },
        {
            trigger: ".o_breadcrumb .active:contains(Members)",
        },
        {
            trigger: ".o_kanban_record:contains(Tour Member)",
            run: "click",
        },
        {
            trigger: ".o_notebook a.nav-link:contains(Coworking)",
            run: "click",
        },
        {
            content: "Issue the member's credential",
            trigger: "button[name=action_coworking_issue_credential].btn-primary",
            run: "click",
        },
        {
            content: "The QR code is shown",
            trigger: ".o_field_widget[name=coworking_qr_image] img",
        },
    ],
});
