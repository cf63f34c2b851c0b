# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Coworking Event Badges",
    "summary": "Professional events in the coworking space: roles per event, one "
    "QR per person, access to the event, paid workshops and rooms, door scans "
    "with verdicts, exhibitor leads, session Q&A and announcements",
    "version": "18.0.1.0.0",
    "category": "Marketing/Events",
    "website": "https://github.com/coworking-suite/coworking",
    "author": "Coworking Suite contributors",
    "maintainers": ["coworking-suite"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "application": False,
    "installable": True,
    "post_init_hook": "post_init_hook",
    "depends": [
        "coworking_base",
        "bus",
        "event",
        "event_sale",
        "website_event",
        "website_event_track",
        "website_event_exhibitor",
    ],
    "external_dependencies": {"python": ["qrcode", "xlsxwriter"]},
    "data": [
        "security/coworking_event_badges_security.xml",
        "security/ir.model.access.csv",
        "data/mail_template_data.xml",
        "views/coworking_event_role_views.xml",
        "views/coworking_event_scan_views.xml",
        "views/coworking_event_lead_views.xml",
        "views/coworking_event_question_views.xml",
        "views/coworking_event_announcement_views.xml",
        "views/coworking_event_staff_slot_views.xml",
        "views/event_track_location_views.xml",
        "views/event_track_views.xml",
        "views/event_event_ticket_views.xml",
        "views/event_registration_views.xml",
        "views/event_sponsor_views.xml",
        "views/event_event_views.xml",
        "views/coworking_event_attendance_report_views.xml",
        "views/coworking_event_scanner_views.xml",
        "views/coworking_event_badges_menus.xml",
        "report/event_badge_templates.xml",
        "report/event_badge_reports.xml",
        "templates/track_question_templates.xml",
        "templates/portal_templates.xml",
    ],
    "demo": [
        "demo/coworking_event_badges_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "coworking_event_badges/static/src/scanner/**/*",
        ],
        "web.assets_frontend": [
            "coworking_event_badges/static/src/website/**/*",
        ],
        "web.assets_tests": [
            "coworking_event_badges/static/tests/tours/**/*",
        ],
    },
}
