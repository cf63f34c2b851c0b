# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io
from datetime import datetime, timedelta

import openpyxl

from odoo import http
from odoo.tests import BaseCase, HttpCase, new_test_user, tagged
from odoo.tools.image import image_data_uri

from ..tools import bounds
from ..tools.leads_xlsx import COLUMNS, leads_xlsx
from .common import EventBadgesCommon, nonce

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = [
    "Date (Europe/Paris)",
    "Name",
    "Company",
    "Job Position",
    "Email",
    "Phone",
    "Note",
    "Scanned By",
]


class PortalEventCommon(HttpCase, EventBadgesCommon):
    """Portal people of the test event (in Paris time): a participant with
    a VIP pass and the workshop, exhibitors of two booths of the event and
    one of the other event, visits scanned at the booths, announcements
    for every audience."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.event.date_tz = "Europe/Paris"

        def portal_user(login, name):
            return new_test_user(
                cls.env,
                login=login,
                groups="base.group_portal",
                name=name,
                email=f"{login}@t.example",
            )

        cls.paula = portal_user("cw_ev_paula", "Paula Participant")
        cls.paula_vip = cls._register(cls.paula.partner_id, cls.vip_ticket)
        cls.paula_workshop = cls._register(cls.paula.partner_id, cls.workshop_ticket)
        cls.exa = portal_user("cw_ev_exa", "Exhibitor Of Booth A")
        cls.exc = portal_user("cw_ev_exc", "Exhibitor Of Booth C")
        cls.exb = portal_user("cw_ev_exb", "Exhibitor Of Booth B")
        cls.nobody = portal_user("cw_ev_nobody", "Portal Nobody")
        Partner = cls.env["res.partner"]
        Sponsor = cls.env["event.sponsor"]
        cls.booth_a = Sponsor.create(
            {
                "event_id": cls.event.id,
                "partner_id": Partner.create({"name": "Booth A Inc"}).id,
            }
        )
        cls.booth_c = Sponsor.create(
            {
                "event_id": cls.event.id,
                "partner_id": Partner.create({"name": "Booth C Ltd"}).id,
            }
        )
        cls.booth_b = Sponsor.create(
            {
                "event_id": cls.other_event.id,
                "partner_id": Partner.create({"name": "Booth B SA"}).id,
            }
        )
        cls.env["coworking.event.role"].create(
            [
                {
                    "event_id": sponsor.event_id.id,
                    "user_id": user.id,
                    "role": "exhibitor",
                    "sponsor_id": sponsor.id,
                }
                for user, sponsor in (
                    (cls.exa, cls.booth_a),
                    (cls.exc, cls.booth_c),
                    (cls.exb, cls.booth_b),
                )
            ]
        )
        alice_corp = Partner.create({"name": "Alice Corp", "is_company": True})
        cls.alice.write(
            {"parent_id": alice_corp.id, "function": "CTO", "phone": "+33 1 23"}
        )
        Lead = cls.env["coworking.event.lead"]
        cls.lead_alice, _dup = Lead.with_user(cls.exa)._coworking_booth_scan(
            cls.booth_a, cls.token(cls.alice), nonce(), note="Wants a demo"
        )
        cls.lead_bob, _dup = Lead.with_user(cls.exa)._coworking_booth_scan(
            cls.booth_a, cls.token(cls.bob), nonce()
        )
        cls.lead_dave, _dup = Lead.with_user(cls.exc)._coworking_booth_scan(
            cls.booth_c, cls.token(cls.dave), nonce(), note="Booth C secret"
        )
        (cls.lead_alice | cls.lead_bob | cls.lead_dave).invalidate_recordset()
        # a known time for the export: 09:30 UTC, 10:30 in Paris in winter
        cls.lead_alice.sudo().scanned_at = datetime(2026, 1, 15, 9, 30)
        Announcement = cls.env["coworking.event.announcement"]
        now = datetime.now().replace(microsecond=0)

        def announce(event, name, audience, age_hours, state="published"):
            return Announcement.create(
                {
                    "event_id": event.id,
                    "name": name,
                    "body": f"<p>Body of {name}</p>",
                    "audience": audience,
                    "state": state,
                    "published_date": now - timedelta(hours=age_hours)
                    if state == "published"
                    else False,
                }
            )

        cls.to_all = announce(cls.event, "Doors open at eight", "all", 5)
        cls.to_exhibitors = announce(cls.event, "Booth set-up", "exhibitors", 4)
        cls.to_participants = announce(cls.event, "Lunch upstairs", "participants", 1)
        cls.draft = announce(cls.event, "Draft news", "all", 0, state="draft")
        cls.elsewhere = announce(cls.other_event, "Other fair news", "all", 2)

    def login(self, user):
        self.authenticate(user.login, user.login)

    def get(self, url):
        return self.url_open(url, allow_redirects=False)

    def post(self, url, csrf=True, **data):
        if csrf:
            data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data)


@tagged("post_install", "-at_install")
class TestEventPortal(PortalEventCommon):
    # ------------------------------------------------------------------
    # Home and list
    # ------------------------------------------------------------------

    def counter(self, user):
        self.login(user)
        return self.make_jsonrpc_request(
            "/my/counters", {"counters": ["coworking_event_count"]}
        )["coworking_event_count"]

    def test_home_counts_the_events_the_person_takes_part_in(self):
        self.assertEqual(self.counter(self.paula), 1)
        self.assertEqual(self.counter(self.exb), 1)
        self.assertEqual(self.counter(self.nobody), 0)
        self.assertIn(
            'data-placeholder_count="coworking_event_count"', self.get("/my").text
        )

    def test_list_shows_the_events_of_registrations_and_roles_only(self):
        self.login(self.paula)
        page = self.get("/my/events").text
        self.assertIn("Test Summit", page)
        self.assertNotIn("Other Fair", page)
        self.assertIn('data-role="participant"', page)
        self.login(self.exb)
        page = self.get("/my/events").text
        self.assertIn("Other Fair", page)
        self.assertNotIn("Test Summit", page)
        self.assertIn('data-role="exhibitor"', page)

    def test_list_filters_past_events(self):
        self.login(self.paula)
        self.assertNotIn("Test Summit", self.get("/my/events?filterby=past").text)
        self.assertIn("Test Summit", self.get("/my/events?filterby=upcoming").text)

    # ------------------------------------------------------------------
    # One event
    # ------------------------------------------------------------------

    def test_event_page_shows_registrations_qr_and_badge(self):
        self.login(self.paula)
        response = self.get(f"/my/events/{self.event.id}")
        self.assertEqual(response.status_code, 200)
        page = response.text
        for expected in ("VIP", "Workshop Now", "Test Lounge", "Test Lab"):
            self.assertIn(expected, page)
        self.assertIn(image_data_uri(self.paula_vip.coworking_qr_image), page)
        self.assertIn(f"/my/events/{self.event.id}/badge/{self.paula_vip.id}", page)
        self.assertNotIn("/booth", page, "no booth link for a participant")

    def test_event_page_of_an_event_of_others_is_404(self):
        self.login(self.paula)
        for url in (
            f"/my/events/{self.other_event.id}",
            "/my/events/999999999",
            "/my/events/99999999999999999999",
            "/my/events/abc",
            "/my/events/1e3",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.get(url).status_code, 404)

    def test_visitors_are_asked_to_log_in(self):
        response = self.get(f"/my/events/{self.event.id}")
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])

    def test_announcements_follow_the_audiences_newest_first(self):
        self.login(self.paula)
        page = self.get(f"/my/events/{self.event.id}").text
        self.assertIn("Doors open at eight", page)
        self.assertIn("Lunch upstairs", page)
        self.assertLess(page.index("Lunch upstairs"), page.index("Doors open at eight"))
        for hidden in ("Booth set-up", "Draft news", "Other fair news"):
            self.assertNotIn(hidden, page)
        self.login(self.exa)
        page = self.get(f"/my/events/{self.event.id}").text
        self.assertLess(page.index("Booth set-up"), page.index("Doors open at eight"))
        self.assertNotIn("Lunch upstairs", page)
        self.assertIn(f"/my/events/{self.event.id}/booth", page)

    def test_badge_download_is_a_pdf_of_ones_own_registration(self):
        self.login(self.paula)
        response = self.get(f"/my/events/{self.event.id}/badge/{self.paula_vip.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn("attachment", response.headers["Content-Disposition"])
        self.assertIn(".pdf", response.headers["Content-Disposition"])
        # the test server renders reports as HTML (no wkhtmltopdf)
        self.assertIn("Paula Participant", response.text)

    def test_badge_of_another_persons_registration_is_404(self):
        self.login(self.paula)
        for url in (
            f"/my/events/{self.event.id}/badge/{self.alice_reg.id}",
            f"/my/events/{self.other_event.id}/badge/{self.paula_vip.id}",
            f"/my/events/{self.event.id}/badge/999999999",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.get(url).status_code, 404)

    # ------------------------------------------------------------------
    # Booth
    # ------------------------------------------------------------------

    def test_booth_page_shows_own_visits_and_statistics(self):
        self.login(self.exa)
        response = self.get(f"/my/events/{self.event.id}/booth")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("Alice Pass", page)
        self.assertIn("Bob Workshop", page)
        self.assertIn("Wants a demo", page)
        self.assertNotIn("Dave Vip", page)
        self.assertNotIn("Booth C secret", page)
        self.assertRegex(page, r'o_coworking_booth_total"[^>]*>2<')
        self.assertRegex(page, r'o_coworking_booth_visitors"[^>]*>2<')
        self.login(self.exc)
        page = self.get(f"/my/events/{self.event.id}/booth").text
        self.assertIn("Dave Vip", page)
        self.assertNotIn("Alice Pass", page)

    def test_booth_of_others_is_404(self):
        for user, event in (
            (self.paula, self.event),  # a participant, no booth
            (self.exb, self.event),  # booth B is at the other event
            (self.exa, self.other_event),
        ):
            self.login(user)
            for suffix in ("/booth", "/booth/visits.xlsx"):
                with self.subTest(user=user.login, suffix=suffix):
                    response = self.get(f"/my/events/{event.id}{suffix}")
                    self.assertEqual(response.status_code, 404)

    def test_xlsx_export_has_a_row_per_own_visit(self):
        self.login(self.exa)
        response = self.get(f"/my/events/{self.event.id}/booth/visits.xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], XLSX_MIMETYPE)
        self.assertIn(".xlsx", response.headers["Content-Disposition"])
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(list(rows[0]), HEADER)
        self.assertEqual(len(rows), 3, "a header and the two visits of booth A")
        alice = next(row for row in rows[1:] if row[1] == "Alice Pass")
        self.assertEqual(
            list(alice),
            [
                datetime(2026, 1, 15, 10, 30),  # Paris time, a real datetime
                "Alice Pass",
                "Alice Corp",
                "CTO",
                "alice@t.example",
                "+33 1 23",
                "Wants a demo",
                "Exhibitor Of Booth A",
            ],
        )
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertNotIn("Dave Vip", [row[1] for row in rows])

    def test_note_of_a_visit_is_saved(self):
        self.login(self.exa)
        response = self.post(
            f"/my/events/{self.event.id}/booth/visits/{self.lead_bob.id}/note",
            note="  Call back in March  ",
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Note saved.", response.text)
        self.assertEqual(self.lead_bob.note, "Call back in March")

    def test_too_long_note_is_refused_with_a_message(self):
        self.login(self.exa)
        response = self.post(
            f"/my/events/{self.event.id}/booth/visits/{self.lead_alice.id}/note",
            note="x" * (bounds.MAX_NOTE_LENGTH + 1),
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            f"A note holds at most {bounds.MAX_NOTE_LENGTH} characters", response.text
        )
        self.assertEqual(self.lead_alice.note, "Wants a demo")

    def test_note_of_another_booths_visit_is_404(self):
        self.login(self.exa)
        for lead_id in (self.lead_dave.id, 999999999):
            response = self.post(
                f"/my/events/{self.event.id}/booth/visits/{lead_id}/note",
                note="Mine now",
            )
            self.assertEqual(response.status_code, 404)
        self.assertEqual(self.lead_dave.note, "Booth C secret")

    def test_note_without_csrf_token_is_refused(self):
        self.login(self.exa)
        with self.assertLogs("odoo.http", "WARNING") as logs:
            response = self.post(
                f"/my/events/{self.event.id}/booth/visits/{self.lead_bob.id}/note",
                csrf=False,
                note="Forged",
            )
        self.assertIn("No CSRF validation token", logs.output[0])
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.lead_bob.note)


@tagged("post_install", "-at_install")
class TestLeadsXlsx(BaseCase):
    """The pure writer of the booth export."""

    LABELS = {key: key.title() for key, _width in COLUMNS}

    def workbook_sheet(self, rows):
        content = leads_xlsx(rows, self.LABELS, sheet_name="Visits: A/B [1]")
        return openpyxl.load_workbook(io.BytesIO(content)).active

    def test_text_that_looks_like_a_formula_stays_text(self):
        sheet = self.workbook_sheet([{"name": '=HYPERLINK("http://x")', "note": "+1"}])
        self.assertEqual(sheet["B2"].data_type, "s")
        self.assertEqual(sheet["B2"].value, '=HYPERLINK("http://x")')
        self.assertEqual(sheet["G2"].value, "+1")

    def test_dates_are_excel_datetimes_and_empty_values_blank(self):
        moment = datetime(2026, 3, 1, 8, 5)
        sheet = self.workbook_sheet([{"date": moment, "name": "A", "email": False}])
        self.assertEqual(sheet["A2"].value, moment)
        self.assertTrue(sheet["A2"].is_date)
        self.assertIsNone(sheet["E2"].value)

    def test_header_widths_and_sheet_name(self):
        sheet = self.workbook_sheet([])
        self.assertEqual(
            [cell.value for cell in sheet[1]], [self.LABELS[k] for k, _w in COLUMNS]
        )
        self.assertEqual(sheet.title, "Visits AB 1")
        self.assertGreater(sheet.column_dimensions["G"].width, 40)
        self.assertEqual(sheet.freeze_panes, "A2")
