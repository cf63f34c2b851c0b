# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import DeskCommon, read_xlsx


@tagged("post_install", "-at_install")
class TestDeskAccess(DeskCommon):
    """A cashier sees the desks they operate, and nothing of the others; a
    Point of Sale manager sees every desk."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.session_a = cls.open_session(cls.desk_a)
        cls.session_b = cls.open_session(cls.desk_b)
        cls.order_a = cls.sell(cls.session_a, [cls.item_line(cls.dinner)])
        cls.order_b = cls.sell(
            cls.session_b,
            [cls.item_line(cls.dinner, 2)],
            payments=[(cls.card, 44.0, {"transaction_id": "B-TERM-1"})],
        )
        cls.env.flush_all()

    def test_cashier_sees_only_the_configs_they_operate(self):
        Config = self.env["pos.config"].with_user(self.cashier_a)
        self.assertEqual(Config.search([]), self.desk_a)
        self.assertFalse(Config.search([("id", "=", self.desk_b.id)]))

    def test_cashier_sees_only_their_sessions_orders_and_payments(self):
        user = self.cashier_a
        sessions = self.env["pos.session"].with_user(user).search([])
        self.assertEqual(sessions, self.session_a)
        orders = self.env["pos.order"].with_user(user).search([])
        self.assertEqual(orders, self.order_a)
        payments = self.env["pos.payment"].with_user(user).search([])
        self.assertEqual(payments, self.order_a.payment_ids)
        lines = self.env["pos.order.line"].with_user(user).search([])
        self.assertEqual(lines, self.order_a.lines)

    def test_cashier_sees_only_their_statistics(self):
        rows = self.env["report.pos.order"].with_user(self.cashier_b).search([])
        self.assertTrue(rows)
        self.assertEqual(rows.config_id, self.desk_b)
        self.assertEqual(rows.order_id, self.order_b)

    def test_cashier_cannot_open_another_desk(self):
        # the desk's record rules hide it before its operators are checked
        with self.assertRaises(AccessError):
            self.desk_b.with_user(self.cashier_a).open_ui()

    def test_cashier_cannot_read_another_desks_order(self):
        with self.assertRaises(AccessError):
            self.order_b.with_user(self.cashier_a).read(["name", "amount_total"])
        with self.assertRaises(AccessError):
            self.order_b.payment_ids.with_user(self.cashier_a).read(["amount"])
        with self.assertRaises(AccessError):
            self.session_b.with_user(self.cashier_a).read(["name"])

    def test_pos_manager_sees_every_desk(self):
        user = self.pos_manager
        desks = self.desk_a | self.desk_b
        configs = self.env["pos.config"].with_user(user).search([])
        self.assertLessEqual(desks, configs)
        orders = (
            self.env["pos.order"]
            .with_user(user)
            .search([("config_id", "in", desks.ids)])
        )
        self.assertEqual(orders, self.order_a | self.order_b)
        rows = (
            self.env["report.pos.order"]
            .with_user(user)
            .search([("config_id", "in", desks.ids)])
        )
        self.assertEqual(rows.config_id, desks)
        self.order_b.with_user(user).read(["name"])

    def test_cashier_export_holds_their_desk_only(self):
        today = fields.Date.context_today(self.order_a)
        _action, content = self.export_desks(
            self.cashier_a,
            date_from=today - timedelta(days=1),
            date_to=today + timedelta(days=1),
        )
        sheets = read_xlsx(content)
        orders = sheets["Orders"][1:]
        self.assertEqual([row[1] for row in orders], [self.order_a.name])
        self.assertEqual({row[2] for row in orders}, {self.desk_a.name})
        payments = sheets["Payments"][1:]
        self.assertEqual({row[2] for row in payments}, {self.desk_a.name})
        self.assertNotIn("B-TERM-1", {row[7] for row in payments})

    def test_cashier_cannot_export_another_desk(self):
        wizard = (
            self.env["coworking.desk.export"]
            .with_user(self.cashier_a)
            .create({"config_ids": [Command.set(self.desk_b.ids)]})
        )
        with self.assertRaises(AccessError):
            wizard.action_export()

    def test_export_defaults_to_the_cashiers_desks(self):
        wizard = self.env["coworking.desk.export"].with_user(self.cashier_b).create({})
        self.assertEqual(wizard.config_ids, self.desk_b)

    def test_employee_without_the_cashier_role_cannot_export(self):
        employee = new_test_user(
            self.env, login="desk_employee", groups="base.group_user"
        )
        with self.assertRaises(AccessError):
            self.env["coworking.desk.export"].with_user(employee).create(
                {"config_ids": [Command.set(self.desk_a.ids)]}
            )
