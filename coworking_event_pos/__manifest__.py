# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Coworking Event Cashier Desk",
    "summary": "The cashier's desk in Odoo's Point of Sale: desks per event or "
    "location with their operators, workshops and items, QR search, badge "
    "print, attendance, refunds revoking access, charges to a membership",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/coworking-suite/coworking",
    "author": "Coworking Suite contributors",
    "maintainers": ["coworking-suite"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "application": False,
    "installable": True,
    "depends": [
        "coworking_event_badges",
        "coworking_billing",
        "point_of_sale",
        "pos_event",
        "pos_event_sale",
    ],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/coworking_event_pos_security.xml",
        "security/ir.model.access.csv",
        "views/pos_config_views.xml",
        "views/pos_payment_method_views.xml",
        "views/pos_order_views.xml",
        "views/pos_payment_views.xml",
        "views/report_pos_order_views.xml",
        "wizards/coworking_desk_export_views.xml",
        "views/coworking_event_pos_menus.xml",
    ],
    "demo": [
        "demo/coworking_event_pos_demo.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "coworking_event_pos/static/src/app/**/*",
        ],
        "web.assets_tests": [
            "coworking_event_pos/static/tests/tours/**/*",
        ],
    },
}
