# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Fixtures of the cashier's desks, shared by the addon's tests.

``DeskCommon`` builds, once per test class:

- ``event``: the company's event running now (Europe/Paris), limited to
  ``SEATS`` seats, with the ``pass_ticket`` (100.00) and the
  ``workshop_ticket`` (40.00) sold through ``ticket_product``;
- ``dinner``: an item the desks sell besides the tickets (20.00); every price
  is untaxed, with the ``tax`` of 10% added;
- ``desk_a`` and ``desk_b``: two desks (``pos.config``) of the event at the
  Test Paris ``location``, with cash control, each with its own cash method
  (``cash_a``, ``cash_b``, each on its own cash journal), and sharing the
  ``card`` method (asks the terminal's reference) and the
  ``membership_method`` (charges the membership,
  ``coworking_membership_charge``);
- ``cashier_a`` operating ``desk_a``, ``cashier_b`` operating ``desk_b`` (the
  Cashier role), and ``pos_manager`` (Point of Sale administrator);
- ``member``, with an active ``membership`` covering today, and
  ``customer``, with none.

The helpers do what the Point of Sale does: ``open_session`` opens a desk
as its cashier (``open_ui`` then the opening cash count), ``sell`` sends a
paid order through ``pos.order.sync_from_ui`` (lines from ``item_line`` and
``ticket_line``, a ticket line carrying its event registrations as pos_event
sends them; payments as ``(method, amount[, values])``), ``refund`` sends
its refund with the reason, and ``close_session`` closes a session as the
closing popup does (cash count, closing control, ``close_session_from_ui``).
Every helper takes the ``user`` acting (the desk's operator by default) and
works from ``setUpClass`` as from a test.

``export_desks`` runs the XLSX export wizard as a user and answers the
workbook's bytes; ``read_xlsx`` reads them back (``{sheet: rows}``),
``as_datetime`` reads a date cell, ``xlsx_formulas`` counts formulas.
"""

import io
import uuid
import zipfile
from datetime import datetime, timedelta
from xml.etree import ElementTree

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.coworking_membership.tests.common import MembershipCommon

try:
    import openpyxl
except ImportError:  # pragma: no cover - openpyxl comes with Odoo's requirements
    openpyxl = None

CASHIER_GROUP = "coworking_base.group_coworking_cashier"
POS_MANAGER_GROUP = "point_of_sale.group_pos_manager"
SEATS = 5
TAX_PERCENT = 10.0


_XLSX_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_EXCEL_EPOCH = datetime(1899, 12, 30)


def read_xlsx(content):
    """The cells of an .xlsx workbook: ``{sheet name: [row values]}``, text
    as ``str``, numbers as ``float`` or ``int``, dates as ``datetime`` (with
    openpyxl; as Excel serial numbers without it, see ``as_datetime``)."""
    if openpyxl:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        return {
            sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in workbook.worksheets
        }
    sheets = {}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        strings = []
        if "xl/sharedStrings.xml" in archive.namelist():
            root = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
            strings = [
                "".join(t.text or "" for t in si.iter(f"{{{_XLSX_NS['m']}}}t"))
                for si in root.findall("m:si", _XLSX_NS)
            ]
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        for index, sheet in enumerate(book.find("m:sheets", _XLSX_NS), start=1):
            root = ElementTree.fromstring(
                archive.read(f"xl/worksheets/sheet{index}.xml")
            )
            rows = []
            for row in root.iter(f"{{{_XLSX_NS['m']}}}row"):
                values = []
                for cell in row.findall("m:c", _XLSX_NS):
                    column = "".join(c for c in cell.get("r") if c.isalpha())
                    position = 0
                    for letter in column:
                        position = position * 26 + ord(letter) - 64
                    values += [None] * (position - 1 - len(values))
                    raw = cell.find("m:v", _XLSX_NS)
                    if raw is None:
                        values.append(None)
                    elif cell.get("t") == "s":
                        values.append(strings[int(raw.text)])
                    else:
                        number = float(raw.text)
                        values.append(int(number) if number.is_integer() else number)
                rows.append(values)
            sheets[sheet.get("name")] = rows
    return sheets


def as_datetime(value):
    """A cell's date as a naive datetime (an Excel serial number or a
    datetime), to the minute."""
    if not isinstance(value, datetime):
        value = _EXCEL_EPOCH + timedelta(days=value)
    return value.replace(second=0, microsecond=0) + timedelta(
        minutes=round(value.second / 60)
    )


def xlsx_formulas(content):
    """The number of formulas written in the workbook's sheets."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return sum(
            archive.read(name).count(b"<f>") + archive.read(name).count(b"<f ")
            for name in archive.namelist()
            if name.startswith("xl/worksheets/")
        )


