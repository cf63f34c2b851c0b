# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Coworking Booking Timeline",
    "summary": "A timeline of bookings per space (OCA web_timeline)",
    "version": "18.0.1.0.0",
    "category": "Services/Coworking",
    "website": "https://github.com/coworking-suite/coworking",
    "author": "Coworking Suite contributors",
    "maintainers": ["coworking-suite"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "auto_install": True,
    "depends": ["coworking_booking", "web_timeline"],
    "data": ["views/coworking_booking_views.xml"],
    "assets": {
        "web.assets_tests": [
            "coworking_booking_timeline/static/tests/tours/**/*",
        ],
    },
}
