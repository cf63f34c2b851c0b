# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Coworking Membership",
    "summary": "Membership plans, lifecycle, credit hours and member pricing, "
    "carried by recurring subscriptions",
    "version": "18.0.1.0.0",
    "category": "Services/Coworking",
    "website": "https://github.com/coworking-suite/coworking",
    "author": "Coworking Suite contributors",
    "maintainers": ["coworking-suite"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "application": False,
    "installable": True,
    "depends": [
        "coworking_booking",
        "subscription_oca",
    ],
    "data": [
        "security/coworking_membership_security.xml",
        "security/ir.model.access.csv",
        "data/coworking_space_kind_data.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "views/coworking_space_kind_views.xml",
        "views/coworking_membership_plan_views.xml",
        "views/coworking_membership_credit_views.xml",
        "views/coworking_membership_views.xml",
        "views/coworking_booking_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/product_template_views.xml",
        "wizards/coworking_membership_change_plan_views.xml",
        "views/coworking_membership_menus.xml",
        "templates/portal_templates.xml",
        "templates/website_templates.xml",
    ],
    "demo": [
        "demo/coworking_membership_plan_demo.xml",
        "demo/coworking_membership_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "coworking_membership/static/src/scss/coworking_membership_portal.scss",
        ],
        "web.assets_tests": [
            "coworking_membership/static/tests/tours/**/*",
        ],
    },
}