class DeskCommon(MembershipCommon):
    """Two desks of an event, their cashiers, cash, card and membership
    payment methods, a member and a customer (see the module's docstring)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # attendees and credentials in the test's transaction
        cls.env = cls.env(context=dict(cls.env.context, coworking_attendees_now=True))
        cls.company = cls.env.company
        if not cls.company.chart_template:
            cls.env["account.chart.template"].try_loading(
                "generic_coa", cls.company, install_demo=False
            )
        cls.tax = cls._create_tax()
        Product = cls.env["product.product"]
        cls.ticket_product = Product.create(
            {
                "name": "Test Desk Ticket",
                "type": "service",
                "service_tracking": "event",
                "list_price": 100.0,
                "available_in_pos": True,
                "taxes_id": [Command.set(cls.tax.ids)],
            }
        )
        cls.dinner = Product.create(
            {
                "name": "Test Dinner",
                "type": "service",
                "list_price": 20.0,
                "available_in_pos": True,
                "taxes_id": [Command.set(cls.tax.ids)],
            }
        )
        now = fields.Datetime.now().replace(microsecond=0)
        cls.event = cls.env["event.event"].create(
            {
                "name": "Test Desk Summit",
                "company_id": cls.company.id,
                "date_begin": now - timedelta(hours=1),
                "date_end": now + timedelta(hours=10),
                "date_tz": "Europe/Paris",
                "seats_limited": True,
                "seats_max": SEATS,
            }
        )
        Ticket = cls.env["event.event.ticket"]
        cls.pass_ticket = Ticket.create(
            {
                "name": "Test Pass",
                "event_id": cls.event.id,
                "product_id": cls.ticket_product.id,
                "price": 100.0,
            }
        )
        cls.workshop_ticket = Ticket.create(
            {
                "name": "Test Workshop",
                "event_id": cls.event.id,
                "product_id": cls.ticket_product.id,
                "price": 40.0,
            }
        )
        # people
        cls.cashier_a = new_test_user(
            cls.env,
            login="desk_cashier_a",
            groups=CASHIER_GROUP,
            name="Desk Cashier A",
            tz="Europe/Paris",
        )
        cls.cashier_b = new_test_user(
            cls.env,
            login="desk_cashier_b",
            groups=CASHIER_GROUP,
            name="Desk Cashier B",
            tz="Europe/Paris",
        )
        cls.pos_manager = new_test_user(
            cls.env,
            login="desk_pos_manager",
            groups=f"base.group_user,{POS_MANAGER_GROUP}",
            name="Desk POS Manager",
        )
        Partner = cls.env["res.partner"]
        cls.member = Partner.create(
            {"name": "Desk Member", "email": "desk.member@example.com"}
        )
        cls.customer = Partner.create(
            {"name": "Desk Customer", "email": "desk.customer@example.com"}
        )
        cls.membership = cls.make_membership(
            cls.member,
            cls.plan_unlimited,
            start=fields.Date.context_today(cls.member).replace(day=1),
        )
        # payment methods and desks
        Journal = cls.env["account.journal"]
        Method = cls.env["pos.payment.method"]
        card_journal = Journal.create(
            {"name": "Test Desk Card", "code": "TDCRD", "type": "bank"}
        )
        cls.card = Method.create(
            {
                "name": "Test Card Terminal",
                "journal_id": card_journal.id,
                "coworking_ask_reference": True,
            }
        )
        cls.membership_method = Method.create(
            {"name": "Test Membership", "coworking_membership_charge": True}
        )
        cls.desk_a, cls.cash_a = cls._create_desk("Test Desk A", "TDA", cls.cashier_a)
        cls.desk_b, cls.cash_b = cls._create_desk("Test Desk B", "TDB", cls.cashier_b)

    @classmethod
    def _create_tax(cls):
        """A sales tax of ``TAX_PERCENT``, booked like the company's own."""
        default = cls.company.account_sale_tax_id
        if default:
            return default.copy(
                {
                    "name": "Test Desk VAT",
                    "amount": TAX_PERCENT,
                    "amount_type": "percent",
                    "price_include_override": "tax_excluded",
                }
            )
        account = cls.env["account.account"].create(
            {
                "name": "Test Desk VAT",
                "code": "TDVAT",
                "account_type": "liability_current",
            }
        )
        repartition = [
            Command.create({"repartition_type": "base"}),
            Command.create({"repartition_type": "tax", "account_id": account.id}),
        ]
        return cls.env["account.tax"].create(
            {
                "name": "Test Desk VAT",
                "amount": TAX_PERCENT,
                "type_tax_use": "sale",
                "invoice_repartition_line_ids": repartition,
                "refund_repartition_line_ids": repartition,
            }
        )

    @classmethod
    def _create_desk(cls, name, code, operator):
        """A desk of the event at the location, with a cash method of its own
        (on its own cash journal), the shared card and membership methods,
        and cash control; answer ``(desk, cash method)``."""
        company = cls.company
        loss = company.default_cash_difference_expense_account_id
        profit = company.default_cash_difference_income_account_id
        journal = cls.env["account.journal"].create(
            {
                "name": f"{name} Cash",
                "code": code,
                "type": "cash",
                "loss_account_id": loss.id,
                "profit_account_id": profit.id,
            }
        )
        cash = cls.env["pos.payment.method"].create(
            {"name": f"{name} Cash", "journal_id": journal.id}
        )
        desk = cls.env["pos.config"].create(
            {
                "name": name,
                "coworking_event_id": cls.event.id,
                "coworking_location_id": cls.location.id,
                "coworking_operator_ids": [Command.set(operator.ids)],
                "coworking_item_ids": [Command.set(cls.dinner.ids)],
                "payment_method_ids": [
                    Command.set((cash | cls.card | cls.membership_method).ids)
                ],
                "cash_control": True,
            }
        )
        return desk, cash

    # -- the Point of Sale, as its screens call it --------------------------

    @classmethod
    def operator_of(cls, desk):
        """The user operating ``desk`` (its first operator)."""
        return desk.coworking_operator_ids[:1]

    @classmethod
    def open_session(cls, desk, user=None, opening_cash=0.0):
        """Open ``desk`` as ``user`` (its operator by default), as the
        Point of Sale does: ``open_ui`` creates the session, the cashier
        counts the opening cash. Answer the opened session."""
        user = user or cls.operator_of(desk)
        desk = desk.with_user(user)
        desk.open_ui()
        session = desk.current_session_id
        session.set_opening_control(opening_cash, "")
        return session

    @classmethod
    def _line_amounts(cls, product, qty, price_unit, discount=0.0, partner=None):
        taxes = product.taxes_id.filtered_domain(
            cls.env["account.tax"]._check_company_domain(cls.company)
        )
        price = price_unit * (1 - discount / 100.0)
        if not taxes:
            total = cls.company.currency_id.round(price * qty)
            return taxes, total, total
        values = taxes.compute_all(
            price, cls.company.currency_id, qty, product=product, partner=partner
        )
        return taxes, values["total_excluded"], values["total_included"]

    @classmethod
    def item_line(cls, product, qty=1, price_unit=None, discount=0.0, **extra):
        """An order line of ``product`` as the Point of Sale sends it (price
        from the product unless given; ``extra`` values added as they are)."""
        if price_unit is None:
            price_unit = product.lst_price
        taxes, untaxed, total = cls._line_amounts(product, qty, price_unit, discount)
        return {
            "product_id": product.id,
            "full_product_name": product.display_name,
            "qty": qty,
            "price_unit": price_unit,
            "discount": discount,
            "price_subtotal": untaxed,
            "price_subtotal_incl": total,
            "tax_ids": [Command.set(taxes.ids)],
            "pack_lot_ids": [],
            **extra,
        }

    @classmethod
    def ticket_line(cls, ticket, attendees, **extra):
        """A line selling ``ticket`` to each partner of ``attendees`` (one
        registration each, as pos_event's configurator sends them)."""
        registrations = [
            Command.create(
                {
                    "event_id": ticket.event_id.id,
                    "event_ticket_id": ticket.id,
                    "partner_id": attendee.id,
                    "name": attendee.name,
                    "email": attendee.email,
                }
            )
            for attendee in attendees
        ]
        return cls.item_line(
            ticket.product_id,
            qty=len(attendees),
            price_unit=ticket.price,
            event_ticket_id=ticket.id,
            event_registration_ids=registrations,
            **extra,
        )

    @classmethod
    def order_vals(
        cls,
        session,
        lines,
        payments=None,
        partner=None,
        user=None,
        date=None,
        **extra,
    ):
        """The order the Point of Sale sends for ``lines`` (values of
        ``item_line``/``ticket_line``) in ``session``. ``payments``: a list
        of ``(method, amount)`` or ``(method, amount, values)`` (e.g.
        ``{"transaction_id": "T-1"}`` for a terminal's reference); by
        default the whole total in the desk's cash. ``date``: the order's
        datetime (naive UTC, now by default); ``extra`` values (e.g.
        ``coworking_refund_reason``) are sent as they are."""
        user = user or cls.operator_of(session.config_id)
        order_uuid = str(uuid.uuid4())
        total = sum(line["price_subtotal_incl"] for line in lines)
        untaxed = sum(line["price_subtotal"] for line in lines)
        if payments is None:
            cash = session.config_id.payment_method_ids.filtered("is_cash_count")[:1]
            payments = [(cash, total)]
        when = fields.Datetime.to_string(date or fields.Datetime.now())
        payment_commands = []
        for payment in payments:
            method, amount = payment[0], payment[1]
            values = payment[2] if len(payment) > 2 else {}
            payment_commands.append(
                Command.create(
                    {
                        "amount": amount,
                        "name": when,
                        "payment_date": when,
                        "payment_method_id": method.id,
                        **values,
                    }
                )
            )
        sequence = len(session.sudo().order_ids) + 1
        return {
            "uuid": order_uuid,
            "name": f"Order {order_uuid}",
            "session_id": session.id,
            "sequence_number": sequence,
            "user_id": user.id,
            "partner_id": partner.id if partner else False,
            "pricelist_id": session.config_id.pricelist_id.id,
            "fiscal_position_id": False,
            "date_order": when,
            "lines": [
                Command.create({"uuid": str(uuid.uuid4()), **line}) for line in lines
            ],
            "payment_ids": payment_commands,
            "amount_total": total,
            "amount_tax": total - untaxed,
            "amount_paid": sum(payment[1] for payment in payments),
            "amount_return": 0,
            "to_invoice": False,
            "last_order_preparation_change": "{}",
            **extra,
        }

    @classmethod
    def sell(cls, session, lines, user=None, **kwargs):
        """Send a paid order through ``pos.order.sync_from_ui`` as ``user``
        (the desk's operator by default), as the Point of Sale does; answer
        the order (see ``order_vals`` for ``kwargs``)."""
        user = user or cls.operator_of(session.config_id)
        vals = cls.order_vals(session, lines, user=user, **kwargs)
        result = cls.env["pos.order"].with_user(user).sync_from_ui([vals])
        return cls.env["pos.order"].browse(result["pos.order"][0]["id"])

    @classmethod
    def refund(cls, order, reason, session=None, lines=None, user=None, **kwargs):
        """Refund ``order`` (all its lines unless ``lines``, a subset of
        them) with ``reason``, in ``session`` (the order's by default), paid
        back in the desk's cash unless ``payments``; answer the refund."""
        session = session or order.session_id
        refund_lines = [
            cls.item_line(
                line.product_id,
                qty=-line.qty,
                price_unit=line.price_unit,
                discount=line.discount,
                refunded_orderline_id=line.id,
            )
            for line in (lines or order.lines)
        ]
        return cls.sell(
            session,
            refund_lines,
            user=user,
            partner=kwargs.pop("partner", order.partner_id),
            coworking_refund_reason=reason,
            **kwargs,
        )

    @classmethod
    def expected_cash(cls, session):
        """The cash the drawer of ``session`` should hold: opening count,
        cash payments and cash moves (what Odoo's closing screen shows)."""
        return session.sudo().cash_register_balance_end

    @classmethod
    def export_desks(cls, user, desks=None, date_from=None, date_to=None):
        """Export the transactions as ``user`` through the desk's export
        wizard (its default desks unless ``desks``; today unless dates);
        answer ``(action, bytes of the workbook)``."""
        values = {}
        if desks is not None:
            values["config_ids"] = [Command.set(desks.ids)]
        if date_from:
            values["date_from"] = date_from
        if date_to:
            values["date_to"] = date_to
        wizard = cls.env["coworking.desk.export"].with_user(user).create(values)
        action = wizard.action_export()
        attachment_id = int(action["url"].split("/web/content/")[1].split("?")[0])
        attachment = cls.env["ir.attachment"].with_user(user).browse(attachment_id)
        return action, attachment.raw

    @classmethod
    def close_session(cls, session, counted_cash=None, user=None, notes=""):
        """Close ``session`` as ``user`` (the desk's operator by default)
        the way the Point of Sale's closing popup does, each call a request
        of its own: post the cash counted (the expected amount by default),
        mark the session in closing control with the ``notes``, then
        ``close_session_from_ui``; answer the result of the step that
        stopped, or of the last one."""
        user = user or cls.operator_of(session.config_id)
        session = session.with_user(user)
        if counted_cash is None:
            counted_cash = cls.expected_cash(session)
        # a request reads nothing a previous one left in the cache (Odoo's
        # cash difference is computed without depending on the count)
        cls.env.invalidate_all()
        if session.config_id.cash_control:
            result = session.post_closing_cash_details(counted_cash)
            if not result.get("successful"):
                return result
        cls.env.invalidate_all()
        session.update_closing_control_state_session(notes)
        cls.env.invalidate_all()
        result = session.close_session_from_ui()
        cls.env.invalidate_all()
        return result
