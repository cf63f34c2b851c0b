# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Coworking Billing",
    "summary": "The monthly run: one invoice per member or team and month, "
    "receipts, online payment, reminders, revenue reporting",
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
        "coworking_membership",
        "account_payment",
        "event_sale",
    ],
    "data": [
        "security/coworking_billing_security.xml",
        "security/ir.model.access.csv",
        "data/ir_config_parameter_data.xml",
        "report/coworking_receipt_report.xml",
        "report/coworking_receipt_templates.xml",
        "data/mail_template_data.xml",
        "data/coworking_billing_reminder_step_data.xml",
        "data/ir_cron_data.xml",
        "views/coworking_usage_views.xml",
        "views/coworking_billing_run_views.xml",
        "views/coworking_billing_reminder_step_views.xml",
        "views/coworking_revenue_report_views.xml",
        "views/account_move_views.xml",
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
        "views/coworking_billing_menus.xml",
        "templates/portal_templates.xml",
    ],
    "demo": [
        "demo/product_demo.xml",
        "demo/coworking_billing_run_demo.xml",
        "demo/coworking_usage_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "coworking_billing/static/tests/tours/**/*",
        ],
    },
}
