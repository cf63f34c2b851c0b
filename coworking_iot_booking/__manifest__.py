# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Coworking IoT: Presence for Bookings",
    "summary": "The sensors of a room check its booking in and flag the people "
    "who stay after its end",
    "version": "18.0.1.0.0",
    "category": "Services/Coworking",
    "website": "https://github.com/coworking-suite/coworking",
    "author": "Coworking Suite contributors",
    "maintainers": ["coworking-suite"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "auto_install": True,
    "depends": ["coworking_iot", "coworking_booking"],
    "data": [
        "data/ir_config_parameter_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/coworking_booking_views.xml",
        "views/res_config_settings_views.xml",
    ],
}
