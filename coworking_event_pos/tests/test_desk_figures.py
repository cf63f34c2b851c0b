# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time, timedelta
from unittest.mock import patch

import pytz

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from ..tools import bounds
from .common import DeskCommon, as_datetime, read_xlsx, xlsx_formulas

FORMULA_NAME = '=HYPERLINK("http://evil.example","click")'


@tagged("post_install", "-at_install")
class TestDeskFigures(DeskCommon):
    """A morning at desk A (50.00 in the drawer at opening):

    - a pass and two dinners paid in cash (154.00);
    - a dinner paid by card, terminal reference TERM-0042 (22.00);
    - a member's dinner charged to the membership (22.00);
    - the two dinners of the first order refunded in cash (-44.00);
    - a dinner paid in cash by a customer whose name looks like a formula
      (22.00);

    and a dinner paid in cash at desk B (22.00). Prices are untaxed, with
    10% of tax."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.day = fields.Date.today()
        start = datetime.combine(cls.day, time(8, 0))

        def at(minutes):
            return start + timedelta(minutes=minutes)

        cls.session_a = cls.open_session(cls.desk_a, opening_cash=50.0)
        cls.session_b = cls.open_session(cls.desk_b)
        cls.sale = cls.sell(
            cls.session_a,
            [
                cls.ticket_line(cls.pass_ticket, cls.customer),
                cls.item_line(cls.dinner, 2),
            ],
            partner=cls.customer,
            date=at(0),
        )
        cls.card_sale = cls.sell(
            cls.session_a,
            [cls.item_line(cls.dinner)],
            payments=[(cls.card, 22.0, {"transaction_id": "TERM-0042"})],
            date=at(10),
        )
        cls.member_sale = cls.sell(
            cls.session_a,
            [cls.item_line(cls.dinner)],
            partner=cls.member,
            payments=[(cls.membership_method, 22.0)],
            date=at(20),
        )
        cls.refund_order = cls.refund(
            cls.sale,
            "Dinner cancelled",
            lines=cls.sale.lines.filtered(lambda line: line.product_id == cls.dinner),
            date=at(30),
        )
        cls.trickster = cls.env["res.partner"].create({"name": FORMULA_NAME})
        cls.trick_sale = cls.sell(
            cls.session_a,
            [cls.item_line(cls.dinner)],
            partner=cls.trickster,
            date=at(40),
        )
        cls.sale_b = cls.sell(cls.session_b, [cls.item_line(cls.dinner)], date=at(5))
        cls.orders_a = (
            cls.sale
            | cls.card_sale
            | cls.member_sale
            | cls.refund_order
            | cls.trick_sale
        )
        cls.env.flush_all()

    def export(self, user=None, desks=None):
        _action, content = self.export_desks(
            user or self.cashier_a, desks=desks, date_from=self.day, date_to=self.day
        )
        return read_xlsx(content)

    def test_fixture_orders_are_paid(self):
        self.assertEqual(set(self.orders_a.mapped("state")), {"paid"})
        self.assertEqual(self.sale.amount_total, 154.0)
        self.assertEqual(self.refund_order.amount_total, -44.0)

    # -- the workbook ---------------------------------------------------

    def test_export_downloads_an_attachment(self):
        action, content = self.export_desks(
            self.cashier_a, date_from=self.day, date_to=self.day
        )
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertTrue(action["url"].endswith("?download=true"))
        self.assertTrue(content.startswith(b"PK"))

    def test_export_lists_each_order_of_the_desk(self):
        rows = self.export()["Orders"]
        self.assertEqual(rows[0][:3], ["Date", "Order", "Desk"])
        orders = rows[1:]
        self.assertEqual([row[1] for row in orders], self.orders_a.mapped("name"))
        sale = orders[0]
        self.assertEqual(sale[2], "Test Desk A")
        self.assertEqual(sale[3], self.session_a.name)
        self.assertEqual(sale[4], "Desk Cashier A")
        self.assertEqual(sale[5], "Desk Customer")
        self.assertIn("1 × Test Pass", sale[6])
        self.assertIn("2 × Test Dinner", sale[6])
        self.assertEqual(sale[7:11], [140.0, 14.0, 154.0, self.sale.currency_id.name])
        self.assertEqual(sale[11], "Test Desk A Cash")
        self.assertEqual(orders[1][11], "Test Card Terminal")
        self.assertEqual(orders[2][11], "Test Membership")

    def test_export_refund_row_carries_its_reason(self):
        refund = self.export()["Orders"][4]
        self.assertEqual(refund[1], self.refund_order.name)
        self.assertEqual(refund[6], "-2 × Test Dinner")
        self.assertEqual(refund[7:10], [-40.0, -4.0, -44.0])
        self.assertEqual(refund[12], "Dinner cancelled")

    def test_export_dates_are_on_the_desks_clock(self):
        rows = self.export()["Orders"][1:]
        paris = pytz.timezone("Europe/Paris")
        expected = (
            pytz.utc.localize(self.sale.date_order)
            .astimezone(paris)
            .replace(tzinfo=None)
        )
        self.assertEqual(as_datetime(rows[0][0]), expected)
        self.assertNotEqual(expected, self.sale.date_order)

    def test_export_payments_carry_the_terminal_reference(self):
        rows = self.export()["Payments"]
        self.assertEqual(
            rows[0][4:8], ["Payment Method", "Amount", "Currency", "Terminal Reference"]
        )
        by_order = {row[1]: row for row in rows[1:]}
        card = by_order[self.card_sale.name]
        self.assertEqual(card[4:6], ["Test Card Terminal", 22.0])
        self.assertEqual(card[7], "TERM-0042")
        self.assertEqual(by_order[self.refund_order.name][5], -44.0)
        self.assertFalse(by_order[self.sale.name][7])

    def test_export_summary_totals_per_desk_and_method(self):
        rows = [row for row in self.export()["Summary"] if any(row)]
        self.assertEqual(rows[0][0], "Desks")
        self.assertEqual(
            rows[1][:7],
            ["Desk", "Orders", "Refunds", "Refunded", "Untaxed", "Taxes", "Total"],
        )
        self.assertEqual(rows[2][:7], ["Test Desk A", 5, 1, -44.0, 160.0, 16.0, 176.0])
        self.assertEqual(rows[3][0], "Payment Methods")
        methods = {row[1]: row[2:4] for row in rows[5:]}
        self.assertEqual(
            methods,
            {
                "Test Desk A Cash": [3, 132.0],
                "Test Card Terminal": [1, 22.0],
                "Test Membership": [1, 22.0],
            },
        )

    def test_export_of_both_desks_by_a_manager(self):
        sheets = self.export(self.pos_manager, desks=self.desk_a | self.desk_b)
        summary = [row for row in sheets["Summary"] if any(row)]
        self.assertEqual(
            [row[:2] for row in summary[2:4]], [["Test Desk A", 5], ["Test Desk B", 1]]
        )
        self.assertEqual(
            [row[:2] for row in summary[6:]],
            [
                ["Test Desk A", "Test Card Terminal"],
                ["Test Desk A", "Test Desk A Cash"],
                ["Test Desk A", "Test Membership"],
                ["Test Desk B", "Test Desk B Cash"],
            ],
        )
        rows = sheets["Orders"]
        self.assertEqual(
            {row[1] for row in rows[1:]},
            set((self.orders_a | self.sale_b).mapped("name")),
        )

    def test_export_writes_text_never_formulas(self):
        _action, content = self.export_desks(
            self.cashier_a, date_from=self.day, date_to=self.day
        )
        self.assertEqual(xlsx_formulas(content), 0)
        rows = read_xlsx(content)["Orders"]
        self.assertEqual(rows[5][5], FORMULA_NAME)

    # -- bounds -----------------------------------------------------------

    def assertRefusedBeforeWork(self, values, message):
        Attachment = self.env["ir.attachment"]
        before = Attachment.search_count([("res_model", "=", "coworking.desk.export")])
        wizard = (
            self.env["coworking.desk.export"].with_user(self.cashier_a).create(values)
        )
        with self.assertRaisesRegex(UserError, message):
            wizard.action_export()
        after = Attachment.search_count([("res_model", "=", "coworking.desk.export")])
        self.assertEqual(before, after)

    def test_export_refuses_a_range_too_long(self):
        self.assertRefusedBeforeWork(
            {
                "date_from": self.day - timedelta(days=bounds.MAX_EXPORT_DAYS),
                "date_to": self.day,
            },
            "at most",
        )

    def test_export_refuses_no_desk(self):
        self.assertRefusedBeforeWork(
            {"config_ids": [Command.clear()]}, "Choose the desks"
        )

    def test_export_refuses_days_out_of_order(self):
        self.assertRefusedBeforeWork(
            {"date_from": self.day, "date_to": self.day - timedelta(days=1)},
            "comes before",
        )

    def test_export_refuses_too_many_orders(self):
        with patch.object(bounds, "MAX_EXPORT_ORDERS", 4):
            self.assertRefusedBeforeWork(
                {"date_from": self.day, "date_to": self.day}, "more than 4 orders"
            )

    # -- statistics -------------------------------------------------------

    def test_statistics_action_shows_desks_only(self):
        action = self.env.ref(
            "coworking_event_pos.report_pos_order_action_coworking_desk"
        )
        domain = safe_eval(action.domain)
        self.assertEqual(domain, [("coworking_is_desk", "=", True)])
        Report = self.env["report.pos.order"].with_user(self.pos_manager)
        rows = Report.search(domain)
        self.assertTrue(all(rows.config_id.mapped("coworking_is_desk")))
        self.assertLessEqual(self.desk_a | self.desk_b, rows.config_id)
        non_desk_rows = Report.search([("coworking_is_desk", "=", False)])
        self.assertFalse(non_desk_rows.config_id & (self.desk_a | self.desk_b))

    def test_statistics_per_desk_and_day(self):
        Report = self.env["report.pos.order"].with_user(self.pos_manager)
        groups = Report._read_group(
            [
                ("coworking_is_desk", "=", True),
                ("coworking_event_id", "=", self.event.id),
            ],
            ["config_id", "date:day"],
            ["price_total:sum", "order_id:count_distinct"],
        )
        figures = {(desk, total, count) for desk, _day, total, count in groups}
        self.assertEqual(figures, {(self.desk_a, 176.0, 5), (self.desk_b, 22.0, 1)})

    # -- closing ----------------------------------------------------------

    def test_closing_balances_the_cash_drawer(self):
        self.assertEqual(self.expected_cash(self.session_a), 182.0)
        result = self.close_session(self.session_a, counted_cash=182.0)
        self.assertTrue(result["successful"], result)
        session = self.session_a
        self.assertEqual(session.state, "closed")
        self.assertEqual(session.cash_register_balance_end_real, 182.0)
        self.assertEqual(session.cash_register_balance_end, 182.0)
        self.assertEqual(session.cash_register_difference, 0.0)
        # the drawer's statement: the cash taken, and no profit or loss
        statement = session.sudo().statement_line_ids
        self.assertEqual(sum(statement.mapped("amount")), 132.0)
        journal = self.cash_a.journal_id
        self.assertFalse(
            statement.move_id.line_ids.account_id
            & (journal.loss_account_id | journal.profit_account_id),
            "a cash count equal to the expected amount posts no difference",
        )
        move = session.sudo().move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(
            sum(move.line_ids.mapped("debit")), sum(move.line_ids.mapped("credit"))
        )
        self.assertEqual(set(self.orders_a.mapped("state")), {"done"})

    def test_closing_debits_the_membership_clearing_account(self):
        self.close_session(self.session_a, counted_cash=182.0)
        clearing = self.company._coworking_membership_clearing_account()
        lines = self.session_a.sudo().move_id.line_ids.filtered(
            lambda line: line.account_id == clearing
        )
        self.assertEqual(sum(lines.mapped("debit")), 22.0)
        self.assertEqual(sum(lines.mapped("credit")), 0.0)
