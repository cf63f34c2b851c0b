# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Coworking IoT",
    "summary": "MQTT sensors: live occupancy of spaces, equipment usage counters, "
    "an ingestion worker that loses no acknowledged message",
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
        "maintenance",
        "bus",
        "mail",
    ],
    "external_dependencies": {"python": ["paho-mqtt"]},
    "data": [
        "security/coworking_iot_security.xml",
        "security/ir.model.access.csv",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/coworking_iot_device_views.xml",
        "views/coworking_iot_reading_views.xml",
        "views/coworking_iot_reading_hourly_views.xml",
        "views/coworking_iot_space_hourly_views.xml",
        "views/coworking_iot_drop_views.xml",
        "views/coworking_space_views.xml",
        "views/coworking_equipment_views.xml",
        "views/res_config_settings_views.xml",
        "views/coworking_iot_menus.xml",
    ],
    "demo": [
        "demo/coworking_iot_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "coworking_iot/static/src/occupancy/**/*",
        ],
        "web.assets_tests": [
            "coworking_iot/static/tests/tours/**/*",
        ],
    },
}
