# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import contextlib
import io
import logging
import os
import re
import subprocess
import tempfile

from PIL import Image

from odoo.tests import HttpCase, tagged
from odoo.tools.image import image_data_uri

from .common import EventBadgesCommon

A6_REPORT = "coworking_event_badges.action_report_coworking_badge_a6"
SHEET_REPORT = "coworking_event_badges.action_report_coworking_badge_four_per_sheet"
REPORT_LOGGER = "odoo.addons.base.models.ir_actions_report"


class _UnpatchedQtNoise(logging.Filter):
    """wkhtmltopdf built on an unpatched Qt (Debian's) says on every run
    that it ignores the switches of Odoo's paper formats: that notice only
    is dropped, any other message of the report engine stays a warning."""

    NOISE = re.compile(
        r"The switch --[\w-]+, is not support using unpatched qt, and will be "
        r"ignored\.|QStandardPaths: XDG_RUNTIME_DIR not set, defaulting to '[^']*'"
    )

    def filter(self, record):
        message = record.getMessage()
        if not message.startswith("wkhtmltopdf: "):
            return True
        return bool(self.NOISE.sub("", message[len("wkhtmltopdf: ") :]).strip())


@contextlib.contextmanager
def without_unpatched_qt_notice():
    logger = logging.getLogger(REPORT_LOGGER)
    noise = _UnpatchedQtNoise()
    logger.addFilter(noise)
    try:
        yield
    finally:
        logger.removeFilter(noise)


def _poppler(tool, pdf, *args):
    """Run a poppler tool (pdfinfo, pdftotext, pdfimages) on PDF bytes."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "badges.pdf")
        with open(path, "wb") as stream:
            stream.write(pdf)
        return subprocess.run(
            [tool, *args, path, *(["-"] if tool == "pdftotext" else [])],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout


def pdf_pages(pdf):
    return int(re.search(r"^Pages:\s+(\d+)", _poppler("pdfinfo", pdf), re.M)[1])


def pdf_page_size(pdf):
    """(width, height) of the first page, in points."""
    match = re.search(
        r"^Page size:\s+([\d.]+) x ([\d.]+) pts", _poppler("pdfinfo", pdf), re.M
    )
    return float(match[1]), float(match[2])


def pdf_fonts(pdf):
    """The fonts embedded in the PDF (none when text is drawn as outlines)."""
    return _poppler("pdffonts", pdf).splitlines()[2:]


def pdf_text(pdf):
    # spaces and line breaks collapsed
    return " ".join(_poppler("pdftotext", pdf, "-layout").split())


def pdf_page_has_color(pdf, page, rgb, tolerance=24):
    """Whether page ``page`` (from 1) paints a patch of colour ``rgb``."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "badges.pdf")
        with open(path, "wb") as stream:
            stream.write(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "40", "-f", str(page), "-l", str(page)]
            + ["-singlefile", path, os.path.join(folder, "page")],
            check=True,
            timeout=60,
        )
        image = Image.open(os.path.join(folder, "page.png")).convert("RGB")
        matching = sum(
            count
            for count, pixel in image.getcolors(maxcolors=1 << 20)
            if all(abs(a - b) <= tolerance for a, b in zip(pixel, rgb, strict=True))
        )
    # more than a few anti-aliased pixels: a painted shape
    return matching > 20


def pdf_images(pdf):
    """(width, height) of every image drawn in the PDF (masks left out)."""
    sizes = []
    for line in _poppler("pdfimages", pdf, "-list").splitlines()[2:]:
        columns = line.split()
        if len(columns) > 4 and columns[2] == "image":
            sizes.append((int(columns[3]), int(columns[4])))
    return sizes


