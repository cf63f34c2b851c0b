# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
import threading
from urllib.parse import parse_qs, quote_plus, urlsplit

from odoo import api, http
from odoo.http import request
from odoo.tests import HttpCase, tagged

from odoo.addons.coworking_base.tests.bus_tour import BusTourMixin
from odoo.addons.coworking_base.tests.common import EVERY_DAY

from ..controllers.main import QueueWebsite
from .common import QueueCommon


class QueueWebsiteCommon(HttpCase, QueueCommon):
    """The kiosk of the test location on the real clock: Reception (A) is
    open all week round the clock, Parcels (B) is closed by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.always_open = cls._create_calendar(
            "Always open", "Europe/Paris", days=EVERY_DAY, hours=(0, 24)
        )
        cls.reception.resource_calendar_id = cls.always_open
        cls.parcels.accepting = False
        cls.website = cls.env.ref("website.default_website")

    def setUp(self):
        super().setUp()
        # a visitor's session, for the CSRF token of the forms
        self.authenticate(None, None)

    def page(self, url, status=200):
        response = self.url_open(url)
        self.assertEqual(response.status_code, status, url)
        return response.text

    def kiosk_url(self, *parts):
        return "/".join([f"/queue/kiosk/{self.location.id}", *map(str, parts)])

    def take_form(self, queue=None, nonce="a1b2c3d4e5f6", **values):
        """POST the kiosk's confirmation form as the current visitor."""
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "queue_id": (queue or self.reception).id,
            "ticket_type": "normal",
            "nonce": nonce,
            **values,
        }
        return self.url_open(self.kiosk_url("take"), data=data, allow_redirects=False)

    def taken_ticket(self, response):
        """The ticket a kiosk's redirect shows, and the redirect's token."""
        self.assertEqual(response.status_code, 303, response.text[:500])
        location = urlsplit(response.headers["Location"])
        match = re.fullmatch(
            rf"/queue/kiosk/{self.location.id}/ticket/(\d+)", location.path
        )
        self.assertTrue(match, location.path)
        token = parse_qs(location.query)["access_token"][0]
        return self.Ticket.browse(int(match.group(1))), token

    def kiosk_tickets(self):
        return self.Ticket.search(
            [("kiosk_nonce", "!=", False), ("location_id", "=", self.location.id)]
        )


