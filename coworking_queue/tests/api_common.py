# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import uuid

from odoo.tests import HttpCase, new_test_user

from odoo.addons.coworking_base.tests.api_common import ApiClientMixin

from .common import QueueCommon


class QueueApiCommon(ApiClientMixin, HttpCase, QueueCommon):
    """The services and counters of ``QueueCommon``; a member with an API
    key (and a personal QR code), a customer with a key, front desk staff
    with a key, and a service of another company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_member = new_test_user(
            cls.env,
            "cw_queue_api_member",
            groups="base.group_portal",
            name="Queue Member",
            email="queue.member@example.com",
        )
        cls.user_member.partner_id.is_coworking_member = True
        cls.user_customer = new_test_user(
            cls.env,
            "cw_queue_api_customer",
            groups="base.group_portal",
            name="Queue Customer",
            email="queue.customer@example.com",
        )
        Keys = cls.env["res.users.apikeys"]
        cls.key_member = (
            Keys.with_user(cls.user_member).sudo()._generate(None, "member", None)
        )
        cls.key_customer = (
            Keys.with_user(cls.user_customer).sudo()._generate(None, "customer", None)
        )
        cls.key_front = (
            Keys.with_user(cls.user_front).sudo()._generate(None, "front", None)
        )
        other = cls.env["res.company"].create({"name": "Other Organisation"})
        calendar = cls._create_calendar("Other hours", "Europe/Paris", other)
        other_location = cls.env["coworking.location"].create(
            {
                "name": "Other Branch",
                "tz": "Europe/Paris",
                "company_id": other.id,
                "resource_calendar_id": calendar.id,
            }
        )
        cls.foreign_service = cls.env["coworking.queue"].create(
            {"name": "Other Desk", "location_id": other_location.id, "prefix": "Z"}
        )

    # -- helpers --------------------------------------------------------

    def assertTicket(self, response, status=200):
        """The ticket answered, checked against the document."""
        self.assertEqual(response.status_code, status, response.text)
        data = response.json()
        self.assertSchema(data, "QueueTicketResult")
        return data["ticket"]

    def take_body(self, service=None, **values):
        return {
            "service_id": (service or self.reception).id,
            "nonce": str(uuid.uuid4()),
            **values,
        }

    def take_ticket(self, key=None, **values):
        """Take a ticket through the API; the ticket answered."""
        response = self.call(
            "POST", "/queue/ticket/take", key, self.take_body(**values)
        )
        return self.assertTicket(response, 201)

    def ticket_status(self, ticket, key=None):
        return self.call(
            "GET",
            "/queue/ticket",
            key,
            params={"ticket_id": ticket["id"], "access_token": ticket["access_token"]},
        )
