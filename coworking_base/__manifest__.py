# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Coworking Base",
    "summary": "Locations, spaces, equipment, amenities and member credentials "
    "for coworking operators",
    "version": "18.0.1.0.0",
    "category": "Services/Coworking",
    "website": "https://github.com/coworking-suite/coworking",
    "author": "Coworking Suite contributors",
    "maintainers": ["coworking-suite"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "application": True,
    "installable": True,
    "depends": [
        "mail",
        "product",
        "resource",
        "maintenance",
    ],
    "external_dependencies": {"python": ["jsonschema", "qrcode"]},
    "data": [
        "security/coworking_base_security.xml",
        "security/ir.model.access.csv",
        "views/coworking_amenity_views.xml",
        "views/coworking_space_image_views.xml",
        "views/coworking_space_views.xml",
        "views/coworking_equipment_views.xml",
        "views/coworking_location_views.xml",
        "views/coworking_credential_views.xml",
        "views/res_partner_views.xml",
        "views/coworking_menus.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/coworking_amenity_demo.xml",
        "demo/resource_calendar_demo.xml",
        "demo/coworking_location_demo.xml",
        "demo/coworking_space_demo.xml",
        "demo/coworking_equipment_demo.xml",
        "demo/coworking_image_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "coworking_base/static/src/scss/coworking_base.scss",
        ],
        "web.assets_tests": [
            "coworking_base/static/tests/tours/**/*",
        ],
    },
}
