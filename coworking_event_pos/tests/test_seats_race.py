# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import threading
import uuid
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.coworking_base.tests.common import TwoTransactionsMixin


@tagged("post_install", "-at_install")
class TestSeatsRace(TwoTransactionsMixin, TransactionCase):
    """Two desks and the website sell the last seat of an event at the same
    moment, each in its own real transaction: one sale, two clear refusals.
    Fixtures are committed (each transaction must see them) and removed."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = self._env(cr)
            now = fields.Datetime.now()
            event = env["event.event"].create(
                {
                    "name": "Last Seat Forum",
                    "date_begin": now + timedelta(hours=2),
                    "date_end": now + timedelta(hours=8),
                    "date_tz": "UTC",
                    "seats_limited": True,
                    "seats_max": 2,
                }
            )
            ticket = env["event.event.ticket"].create(
                {
                    "name": "Forum Pass",
                    "event_id": event.id,
                    "product_id": env.ref("event_product.product_product_event").id,
                    "price": 10.0,
                }
            )
            partners = env["res.partner"].create(
                [
                    {"name": f"Racer {name}", "email": f"racer.{name}@t.example"}
                    for name in ("early", "desk_a", "desk_b", "web")
                ]
            )
            # one seat is already taken: one is left
            env["event.registration"].create(
                {
                    "event_id": event.id,
                    "event_ticket_id": ticket.id,
                    "partner_id": partners[0].id,
                    "state": "open",
                }
            )
            # the website's customer has the last seat in her cart (a draft
            # registration) and is paying
            order = env["sale.order"].create(
                {
                    "partner_id": partners[3].id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": ticket.product_id.id,
                                "event_id": event.id,
                                "event_ticket_id": ticket.id,
                                "product_uom_qty": 1,
                            }
                        )
                    ],
                }
            )
            order.order_line._init_registrations()
            desks = env["pos.config"]
            journals = env["account.journal"]
            methods = env["pos.payment.method"]
            for letter in ("A", "B"):
                journal = env["account.journal"].create(
                    {
                        "name": f"Race Desk {letter} Cash",
                        "code": f"RC{letter}",
                        "type": "cash",
                    }
                )
                method = env["pos.payment.method"].create(
                    {"name": f"Race Cash {letter}", "journal_id": journal.id}
                )
                desk = env["pos.config"].create(
                    {
                        "name": f"Race Desk {letter}",
                        "coworking_event_id": event.id,
                        "payment_method_ids": [Command.set(method.ids)],
                    }
                )
                env["pos.session"].create({"config_id": desk.id, "user_id": env.uid})
                desks |= desk
                journals |= journal
                methods |= method
            self.fixture = {
                "event": event.id,
                "ticket": ticket.id,
                "partners": partners.ids,
                "order": order.id,
                "desks": desks.ids,
                "journals": journals.ids,
                "methods": methods.ids,
            }
        self.addCleanup(self._remove_fixtures)

    def _remove_fixtures(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            ids = self.fixture
            sessions = env["pos.session"].search([("config_id", "in", ids["desks"])])
            cr.execute(
                "DELETE FROM event_registration WHERE event_id = %s", [ids["event"]]
            )
            orders = env["pos.order"].search([("session_id", "in", sessions.ids)])
            cr.execute(
                "DELETE FROM pos_payment WHERE pos_order_id = ANY(%s)", [orders.ids]
            )
            cr.execute(
                "DELETE FROM pos_order_line WHERE order_id = ANY(%s)", [orders.ids]
            )
            cr.execute("DELETE FROM pos_order WHERE id = ANY(%s)", [orders.ids])
            cr.execute("DELETE FROM pos_session WHERE id = ANY(%s)", [sessions.ids])
            env.invalidate_all()
            env["pos.config"].browse(ids["desks"]).unlink()
            env["pos.payment.method"].browse(ids["methods"]).unlink()
            env["account.journal"].browse(ids["journals"]).unlink()
            order = env["sale.order"].browse(ids["order"])
            order.action_cancel()
            order.unlink()
            env["coworking.event.scan.guard"].search(
                [("event_id", "=", ids["event"])]
            ).unlink()
            env["event.event"].browse(ids["event"]).unlink()
            env["coworking.credential"].search(
                [("partner_id", "in", ids["partners"])]
            ).unlink()
            env["res.partner"].browse(ids["partners"]).unlink()

    # the three sellers -------------------------------------------------

    def _sell_at_desk(self, cr, index):
        env = self._env(cr)
        desk = env["pos.config"].browse(self.fixture["desks"][index])
        ticket = env["event.event.ticket"].browse(self.fixture["ticket"])
        partner = env["res.partner"].browse(self.fixture["partners"][1 + index])
        method = env["pos.payment.method"].browse(self.fixture["methods"][index])
        key = str(uuid.uuid4())
        now = fields.Datetime.to_string(fields.Datetime.now())
        result = env["pos.order"].sync_from_ui(
            [
                {
                    "uuid": key,
                    "name": f"Order {key}",
                    "session_id": desk.current_session_id.id,
                    "sequence_number": 1,
                    "user_id": env.uid,
                    "partner_id": partner.id,
                    "pricelist_id": desk.pricelist_id.id,
                    "fiscal_position_id": False,
                    "date_order": now,
                    "amount_paid": 10.0,
                    "amount_return": 0.0,
                    "amount_tax": 0.0,
                    "amount_total": 10.0,
                    "to_invoice": False,
                    "last_order_preparation_change": "{}",
                    "lines": [
                        Command.create(
                            {
                                "product_id": ticket.product_id.id,
                                "qty": 1,
                                "price_unit": 10.0,
                                "price_subtotal": 10.0,
                                "price_subtotal_incl": 10.0,
                                "tax_ids": [Command.set([])],
                                "pack_lot_ids": [],
                                "event_ticket_id": ticket.id,
                                "event_registration_ids": [
                                    Command.create(
                                        {
                                            "event_id": ticket.event_id.id,
                                            "event_ticket_id": ticket.id,
                                            "partner_id": partner.id,
                                            "name": partner.name,
                                            "email": partner.email,
                                        }
                                    )
                                ],
                            }
                        )
                    ],
                    "payment_ids": [
                        Command.create(
                            {
                                "amount": 10.0,
                                "name": now,
                                "payment_method_id": method.id,
                            }
                        )
                    ],
                }
            ]
        )
        return result["pos.order"][0]["id"]

    def _pay_online(self, cr):
        env = self._env(cr)
        order = env["sale.order"].browse(self.fixture["order"])
        order.action_confirm()
        return order.order_line.registration_ids.state

    def _refused(self, work, outcome):
        """Run ``work`` as Odoo's request loop does; a refusal is an answer."""

        def answer(cr):
            try:
                result = work(cr)
                # Odoo's request loop writes the changes before answering
                cr.flush()
                return result
            except (UserError, ValidationError) as error:
                cr.rollback()
                return error

        with mute_logger("odoo.sql_db"):
            self.run_retrying(answer, outcome)

    def _seats_taken(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM event_registration WHERE event_id = %s "
                "AND state IN ('open', 'done') AND active",
                [self.fixture["event"]],
            )
            return cr.fetchone()[0]

    def test_two_desks_and_the_website_sell_the_last_seat_once(self):
        outcomes = [{}, {}]
        cr_a = self.registry.cursor()
        try:
            order_a = self._sell_at_desk(cr_a, 0)
            threads = [
                threading.Thread(
                    target=self._refused,
                    args=(lambda cr: self._sell_at_desk(cr, 1), outcomes[0]),
                ),
                threading.Thread(
                    target=self._refused, args=(self._pay_online, outcomes[1])
                ),
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(2)
            self.assertTrue(
                all(thread.is_alive() for thread in threads),
                "the second desk and the website did not wait for the first desk",
            )
            cr_a.commit()
        finally:
            cr_a.close()
        for thread in threads:
            thread.join(60)
            self.assertFalse(thread.is_alive())
        self.assertTrue(order_a)
        for outcome in outcomes:
            # each waited for desk A, ran again on a fresh snapshot and was
            # refused with Odoo's message about the seats
            self.assertGreaterEqual(outcome["retries"], 1)
            self.assertIsInstance(outcome["result"], ValidationError)
            self.assertIn("not enough seats", str(outcome["result"]))
        self.assertEqual(self._seats_taken(), 2)

    def test_a_sale_past_the_orm_is_refused_at_commit(self):
        """The database counts the seats itself at commit: a registration
        written in SQL, past Odoo's check, cannot oversell either."""
        with self.registry.cursor() as cr:
            cr.execute(
                "UPDATE event_registration SET state = 'open' "
                "WHERE sale_order_id = %s",
                [self.fixture["order"]],
            )
            cr.execute(
                "INSERT INTO event_registration (event_id, event_ticket_id, "
                "state, active, name, company_id) "
                "SELECT id, %s, 'open', TRUE, 'Intruder', company_id "
                "FROM event_event WHERE id = %s",
                [self.fixture["ticket"], self.fixture["event"]],
            )
            with (
                self.assertRaisesRegex(Exception, "coworking_event_sold_out"),
                mute_logger("odoo.sql_db"),
            ):
                cr.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cr.rollback()
        self.assertEqual(self._seats_taken(), 1)
