# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Coworking Queue",
    "summary": "A virtual queue for front desks: kiosk tickets, live positions "
    "and wait ranges, an agent console and a display screen",
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
        "coworking_base",
        "bus",
        "mail",
        "website",
    ],
    "external_dependencies": {"python": ["qrcode", "xlsxwriter"]},
    "data": [
        "security/coworking_queue_security.xml",
        "security/ir.model.access.csv",
        "data/res_lang_data.xml",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "views/coworking_queue_views.xml",
        "views/coworking_queue_counter_views.xml",
        "views/coworking_queue_ticket_views.xml",
        "views/coworking_queue_menus.xml",
        "views/coworking_queue_console_views.xml",
        "wizards/coworking_queue_ticket_export_views.xml",
        "views/coworking_queue_report_views.xml",
        "templates/queue_screen_templates.xml",
        "templates/kiosk_templates.xml",
        "templates/display_templates.xml",
        "templates/ticket_templates.xml",
    ],
    "demo": [
        "demo/coworking_queue_demo.xml",
        "demo/coworking_queue_history_demo.xml",
        "demo/website_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "coworking_queue/static/src/console/**/*",
        ],
        "web.assets_frontend": [
            "coworking_queue/static/src/website/**/*",
        ],
        "web.assets_tests": [
            "coworking_queue/static/tests/tours/**/*",
        ],
    },
}
