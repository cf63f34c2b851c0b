# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Coworking AI",
    "summary": "Demand forecasting, recommendations, bounded dynamic pricing, "
    "predictive maintenance and an assistant, on the operator's own server",
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
        "coworking_membership",
        "coworking_iot",
        "maintenance",
        "mail",
    ],
    "external_dependencies": {
        "python": ["scikit-learn", "holidays", "skops", "dateparser"],
    },
    "data": [
        "security/coworking_ai_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "views/coworking_ai_model_views.xml",
        "views/coworking_ai_demand_views.xml",
        "views/coworking_ai_menus.xml",
        "views/res_config_settings_views.xml",
        "views/product_pricelist_item_views.xml",
        "views/coworking_booking_pricing_views.xml",
        "views/templates_pricing.xml",
        "views/coworking_ai_space_usage_views.xml",
        "views/templates_recommendation.xml",
        "data/ir_cron_maintenance.xml",
        "views/coworking_equipment_maintenance_views.xml",
        "data/coworking_ai_assistant_data.xml",
        "data/ir_cron_assistant.xml",
        "views/coworking_ai_assistant_views.xml",
        "views/templates_assistant.xml",
    ],
    "demo": [
        "demo/coworking_ai_demo.xml",
        "demo/product_pricelist_item_demo.xml",
        "demo/coworking_ai_maintenance_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "coworking_ai/static/src/js/coworking_ai_pricing.js",
            "coworking_ai/static/src/js/coworking_ai_assistant.js",
            "coworking_ai/static/src/scss/coworking_ai_assistant.scss",
        ],
        "web.assets_tests": [
            "coworking_ai/static/tests/tours/**/*",
        ],
    },
}
