# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
from datetime import timedelta

from dateutil.relativedelta import TH, relativedelta
from freezegun import freeze_time

from odoo import Command, fields, http
from odoo.tests import HttpCase, new_test_user, tagged

from .common import NOW, MembershipCommon


class MemberPortalCommon(HttpCase, MembershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_alice = new_test_user(
            cls.env,
            "cw_member_alice",
            groups="base.group_portal",
            name="Alice Member",
            email="alice.portal@example.com",
        )
        cls.user_bob = new_test_user(
            cls.env,
            "cw_member_bob",
            groups="base.group_portal",
            name="Bob Member",
            email="bob.portal@example.com",
        )
        cls.env.ref("payment.payment_provider_demo").write(
            {"state": "test", "company_id": cls.env.company.id}
        )

    def post(self, url, **data):
        data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data, allow_redirects=False)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestMemberPortal(MemberPortalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls.make_membership(cls.user_alice.partner_id, cls.plan_credits)
        cls.theirs = cls.make_membership(cls.user_bob.partner_id, cls.plan_strict)

    def test_membership_page(self):
        self.book_for(
            self.user_alice.partner_id,
            self.day(2026, 11, 26, 9),
            self.day(2026, 11, 26, 12),
        )
        self.authenticate("cw_member_alice", "cw_member_alice")
        page = self.url_open("/my/membership").text
        self.assertIn("Test Credits", page)
        self.assertIn('data-state="active"', page)
        self.assertIn('data-balance="7.00"', page)
        self.assertIn("30% of the", page)
        self.assertIn("Meeting Room", page, "usage by kind of space")
        self.assertIn("Test pack of 10 hours", page, "packs to buy")
        home = self.url_open("/my").text
        self.assertIn("/my/membership", home)

    def test_members_see_only_their_membership(self):
        self.authenticate("cw_member_alice", "cw_member_alice")
        response = self.url_open(f"/my/membership/{self.theirs.id}")
        self.assertNotIn(self.theirs.name, response.text)
        self.assertNotIn("Test Strict", response.text)
        self.assertIn(self.mine.name, response.text, "back to their own")
        response = self.post(
            f"/my/membership/{self.theirs.id}/pack", product_id=self.pack.id
        )
        self.assertEqual(response.status_code, 303)
        self.assertFalse(
            self.env["sale.order"].search([("origin", "=", self.theirs.name)])
        )
        # through JSON-RPC too
        result = self.make_jsonrpc_request(
            "/web/dataset/call_kw/coworking.membership/search_read",
            {
                "model": "coworking.membership",
                "method": "search_read",
                "args": [[]],
                "kwargs": {"fields": ["name"]},
            },
        )
        self.assertEqual([row["id"] for row in result], self.mine.ids)

    def test_buy_a_pack_and_pay_it(self):
        self.authenticate("cw_member_alice", "cw_member_alice")
        response = self.post(
            f"/my/membership/{self.mine.id}/pack", product_id=self.pack.id
        )
        self.assertEqual(response.status_code, 303)
        order = self.env["sale.order"].search([("origin", "=", self.mine.name)])
        self.assertEqual(order.order_line.product_id, self.pack)
        self.assertEqual(order.amount_untaxed, 10.0, "the pack's own price")
        self.assertIn(f"/my/orders/{order.id}", response.headers["Location"])
        # a pack the plan does not sell is refused
        response = self.post(
            f"/my/membership/{self.mine.id}/pack", product_id=self.rate_hour.id
        )
        self.assertIn("error=", response.headers["Location"])
        # paid with the demo provider: the hours are added
        provider = self.env.ref("payment.payment_provider_demo")
        tx = self.env["payment.transaction"].create(
            {
                "provider_id": provider.id,
                "payment_method_id": self.env.ref(
                    "payment_demo.payment_method_demo"
                ).id,
                "amount": order.amount_total,
                "currency_id": order.currency_id.id,
                "partner_id": order.partner_id.id,
                "reference": f"{order.name}-pack",
                "operation": "online_redirect",
                "sale_order_ids": [Command.set(order.ids)],
            }
        )
        tx._set_done()
        tx._post_process()
        self.assertEqual(order.state, "sale")
        self.mine.invalidate_recordset()
        self.assertEqual(self.mine.credit_balance, 20.0)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestMemberRefusals(MemberPortalCommon):
    """Access and credit refusals answer clearly on the website and the API."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make_membership(cls.user_alice.partner_id, cls.plan_strict)
        cls.key = (
            cls.env["res.users.apikeys"]
            .with_user(cls.user_alice)
            .sudo()
            ._generate(None, "test", None)
        )

    def api(self, body):
        return self.url_open(
            "/coworking/api/booking/create",
            data=json.dumps(body),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.key}",
            },
        )

    def test_api_refuses_a_kind_outside_the_plan(self):
        before = self.env["coworking.booking"].search_count([])
        response = self.api(
            {
                "space_id": self.hot_desk.id,
                "start": "2026-12-01T10:00:00+01:00",
                "stop": "2026-12-01T11:00:00+01:00",
            }
        )
        self.assertEqual(response.status_code, 422, response.text)
        self.assertEqual(response.json()["error"]["code"], "no_access")
        self.assertEqual(self.env["coworking.booking"].search_count([]), before)

    def test_api_refuses_beyond_the_credits(self):
        body = {
            "space_id": self.room.id,
            "start": "2026-11-26T10:00:00+01:00",
            "stop": "2026-11-26T13:00:00+01:00",
        }
        response = self.api(body)
        self.assertEqual(response.status_code, 201, response.text)
        self.assertEqual(response.json()["booking"]["price"], 0.0)
        body.update(start="2026-11-27T10:00:00+01:00", stop="2026-11-27T12:00:00+01:00")
        response = self.api(body)
        self.assertEqual(response.status_code, 422, response.text)
        self.assertEqual(response.json()["error"]["code"], "no_credits")
        availability = self.url_open(
            "/coworking/api/room/availability?"
            f"space_id={self.room.id}&start=2026-11-27T10:00:00%2B01:00"
            "&stop=2026-11-27T11:00:00%2B01:00",
            headers={"Authorization": f"Bearer {self.key}"},
        ).json()
        self.assertTrue(availability["available"], "one hour is left")

    def test_website_tells_the_member(self):
        self.authenticate("cw_member_alice", "cw_member_alice")
        page = self.url_open(
            f"{self.room.website_url}?date=2026-11-26&duration=120"
        ).text
        self.assertIn('data-mode="credits"', page)
        self.assertIn("Uses 2 of your credit hours", page)
        self.assertIn("4 h left in that period", page)
        page = self.url_open(f"{self.hot_desk.website_url}?date=2026-11-26").text
        self.assertIn('data-mode="none"', page)
        self.assertIn("does not include this", page)
        response = self.url_open(
            f"/coworking/space/{self.hot_desk.id}/book",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "date": "2026-11-26",
                "duration": "60",
                "seats": "1",
                "start_time": "10:00",
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("does not give access to Hot-Desk Zone", response.text)


@tagged("post_install", "-at_install")
class TestMemberTour(MemberPortalCommon):
    """In a browser, on the real clock: a member books a room with credits
    from the website, then sees them spent in the portal."""

    def test_member_books_with_credits(self):
        today = fields.Date.today()
        membership = self.make_membership(
            self.user_alice.partner_id, self.plan_credits, start=today.replace(day=1)
        )
        self.assertEqual(membership.credit_balance, 10.0)
        # next week's Thursday: a working day within the plan's horizon
        thursday = today + relativedelta(weekday=TH, weeks=1)
        self.start_tour(
            f"{self.room.website_url}?date={thursday.isoformat()}&duration=120",
            "coworking_membership_portal_tour",
            login="cw_member_alice",
        )
        booking = self.env["coworking.booking"].search(
            [("partner_id", "=", self.user_alice.partner_id.id)]
        )
        self.assertEqual(booking.state, "confirmed")
        self.assertEqual(booking.stop - booking.start, timedelta(hours=2))
        self.assertEqual(booking.credit_hours, 2.0)
        self.assertEqual(booking.price, 0.0)
        self.assertEqual(membership._credits_left_on(thursday, "meeting_room"), 8.0)