@tagged("post_install", "-at_install")
class TestBadges(HttpCase, EventBadgesCommon):
    """Badges printed with Odoo's badge templates, extended: every badge
    shows the attendee's name, company, role and personal QR. An HttpCase:
    wkhtmltopdf loads the report's styles from the test server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.acme = cls.env["res.partner"].create(
            {"name": "Acme Robotics", "is_company": True}
        )
        cls.nora = cls.env["res.partner"].create(
            {
                "name": "Nora Exhibitor",
                "email": "nora@acme.example",
                "parent_id": cls.acme.id,
            }
        )
        cls.sponsor = cls.env["event.sponsor"].create(
            {"event_id": cls.event.id, "partner_id": cls.acme.id}
        )
        cls.env["coworking.event.role"].create(
            {
                "event_id": cls.event.id,
                "partner_id": cls.nora.id,
                "role": "exhibitor",
                "sponsor_id": cls.sponsor.id,
            }
        )
        cls.nora_reg = cls._register(cls.nora, cls.pass_ticket)
        cls.alice_reg.company_name = "Alice Consulting"
        cls.five = (
            cls.alice_reg | cls.bob_reg | cls.dave_reg | cls.erin_reg | cls.nora_reg
        )

    def render_pdf(self, report, registrations):
        with without_unpatched_qt_notice():
            pdf, kind = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(report, registrations.ids)
            )
        self.assertEqual(kind, "pdf")
        return pdf

    def badge_text(self, pdf, report, registrations):
        """The text of the badges: read from the PDF; from the HTML handed
        to wkhtmltopdf when the PDF draws its text as outlines (wkhtmltopdf
        on an unpatched Qt turns web fonts into paths: nothing to extract)."""
        if pdf_fonts(pdf):
            return pdf_text(pdf).lower()
        html = self.render_html(report, registrations.ids)
        return " ".join(re.sub(r"<[^>]+>", " ", html).split()).lower()

    def render_html(self, report, ids):
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(report, ids)
        return html.decode()

    def qr_uri(self, registration):
        return image_data_uri(registration.coworking_qr_image)

    # ------------------------------------------------------------------
    # PDFs
    # ------------------------------------------------------------------

    def test_a6_prints_one_badge_per_a6_page_with_name_company_role(self):
        registrations = self.alice_reg | self.dave_reg | self.nora_reg
        pdf = self.render_pdf(A6_REPORT, registrations)
        self.assertEqual(pdf_pages(pdf), 3, "one page per badge")
        width, height = pdf_page_size(pdf)
        # A6 is 105 x 148 mm: 297.6 x 419.5 points
        self.assertAlmostEqual(width, 297.6, delta=2)
        self.assertAlmostEqual(height, 419.5, delta=2)
        # the role is painted on each badge: participant (violet) on
        # Alice's and Dave's, exhibitor (green) on Nora's
        for page, color in (
            (1, (111, 66, 193)),
            (2, (111, 66, 193)),
            (3, (25, 135, 84)),
        ):
            self.assertTrue(pdf_page_has_color(pdf, page, color), f"page {page}")
        self.assertFalse(pdf_page_has_color(pdf, 1, (25, 135, 84)))
        text = self.badge_text(pdf, A6_REPORT, registrations)
        for expected in (
            "alice pass",
            "alice consulting",
            "dave vip",
            "nora exhibitor",
            "acme robotics",
            "participant",
            "exhibitor",
            "test summit",
            "vip",
        ):
            self.assertIn(expected, text)

    def test_four_per_sheet_prints_five_badges_on_two_a4_sheets(self):
        pdf = self.render_pdf(SHEET_REPORT, self.five)
        self.assertEqual(pdf_pages(pdf), 2)
        width, height = pdf_page_size(pdf)
        self.assertAlmostEqual(width, 595, delta=2)
        self.assertAlmostEqual(height, 842, delta=2)
        text = self.badge_text(pdf, SHEET_REPORT, self.five)
        for registration in self.five:
            self.assertIn(registration.name.lower(), text)

    def test_each_badge_embeds_the_personal_qr_picture(self):
        """The PDF draws one picture of the size of the credential's QR per
        badge: the personal QR (Odoo's QR of the registration barcode is
        fetched from a URL, at another size)."""
        registrations = self.alice_reg | self.bob_reg
        qr_size = Image.open(
            io.BytesIO(base64.b64decode(self.alice_reg.coworking_qr_image))
        ).size
        pdf = self.render_pdf(A6_REPORT, registrations)
        self.assertEqual(pdf_images(pdf).count(qr_size), 2)

    # ------------------------------------------------------------------
    # What the templates write (HTML)
    # ------------------------------------------------------------------

    def test_badge_carries_the_attendees_credential_qr(self):
        html = self.render_html(A6_REPORT, (self.alice_reg | self.bob_reg).ids)
        self.assertIn(self.qr_uri(self.alice_reg), html)
        self.assertIn(self.qr_uri(self.bob_reg), html)
        self.assertNotEqual(self.qr_uri(self.alice_reg), self.qr_uri(self.bob_reg))
        # the personal QR replaces the QR of Odoo's barcode
        self.assertNotIn(f"/report/barcode/QR/{self.alice_reg.barcode}", html)

    def test_one_qr_per_person_on_every_badge_of_theirs(self):
        """Bob's pass and workshop badges show the same personal QR."""
        self.assertEqual(
            self.bob_reg.coworking_qr_image, self.bob_workshop_reg.coworking_qr_image
        )
        html = self.render_html(
            SHEET_REPORT, (self.bob_reg | self.bob_workshop_reg).ids
        )
        self.assertEqual(html.count(self.qr_uri(self.bob_reg)), 2)

    def test_badge_role_label_follows_the_role_held(self):
        html = self.render_html(A6_REPORT, (self.alice_reg | self.nora_reg).ids)
        roles = re.findall(r'data-role="(\w+)"[^>]*>\s*([^<]+?)\s*<', html)
        self.assertEqual(
            roles, [("participant", "Participant"), ("exhibitor", "Exhibitor")]
        )

    def test_company_falls_back_on_the_attendees_company(self):
        """No company typed on the registration: the attendee's company."""
        self.nora_reg.company_name = False
        html = self.render_html(A6_REPORT, self.nora_reg.ids)
        self.assertIn("Acme Robotics", html)

    def test_without_credential_odoo_qr_stays(self):
        """A registration not confirmed yet has no attendee credential: the
        badge keeps Odoo's QR of the registration barcode."""
        self.assertFalse(self.carol_reg.coworking_qr_image)
        html = self.render_html(A6_REPORT, self.carol_reg.ids)
        self.assertIn(f"/report/barcode/QR/{self.carol_reg.barcode}", html)

    def test_odoo_badge_report_shows_role_and_personal_qr_too(self):
        html = self.render_html(
            "event.action_report_event_registration_badge", self.nora_reg.ids
        )
        self.assertIn(self.qr_uri(self.nora_reg), html)
        self.assertIn('data-role="exhibitor"', html)

    def test_french_fold_badge_shows_personal_qr_inside(self):
        self.event.badge_format = "A4_french_fold"
        html = self.render_html(
            "event.action_report_event_registration_badge", self.alice_reg.ids
        )
        self.assertIn(self.qr_uri(self.alice_reg), html)

    def test_example_badge_of_an_event_still_renders(self):
        """Odoo's badge example (no attendee) is left as it was."""
        html = self.render_html("event.action_report_event_event_badge", self.event.ids)
        self.assertIn("John Doe", html)
        self.assertNotIn("o_coworking_badge_role", html)

    def test_print_badge_action_prints_the_a6_report(self):
        # printed at the registration desk by the event's badge controller
        action = self.alice_reg.with_user(
            self.controller
        ).action_coworking_print_badge()
        self.assertEqual(
            action["report_name"],
            "coworking_event_badges.event_registration_report_template_coworking_badge_a6",
        )
        for xmlid, name in (
            (A6_REPORT, "Badge A6 (personal QR)"),
            (SHEET_REPORT, "Badges, 4 per A4 Sheet (personal QR)"),
        ):
            report = self.env.ref(xmlid)
            self.assertEqual(report.name, name)
            self.assertEqual(report.binding_model_id.model, "event.registration")
