# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from odoo.addons.coworking_base.tools.openapi import API_PREFIX

from .api_common import QueueApiCommon
from .common import MONDAY


@tagged("post_install", "-at_install")
@freeze_time(MONDAY)
class TestQueueApi(QueueApiCommon):
    """Monday 7 December 2026, 11:00 in Paris: both services are open
    (08:00-20:00)."""

    def services(self, key=None, **params):
        response = self.call("GET", "/queue/services", key, params=params)
        self.assertEqual(response.status_code, 200, response.text)
        data = response.json()
        self.assertSchema(data, "QueueServiceList")
        return {service["id"]: service for service in data["services"]}

    def count_tickets(self):
        """Tickets of the services of these tests (the demo data has some)."""
        services = self.reception | self.parcels
        return self.Ticket.search_count([("queue_id", "in", services.ids)])

    def record(self, ticket):
        self.env.invalidate_all()
        return self.Ticket.browse(ticket["id"])

    # -- services ---------------------------------------------------------

    def test_services_tell_the_wait_a_new_ticket_gets(self):
        self.take(-20)
        self.take(-15)
        self.open_counter()
        services = self.services(location_id=self.location.id)
        self.assertEqual(set(services), {self.reception.id, self.parcels.id})
        reception = services[self.reception.id]
        self.assertEqual(reception["name"], "Reception")
        self.assertTrue(reception["open"])
        self.assertEqual(reception["waiting_count"], 2)
        self.assertEqual(reception["ticket_types"], ["normal", "express"])
        self.assertEqual(
            reception["location"],
            {"id": self.location.id, "name": "Test Paris", "tz": "Europe/Paris"},
        )
        self.assertEqual(services[self.parcels.id]["waiting_count"], 0)
        # the one counter open serves both services: it calls the two
        # Reception tickets before a Parcels ticket taken now
        self.assertEqual(services[self.parcels.id]["wait"], [5, 15])
        # the ticket taken next is promised the wait announced
        ticket = self.take_ticket()
        self.assertEqual(ticket["position"], 3)
        self.assertEqual(ticket["wait"], reception["wait"])
        self.assertLess(0, reception["wait"][0])

    def test_closed_archived_and_foreign_services(self):
        self.parcels.accepting = False
        archived = self.env["coworking.queue"].create(
            {"name": "Old Desk", "location_id": self.location.id, "prefix": "C"}
        )
        archived.active = False
        services = self.services()
        self.assertIn(self.reception.id, services)
        self.assertFalse(services[self.parcels.id]["open"])
        self.assertIsNone(services[self.parcels.id]["wait"])
        self.assertNotIn(archived.id, services)
        self.assertNotIn(self.foreign_service.id, services)
        foreign_location = self.foreign_service.location_id.id
        self.assertEqual(self.services(location_id=foreign_location), {})

    def test_types_offered_follow_the_caller(self):
        self.parcels.offer_express = False
        for key, reception_types, parcels_types in (
            (None, ["normal", "express"], ["normal"]),
            (self.key_customer, ["normal", "express"], ["normal"]),
            (self.key_member, ["normal", "express", "vip"], ["normal", "vip"]),
            (
                self.key_front,
                ["normal", "express", "vip"],
                ["normal", "express", "vip"],
            ),
        ):
            with self.subTest(key=key):
                services = self.services(key, location_id=self.location.id)
                self.assertEqual(
                    services[self.reception.id]["ticket_types"], reception_types
                )
                self.assertEqual(
                    services[self.parcels.id]["ticket_types"], parcels_types
                )

    # -- taking a ticket ----------------------------------------------------

    def test_an_anonymous_visitor_takes_a_ticket_once_per_nonce(self):
        body = self.take_body(email="visitor@example.com", lang="en_US")
        response = self.call("POST", "/queue/ticket/take", body=body)
        ticket = self.assertTicket(response, 201)
        self.assertEqual(ticket["number"], "A-001")
        self.assertEqual(
            ticket["service"], {"id": self.reception.id, "name": "Reception"}
        )
        self.assertEqual(
            (ticket["state"], ticket["type"], ticket["position"]),
            ("waiting", "normal", 1),
        )
        self.assertTrue(ticket["cancellable"])
        self.assertEqual(ticket["taken_at"], "2026-12-07T10:00:00Z")
        self.assertIsNone(ticket["counter"])
        self.assertIn(f"/queue/ticket/{ticket['id']}?", ticket["url"])
        self.assertIn(f"access_token={ticket['access_token']}", ticket["url"])
        # the same request again (a retry): the same ticket, nothing more
        again = self.assertTicket(
            self.call("POST", "/queue/ticket/take", body=body), 200
        )
        self.assertEqual(again["id"], ticket["id"])
        self.assertEqual(again["access_token"], ticket["access_token"])
        record = self.record(ticket)
        self.assertEqual(
            self.Ticket.search_count([("kiosk_nonce", "=", body["nonce"])]), 1
        )
        self.assertFalse(record.partner_id)
        self.assertEqual((record.email, record.lang), ("visitor@example.com", "en_US"))

    def test_a_preflight_request_takes_no_ticket(self):
        """Odoo answers OPTIONS on every route: the API answers it before
        any work, whatever the body says."""
        body = self.take_body()
        response = self.opener.request(
            "OPTIONS",
            self.base_url() + f"{API_PREFIX}/queue/ticket/take",
            data=json.dumps(body),
            headers={"Content-Type": "application/json"},
            timeout=30,
        )
        self.assertEqual(response.status_code, 204)
        self.assertEqual(response.headers["Allow"], "OPTIONS, POST")
        self.assertFalse(
            self.Ticket.search_count([("kiosk_nonce", "=", body["nonce"])])
        )

    def test_an_api_key_takes_the_ticket_as_its_user(self):
        ticket = self.take_ticket(self.key_customer, ticket_type="express")
        self.assertEqual(ticket["type"], "express")
        record = self.record(ticket)
        self.assertEqual(record.partner_id, self.user_customer.partner_id)
        self.assertEqual(record.email, "queue.customer@example.com")
        self.assertEqual(record.lang, "en_US")

    def test_a_scanned_member_code_makes_the_ticket_the_members(self):
        credential = self.member._coworking_issue_credential()
        ticket = self.take_ticket(credential=credential.token, ticket_type="vip")
        self.assertEqual(ticket["type"], "vip")
        self.assertEqual(self.record(ticket).partner_id, self.member)
        for token, reason in (
            ("CW1.not.signed", "malformed"),
            ("nothing", "malformed"),
        ):
            with self.subTest(token=token):
                response = self.call(
                    "POST", "/queue/ticket/take", body=self.take_body(credential=token)
                )
                error = self.assertError(response, 422, "invalid_credential")
                self.assertEqual(error["field"], "credential")
                self.assertEqual(error["reasons"][0]["code"], reason)
        credential.action_revoke()
        response = self.call(
            "POST",
            "/queue/ticket/take",
            body=self.take_body(credential=credential.token),
        )
        error = self.assertError(response, 422, "invalid_credential")
        self.assertEqual(error["reasons"][0]["code"], "revoked")

    def test_unknown_archived_or_foreign_service_is_not_found(self):
        archived = self.env["coworking.queue"].create(
            {"name": "Old Desk", "location_id": self.location.id, "prefix": "C"}
        )
        archived.active = False
        for service_id in (archived.id, self.foreign_service.id, 2**31 - 1):
            with self.subTest(service_id=service_id):
                response = self.call(
                    "POST",
                    "/queue/ticket/take",
                    body={**self.take_body(), "service_id": service_id},
                )
                error = self.assertError(response, 404, "not_found")
                self.assertEqual(error["field"], "service_id")
        self.assertFalse(self.count_tickets())

    def test_a_closed_service_gives_no_ticket(self):
        self.reception.accepting = False
        response = self.call("POST", "/queue/ticket/take", body=self.take_body())
        self.assertError(response, 422, "closed")
        self.reception.accepting = True
        # Sunday: closed by the opening hours
        with freeze_time(MONDAY - timedelta(days=1)):
            response = self.call("POST", "/queue/ticket/take", body=self.take_body())
            self.assertError(response, 422, "closed")
        self.assertFalse(self.count_tickets())

    def test_a_type_not_offered_is_refused(self):
        self.parcels.offer_express = False
        for key, ticket_type in ((None, "express"), (self.key_customer, "vip")):
            with self.subTest(ticket_type=ticket_type):
                response = self.call(
                    "POST",
                    "/queue/ticket/take",
                    key,
                    self.take_body(self.parcels, ticket_type=ticket_type),
                )
                self.assertError(response, 422, "not_offered")
        self.assertFalse(self.count_tickets())

    def test_a_nonce_is_one_ticket_of_one_visitor(self):
        body = self.take_body()
        self.assertTicket(self.call("POST", "/queue/ticket/take", body=body), 201)
        # the same key for another service
        response = self.call(
            "POST", "/queue/ticket/take", body={**body, "service_id": self.parcels.id}
        )
        self.assertError(response, 409, "nonce_reused")
        # the same key from somebody else: never their ticket
        response = self.call("POST", "/queue/ticket/take", self.key_member, body)
        self.assertError(response, 409, "nonce_reused")
        member_body = self.take_body()
        self.assertTicket(
            self.call("POST", "/queue/ticket/take", self.key_member, member_body), 201
        )
        response = self.call("POST", "/queue/ticket/take", body=member_body)
        self.assertError(response, 409, "nonce_reused")
        self.assertEqual(self.count_tickets(), 2)

    def test_malformed_requests_are_refused_as_documented(self):
        for values, status, code, field in (
            ({"nonce": "short"}, 400, "invalid_field", "nonce"),
            ({"nonce": "x" * 65}, 400, "invalid_field", "nonce"),
            ({"email": "not an email"}, 400, "invalid_field", "email"),
            ({"email": "a" * 250 + "@example.com"}, 400, "invalid_field", "email"),
            ({"lang": "fr-FR; DROP"}, 400, "invalid_field", "lang"),
            ({"lang": "xx_XX"}, 422, "lang_not_installed", "lang"),
            ({"ticket_type": "appointment"}, 400, "invalid_field", "ticket_type"),
            ({"service_id": 0}, 400, "invalid_field", "service_id"),
            ({"credential": "x" * 257}, 400, "invalid_field", "credential"),
        ):
            with self.subTest(values=values):
                response = self.call(
                    "POST", "/queue/ticket/take", body=self.take_body(**values)
                )
                error = self.assertError(response, status, code)
                self.assertEqual(error["field"], field)
        body = self.take_body()
        del body["nonce"]
        error = self.assertError(
            self.call("POST", "/queue/ticket/take", body=body), 400, "missing_field"
        )
        self.assertEqual(error["fields"], ["nonce"])
        error = self.assertError(
            self.call("POST", "/queue/ticket/take", body=self.take_body(seats=2)),
            400,
            "unknown_field",
        )
        self.assertEqual(error["fields"], ["seats"])
        response = self.call("POST", "/queue/ticket/take", raw="{not json")
        self.assertError(response, 400, "malformed_json")
        response = self.url_open(
            "/coworking/api/queue/ticket/take",
            data="service_id=1",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        self.assertError(response, 415, "unsupported_media_type")
        response = self.call("GET", "/queue/services", params={"location_id": "x"})
        self.assertError(response, 400, "invalid_field")
        response = self.call("GET", "/queue/services", "not a key")
        self.assertError(response, 401, "unauthorized")
        self.assertFalse(self.count_tickets())

    # -- status -------------------------------------------------------------

    def test_status_follows_the_ticket_to_the_counter_and_another_service(self):
        first = self.take_ticket()
        second = self.take_ticket()
        counter = self.open_counter()
        waiting = self.assertTicket(self.ticket_status(second))
        self.assertEqual(waiting["position"], 2)
        self.assertEqual(len(waiting["wait"]), 2)
        called = self.Ticket.with_user(self.user_agent)._call_next(counter)
        self.assertEqual(called.id, first["id"])
        status = self.assertTicket(self.ticket_status(first))
        self.assertEqual(status["state"], "called")
        self.assertEqual(status["counter"], {"id": counter.id, "name": "Counter 1"})
        self.assertEqual(status["called_at"], "2026-12-07T10:00:00Z")
        self.assertIsNone(status["position"])
        self.assertIsNone(status["wait"])
        self.assertTrue(status["cancellable"])
        self.assertEqual(self.assertTicket(self.ticket_status(second))["position"], 1)
        # sent to another service: the visitor follows the new ticket
        new = called.action_transfer(queue=self.parcels)
        status = self.assertTicket(self.ticket_status(first))
        self.assertEqual(status["state"], "transferred")
        self.assertFalse(status["cancellable"])
        self.assertEqual(status["done_at"], "2026-12-07T10:00:00Z")
        following = status["transferred_to"]
        self.assertEqual(following["id"], new.id)
        self.assertEqual(following["number"], "B-001")
        self.assertEqual(following["service"]["id"], self.parcels.id)
        followed = self.assertTicket(self.ticket_status(following))
        self.assertEqual((followed["state"], followed["position"]), ("waiting", 1))
        self.assertEqual(followed["transferred_from"]["id"], first["id"])

    def test_a_wrong_key_is_answered_like_an_unknown_ticket(self):
        mine = self.take_ticket()
        other = self.take_ticket()
        untokened = self.take(-5)
        for ticket_id, token in (
            (mine["id"], other["access_token"]),
            (untokened.id, mine["access_token"]),
            (2**31 - 1, mine["access_token"]),
        ):
            with self.subTest(ticket_id=ticket_id):
                response = self.ticket_status({"id": ticket_id, "access_token": token})
                error = self.assertError(response, 404, "not_found")
                self.assertEqual(error["field"], "ticket_id")
                response = self.call(
                    "POST",
                    "/queue/ticket/cancel",
                    body={"ticket_id": ticket_id, "access_token": token},
                )
                self.assertError(response, 404, "not_found")
        self.assertEqual(self.record(mine).state, "waiting")
        response = self.call(
            "GET", "/queue/ticket", params={"ticket_id": mine["id"], "access_token": ""}
        )
        self.assertError(response, 400, "invalid_field")

    # -- cancel -------------------------------------------------------------

    def test_cancel_a_waiting_or_called_ticket(self):
        waiting = self.take_ticket()
        body = {"ticket_id": waiting["id"], "access_token": waiting["access_token"]}
        cancelled = self.assertTicket(
            self.call("POST", "/queue/ticket/cancel", body=body)
        )
        self.assertEqual(cancelled["state"], "cancelled")
        self.assertFalse(cancelled["cancellable"])
        self.assertEqual(cancelled["done_at"], "2026-12-07T10:00:00Z")
        self.assertEqual(self.record(waiting).state, "cancelled")
        # a retried cancel answers the cancelled ticket
        again = self.assertTicket(self.call("POST", "/queue/ticket/cancel", body=body))
        self.assertEqual(again["state"], "cancelled")
        called = self.take_ticket()
        self.Ticket.with_user(self.user_agent)._call_next(self.open_counter())
        self.assertEqual(self.record(called).state, "called")
        response = self.call(
            "POST",
            "/queue/ticket/cancel",
            body={"ticket_id": called["id"], "access_token": called["access_token"]},
        )
        self.assertEqual(self.assertTicket(response)["state"], "cancelled")

    def test_a_served_or_expired_ticket_cannot_be_cancelled(self):
        served = self.take_ticket()
        counter = self.open_counter()
        self.serve(counter, 0)
        expired = self.take_ticket()
        self.record(expired).sudo()._move("expired")
        for ticket, state in ((served, "served"), (expired, "expired")):
            with self.subTest(state=state):
                self.assertEqual(self.record(ticket).state, state)
                response = self.call(
                    "POST",
                    "/queue/ticket/cancel",
                    body={
                        "ticket_id": ticket["id"],
                        "access_token": ticket["access_token"],
                    },
                )
                self.assertError(response, 422, "invalid_transition")
                self.assertEqual(self.record(ticket).state, state)


@tagged("post_install", "-at_install")
@freeze_time(MONDAY)
class TestQueueApiFrench(QueueApiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_french("coworking_base", "coworking_queue")
        cls.user_french = new_test_user(
            cls.env,
            "cw_queue_api_fr",
            groups="base.group_portal",
            name="Visiteuse",
            email="visiteuse@example.com",
            lang="fr_FR",
        )
        cls.key_french = (
            cls.env["res.users.apikeys"]
            .with_user(cls.user_french)
            .sudo()
            ._generate(None, "fr", None)
        )

    def test_a_french_key_gets_french_answers_and_tickets(self):
        response = self.call(
            "POST",
            "/queue/ticket/take",
            self.key_french,
            {**self.take_body(), "service_id": self.foreign_service.id},
        )
        error = self.assertError(response, 404, "not_found")
        self.assertEqual(
            error["message"], f"Aucun service {self.foreign_service.id} ici."
        )
        response = self.call(
            "POST", "/queue/ticket/take", self.key_french, self.take_body(service_id=0)
        )
        error = self.assertError(response, 400, "invalid_field")
        self.assertIn("au moins 1", error["message"])
        response = self.call(
            "POST", "/queue/ticket/take", self.key_french, self.take_body(lang="xx_XX")
        )
        error = self.assertError(response, 422, "lang_not_installed")
        self.assertIn("cette langue n'est pas installée", error["message"])
        ticket = self.take_ticket(self.key_french)
        self.assertEqual(self.Ticket.browse(ticket["id"]).lang, "fr_FR")