@tagged("post_install", "-at_install")
class TestKiosk(QueueWebsiteCommon):
    def test_kiosk_lists_the_services_of_its_location_closed_ones_with_hours(self):
        other = self.env["coworking.location"].create(
            {
                "name": "Elsewhere",
                "tz": "Europe/Paris",
                "resource_calendar_id": self.calendar_paris.id,
            }
        )
        self.env["coworking.queue"].create(
            {"name": "Other Desk", "location_id": other.id, "prefix": "Z"}
        )
        html = self.page(self.kiosk_url())
        self.assertIn(f'href="{self.kiosk_url("service", self.reception.id)}"', html)
        self.assertIn("Reception", html)
        self.assertNotIn("Other Desk", html, "only the services of this location")
        closed = re.search(
            r'o_queue_service_closed"[^>]*data-service="B".*?</div>', html, re.S
        )
        self.assertTrue(closed, "Parcels is shown, as closed")
        self.assertIn("Closed", closed.group(0))
        self.assertIn("08:00–20:00", closed.group(0), "with its opening hours")
        self.assertNotIn(f'href="{self.kiosk_url("service", self.parcels.id)}"', html)

    def test_service_step_offers_the_types_of_the_service(self):
        html = self.page(self.kiosk_url("service", self.reception.id))
        self.assertIn('data-type="normal"', html)
        self.assertIn('data-type="express"', html)
        self.assertNotIn('data-type="vip"', html, "VIP is for members or when offered")
        self.reception.offer_express = False
        response = self.url_open(
            self.kiosk_url("service", self.reception.id), allow_redirects=False
        )
        self.assertEqual(response.status_code, 303, "a single type skips the step")
        self.assertIn("/confirm?ticket_type=normal", response.headers["Location"])

    def test_confirm_step_draws_a_new_key_each_time_it_is_shown(self):
        url = self.kiosk_url(
            "service", self.reception.id, "confirm?ticket_type=express"
        )
        keys = {
            re.search(r'name="nonce" value="([0-9a-f]+)"', self.page(url)).group(1)
            for _attempt in range(2)
        }
        self.assertEqual(len(keys), 2)

    def test_taking_a_ticket_shows_its_number_place_wait_and_qr_code(self):
        ahead = self.Ticket._take(self.reception)
        ticket, token = self.taken_ticket(
            self.take_form(email="camille@example.com", nonce="kiosk-0001")
        )
        self.assertEqual(ticket.queue_id, self.reception)
        self.assertEqual(ticket.kiosk_nonce, "kiosk-0001")
        self.assertEqual(ticket.email, "camille@example.com")
        self.assertEqual(ticket.lang, "en_US")
        self.assertFalse(ticket.partner_id, "a kiosk visitor is nobody in particular")
        self.assertEqual(token, ticket.access_token)
        html = self.page(self.kiosk_url("ticket", f"{ticket.id}?access_token={token}"))
        self.assertIn(f'<p class="o_queue_ticket_number">{ticket.name}</p>', html)
        self.assertRegex(html, r'o_queue_position">\s*2\s*<', f"{ahead.name} is ahead")
        self.assertRegex(html, r'o_queue_wait">\s*\d+–\d+ min\s*<')
        self.assertIn('src="data:image/svg+xml;base64,', html)
        self.assertIn(
            f'data-ticket-url="/queue/ticket/{ticket.id}?access_token={token}"', html
        )
        self.assertIn('data-return-seconds="20"', html, "back to the start by itself")

    def test_the_same_key_twice_gives_one_ticket(self):
        first, _token = self.taken_ticket(self.take_form(nonce="double-tap-1"))
        again, _token = self.taken_ticket(self.take_form(nonce="double-tap-1"))
        self.assertEqual(first, again)
        self.assertEqual(len(self.kiosk_tickets()), 1)
        other, _token = self.taken_ticket(self.take_form(nonce="double-tap-2"))
        self.assertNotEqual(other, first, "a new key is a new ticket")

    def test_a_key_sent_twice_at_once_finds_the_ticket_of_the_first(self):
        ticket, token = self.taken_ticket(self.take_form(nonce="race-0001"))
        response = self.url_open(
            self.kiosk_url("taken?nonce=race-0001"), allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(
            response.headers["Location"].split("/queue/", 1)[1],
            f"kiosk/{self.location.id}/ticket/{ticket.id}?access_token={token}",
        )
        self.page(self.kiosk_url("taken?nonce=unknown-0001"), 404)

    def test_closed_service_is_refused_with_a_clear_message(self):
        response = self.url_open(self.kiosk_url("service", self.parcels.id))
        self.assertEqual(response.status_code, 422)
        self.assertIn("Parcels is closed now: no ticket can be taken.", response.text)
        self.assertIn("Opening hours", response.text)
        response = self.take_form(queue=self.parcels)
        self.assertEqual(response.status_code, 422)
        self.assertIn("Parcels is closed now", response.text)
        self.assertIn('data-code="closed"', response.text)
        self.assertFalse(self.kiosk_tickets())

    def test_type_not_offered_is_refused(self):
        response = self.take_form(ticket_type="vip")
        self.assertEqual(response.status_code, 422)
        self.assertIn(
            "This kind of ticket is not offered for Reception.", response.text
        )
        self.assertFalse(self.kiosk_tickets())

    def test_bad_email_or_old_page_gets_a_message_and_no_ticket(self):
        response = self.take_form(email="not an email")
        self.assertEqual(response.status_code, 400)
        self.assertIn("This email address does not look right", response.text)
        response = self.take_form(nonce="<x>")
        self.assertEqual(response.status_code, 400)
        self.assertIn("This page is too old: please start again.", response.text)
        self.assertFalse(self.kiosk_tickets())

    def test_unknown_or_inactive_location_and_service_are_not_found(self):
        other = self.env["coworking.location"].create(
            {
                "name": "Elsewhere",
                "tz": "Europe/Paris",
                "resource_calendar_id": self.calendar_paris.id,
            }
        )
        other_queue = self.env["coworking.queue"].create(
            {"name": "Other Desk", "location_id": other.id, "prefix": "Z"}
        )
        archived = self.env["coworking.queue"].create(
            {"name": "Old Desk", "location_id": self.location.id, "prefix": "Y"}
        )
        archived.active = False
        self.page("/queue/kiosk/999999", 404)
        self.page("/queue/display/999999", 404)
        self.page(self.kiosk_url("service", other_queue.id), 404)
        self.page(self.kiosk_url("service", archived.id), 404)
        self.page(self.kiosk_url("service", 999999, "confirm"), 404)
        self.assertEqual(self.take_form(queue=other_queue).status_code, 404)
        other.active = False
        self.page(f"/queue/kiosk/{other.id}", 404)
        self.page(f"/queue/display/{other.id}", 404)

    def test_member_scan_gives_a_priority_ticket_in_their_name(self):
        credential = self.env["coworking.credential"].create(
            {"partner_id": self.member.id}
        )
        response = self.url_open(
            self.kiosk_url("member"),
            data={
                "csrf_token": http.Request.csrf_token(self),
                "token": credential.token,
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        member = parse_qs(urlsplit(response.headers["Location"]).query)["member"][0]
        html = self.page(self.kiosk_url(f"?member={member}"))
        self.assertIn("Test Member", html, "the kiosk greets the member")
        html = self.page(
            self.kiosk_url("service", f"{self.reception.id}?member={member}")
        )
        self.assertIn('data-type="vip"', html, "members go first")
        ticket, _token = self.taken_ticket(
            self.take_form(ticket_type="vip", member=member)
        )
        self.assertEqual(ticket.partner_id, self.member)
        self.assertEqual(ticket.ticket_type, "vip")
        forged = member[:-4] + "0000"
        response = self.take_form(ticket_type="vip", member=forged, nonce="forged-123")
        self.assertEqual(response.status_code, 422, "a forged pass is nobody's")

    def test_unknown_member_code_is_refused_clearly(self):
        response = self.url_open(
            self.kiosk_url("member"),
            data={"csrf_token": http.Request.csrf_token(self), "token": "garbage"},
        )
        self.assertEqual(response.status_code, 422)
        self.assertIn("This code is not a member card of this place.", response.text)


@tagged("post_install", "-at_install")
class TestTicketPage(QueueWebsiteCommon):
    def test_wrong_ticket_token_is_not_found(self):
        ticket = self.Ticket._take(self.reception)
        ticket._portal_ensure_token()
        for query in (
            "",
            "?access_token=wrong",
            f"?access_token={ticket.access_token}x",
        ):
            self.page(f"/queue/ticket/{ticket.id}{query}", 404)
            self.page(f"/queue/ticket/{ticket.id}/status{query}", 404)
            self.page(self.kiosk_url("ticket", f"{ticket.id}{query}"), 404)
        self.page(f"/queue/ticket/999999?access_token={ticket.access_token}", 404)
        response = self.url_open(
            f"/queue/ticket/{ticket.id}/cancel",
            data={"csrf_token": http.Request.csrf_token(self), "access_token": "wrong"},
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(ticket.state, "waiting")

    def test_ticket_page_shows_place_wait_and_status(self):
        ahead = self.Ticket._take(self.reception)
        ticket = self.Ticket._take(self.reception)
        html = self.page(ticket.get_portal_url())
        self.assertIn(f'<p class="o_queue_ticket_number">{ticket.name}</p>', html)
        self.assertRegex(html, r'o_queue_position">\s*2\s*<')
        self.assertIn(f'data-channel="coworking_queue.queue.{self.reception.id}"', html)
        status = self.url_open(ticket.get_portal_url(suffix="/status")).json()
        self.assertEqual(
            (status["id"], status["state"], status["position"]),
            (ticket.id, "waiting", 2),
        )
        counter = self.open_counter()
        self.Ticket.with_user(self.user_agent)._call_next(counter)
        self.assertEqual(ahead.state, "called")
        status = self.url_open(ticket.get_portal_url(suffix="/status")).json()
        self.assertEqual(status["position"], 1)

    def test_called_ticket_page_tells_where_to_go(self):
        ticket = self.Ticket._take(self.reception)
        counter = self.open_counter()
        self.Ticket.with_user(self.user_agent)._call_next(counter)
        html = self.page(ticket.get_portal_url())
        self.assertIn("It is your turn!", html)
        self.assertIn("Counter 1", html)

    def test_visitor_cancels_from_the_ticket_page(self):
        ticket = self.Ticket._take(self.reception)
        html = self.page(ticket.get_portal_url())
        self.assertIn("Cancel my ticket", html)
        response = self.url_open(
            f"/queue/ticket/{ticket.id}/cancel",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "access_token": ticket.access_token,
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(ticket.state, "cancelled")
        html = self.page(ticket.get_portal_url())
        self.assertIn("This ticket is cancelled.", html)
        self.assertNotIn("Cancel my ticket", html)

    def test_cancel_needs_the_csrf_token(self):
        ticket = self.Ticket._take(self.reception)
        with self.assertLogs("odoo.http", "WARNING"):
            response = self.url_open(
                f"/queue/ticket/{ticket.id}/cancel",
                data={"access_token": ticket._portal_ensure_token()},
            )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(ticket.state, "waiting")

    def test_transferred_ticket_page_shows_the_new_ticket(self):
        ticket = self.Ticket._take(self.reception)
        counter = self.open_counter()
        self.Ticket.with_user(self.user_agent)._call_next(counter)
        new = ticket.with_user(self.user_agent).action_transfer(queue=self.parcels)
        response = self.url_open(ticket.get_portal_url(), allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(
            urlsplit(response.headers["Location"]).path, f"/queue/ticket/{new.id}"
        )
        html = self.page(ticket.get_portal_url())
        self.assertIn(f'<p class="o_queue_ticket_number">{new.name}</p>', html)
        self.assertIn(ticket.name, html, "the first ticket is recalled")
        status = self.url_open(ticket.get_portal_url(suffix="/status")).json()
        self.assertEqual(status["id"], new.id)


@tagged("post_install", "-at_install")
class TestDisplay(QueueWebsiteCommon):
    def test_display_shows_the_ticket_called_at_each_counter(self):
        first = self.Ticket._take(self.reception)
        second = self.Ticket._take(self.reception)
        counter_1 = self.open_counter()
        counter_2 = self.open_counter(self.counter_2, self.agent_2)
        self.Ticket.with_user(self.user_agent)._call_next(counter_1)
        self.Ticket.with_user(self.agent_2)._call_next(counter_2)
        for url in (
            f"/queue/display/{self.location.id}",
            f"/queue/display/{self.location.id}/board",
        ):
            html = self.page(url)
            for counter, ticket in ((self.counter_1, first), (self.counter_2, second)):
                self.assertRegex(
                    html,
                    rf'data-counter-id="{counter.id}"\s+data-ticket="{ticket.name}"',
                )
            self.assertIn(f'data-latest="{second.name}@', html)
        html = self.page(f"/queue/display/{self.location.id}")
        self.assertIn(
            f'data-channel="coworking_queue.location.{self.location.id}"', html
        )


@tagged("post_install", "-at_install")
class TestLanguages(QueueWebsiteCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("wo_SN")
        cls._load_french("coworking_queue")
        cls.env["ir.module.module"]._load_module_terms(["coworking_queue"], ["wo_SN"])
        cls.website.language_ids |= cls.env["res.lang"]._lang_get("wo_SN") | (
            cls.env["res.lang"]._lang_get("fr_FR")
        )

    def test_wolof_kiosk_speaks_wolof(self):
        html = self.page(f"/wo{self.kiosk_url()}")
        self.assertIn('<html lang="wo-SN"', html)
        self.assertIn("Dalal ak jàmm", html)
        self.assertIn("Tànnal", html)
        self.assertIn("Tëj na", html, "closed, in Wolof")
        self.assertNotIn("Choose a service", html)
        html = self.page(
            f"/wo{self.kiosk_url('service', self.reception.id, 'confirm')}"
        )
        self.assertIn("Jël sama tiket", html)

    def test_french_kiosk_speaks_french(self):
        html = self.page(f"/fr{self.kiosk_url()}")
        self.assertIn("Bienvenue", html)
        self.assertIn("Fermé", html)

    def test_screens_link_to_the_other_languages(self):
        ticket = self.Ticket._take(self.reception)
        for url in (
            self.kiosk_url(),
            f"/queue/display/{self.location.id}",
            ticket.get_portal_url(),
        ):
            html = self.page(url)
            path = quote_plus(urlsplit(url).path)
            for code in ("fr", "wo", "en"):
                self.assertIn(
                    f'href="/website/lang/{code}?r=%2F{code}{path}',
                    html,
                    f"{code}: {url}",
                )
        response = self.url_open(
            f"/website/lang/wo?r=/wo{self.kiosk_url()}", allow_redirects=False
        )
        self.assertEqual(response.headers["Location"], f"/wo{self.kiosk_url()}")
        self.assertIn("frontend_lang=wo_SN", response.headers["Set-Cookie"])


@tagged("post_install", "-at_install")
class TestKioskTour(BusTourMixin, QueueWebsiteCommon):
    """In a browser: a visitor takes a ticket at the kiosk behind someone,
    opens their ticket page, and sees their place go from 2 to 1 when an
    agent calls the ticket ahead — pushed over the bus (websocket), not
    polled: the page's poll runs every 30 s and the tour waits less."""

    def test_kiosk_ticket_page_follows_the_queue_over_the_bus(self):
        ahead = self.Ticket._take(self.reception)
        counter = self.open_counter()
        seen = threading.Event()
        original = QueueWebsite._ticket_status

        def _ticket_status(controller, ticket):
            # the tour tells, through its page's status URL, that it saw
            # its place 2 on the ticket page
            if request.params.get("tour") == "position_2_seen":
                seen.set()
            return original(controller, ticket)

        self.patch(QueueWebsite, "_ticket_status", _ticket_status)
        done = threading.Event()
        agent = threading.Thread(
            target=self._call_next_when_seen,
            args=(seen, done, counter.id),
            daemon=True,
        )
        agent.start()
        try:
            self.start_tour(self.kiosk_url(), "coworking_queue_kiosk_tour", login=None)
        finally:
            done.set()
            seen.set()
            agent.join(timeout=30)
        mine = self.kiosk_tickets()
        self.assertEqual(len(mine), 1)
        self.assertEqual(ahead.state, "called")
        self.assertEqual((mine.state, mine.position), ("waiting", 1))

    def _call_next_when_seen(self, seen, done, counter_id):
        """The agent calls the next ticket once the tour saw its place 2,
        then wakes the websockets listening to the queue until the tour is
        done (a test cursor never notifies the bus at commit, and a socket
        may still be subscribing when the first wake-up comes)."""
        if not seen.wait(timeout=120) or done.is_set():
            return
        channel = self.wait_for_listener(self.reception._channel())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, self.user_agent.id, {})
            env["coworking.queue.ticket"]._call_next(
                env["coworking.queue.counter"].browse(counter_id)
            )
        self.push_until(channel, done)
