# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from odoo.addons.coworking_base.tools import qr_token

from ..tools import bounds


class PosConfig(models.Model):
    """A Point of Sale configuration used as a cashier's desk: the desk of an
    event (its tickets and workshops) or of a location's reception, with the
    cashiers who may open it and the items it sells."""

    _inherit = "pos.config"

    coworking_event_id = fields.Many2one(
        "event.event",
        string="Event",
        check_company=True,
        index="btree_not_null",
        help="The desk sells this event's tickets and workshops only.",
    )
    coworking_location_id = fields.Many2one(
        "coworking.location",
        string="Location",
        check_company=True,
        help="The coworking location whose reception this desk is (it also "
        "tells the location of usage charged to memberships).",
    )
    coworking_operator_ids = fields.Many2many(
        "res.users",
        "coworking_pos_config_operator_rel",
        "config_id",
        "user_id",
        string="Desk Operators",
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("point_of_sale.group_pos_user").ids),
            ("share", "=", False),
        ],
        help="Cashiers who may open this desk. A cashier sees the orders and "
        "figures of their desks only.",
    )
    coworking_item_ids = fields.Many2many(
        "product.product",
        "coworking_pos_config_item_rel",
        "config_id",
        "product_id",
        string="Desk Items",
        domain="[('available_in_pos', '=', True), ('sale_ok', '=', True)]",
        help="Items sold at this desk besides the event's tickets (dinner, "
        "goodies, day passes). Empty: every item available in the Point of Sale.",
    )
    coworking_is_desk = fields.Boolean(
        string="Cashier's Desk",
        compute="_compute_coworking_is_desk",
        store=True,
    )
    coworking_order_count = fields.Integer(
        compute="_compute_coworking_desk_figures", string="Orders Today"
    )
    coworking_amount_today = fields.Monetary(
        compute="_compute_coworking_desk_figures",
        string="Sales Today",
        currency_field="currency_id",
    )

    @api.depends("coworking_event_id", "coworking_location_id")
    def _compute_coworking_is_desk(self):
        for config in self:
            config.coworking_is_desk = bool(
                config.coworking_event_id or config.coworking_location_id
            )

    def _compute_coworking_desk_figures(self):
        today = fields.Datetime.today()
        groups = self.env["pos.order"]._read_group(
            [
                ("config_id", "in", self.ids),
                ("date_order", ">=", today),
                ("state", "in", ("paid", "done", "invoiced")),
            ],
            ["config_id"],
            ["__count", "amount_total:sum"],
        )
        figures = {config.id: (count, total) for config, count, total in groups}
        for config in self:
            count, total = figures.get(config.id, (0, 0.0))
            config.coworking_order_count = count
            config.coworking_amount_today = total

    @api.constrains("coworking_item_ids")
    def _check_coworking_item_ids(self):
        for config in self:
            if len(config.coworking_item_ids) > bounds.MAX_DESK_ITEMS:
                raise ValidationError(
                    self.env._("A desk sells at most %s items.", bounds.MAX_DESK_ITEMS)
                )

    @api.constrains("coworking_operator_ids")
    def _check_coworking_operator_ids(self):
        pos_user = self.env.ref("point_of_sale.group_pos_user")
        for config in self:
            outsiders = config.coworking_operator_ids.filtered(
                lambda user: pos_user not in user.groups_id
            )
            if outsiders:
                raise ValidationError(
                    self.env._(
                        "%s cannot use the Point of Sale: give them the "
                        "Cashier role first.",
                        ", ".join(outsiders.mapped("name")),
                    )
                )

    def _get_available_product_domain(self):
        domain = super()._get_available_product_domain()
        if not self.coworking_item_ids:
            return domain
        # the desk's items, and the products of the tickets it sells
        tickets = self.env["event.event.ticket"].search(
            self.env["event.event.ticket"]._coworking_desk_ticket_domain(self)
        )
        return expression.AND(
            [
                domain,
                [
                    (
                        "id",
                        "in",
                        (self.coworking_item_ids | tickets.product_id).ids,
                    )
                ],
            ]
        )

    def _coworking_check_operator(self):
        """Refuse a cashier who is not an operator of this desk."""
        user = self.env.user
        if user.has_group("point_of_sale.group_pos_manager") or self.env.su:
            return
        for config in self:
            if (
                config.coworking_operator_ids
                and user not in config.coworking_operator_ids
            ):
                raise UserError(
                    self.env._("You are not an operator of the desk %s.", config.name)
                )

    def open_ui(self):
        self._coworking_check_operator()
        return super().open_ui()

    @api.model
    def action_coworking_open_my_desk(self):
        """The cashier's home: straight to their desk (one desk), or the list
        of their desks to choose from."""
        desks = self.search(
            [
                ("coworking_is_desk", "=", True),
                ("coworking_operator_ids", "in", self.env.uid),
            ]
        )
        if len(desks) == 1:
            return desks.open_ui()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "point_of_sale.action_pos_config_kanban"
        )
        action["domain"] = [("id", "in", desks.ids)]
        return action

    def coworking_desk_find_participant(self, code):
        """Find the person at the desk by a scanned QR credential, or by
        name, email or company; answer them with their membership and their
        registrations in the desk's event."""
        self.ensure_one()
        self.check_access("read")
        self._coworking_check_operator()
        if not isinstance(code, str) or not code.strip():
            raise UserError(self.env._("Scan a badge or type a name or an email."))
        code = code.strip()
        if len(code) > bounds.MAX_CODE_LENGTH:
            raise UserError(self.env._("This code is too long to be a badge."))
        message = ""
        if code.startswith(qr_token.PREFIX + "."):
            verdict = self.env["coworking.credential"]._scan_token(code)
            partners = self.env["res.partner"]
            if verdict["valid"]:
                partners = partners.browse(verdict["credential"].sudo().partner_id.id)
            message = verdict["message"]
        else:
            if len(code) > bounds.MAX_SEARCH_LENGTH:
                raise UserError(
                    self.env._(
                        "Type at most %s characters to search.",
                        bounds.MAX_SEARCH_LENGTH,
                    )
                )
            partners = self.env["res.partner"].search(
                [
                    "|",
                    "|",
                    ("name", "ilike", code),
                    ("email", "ilike", code),
                    ("commercial_company_name", "ilike", code),
                    ("type", "=", "contact"),
                ],
                limit=bounds.MAX_SEARCH_RESULTS,
            )
            if not partners:
                message = self.env._(
                    "Nobody matches %s: register the person on the spot.", code
                )
        return {
            "found": bool(partners),
            "message": message,
            "partner_ids": partners.ids,
            "participants": self._coworking_participants(partners),
        }

    def _coworking_participants(self, partners):
        """The people as the desk shows them, with their registrations in
        the desk's event (read in one query for all of them)."""
        self.ensure_one()
        registrations = self.env["event.registration"].sudo()
        if self.coworking_event_id and partners:
            registrations = registrations.search(
                [
                    ("event_id", "=", self.coworking_event_id.id),
                    "|",
                    ("coworking_attendee_id", "in", partners.ids),
                    ("partner_id", "in", partners.ids),
                ],
                limit=bounds.MAX_REGISTRATIONS * len(partners),
            )
        today = fields.Date.context_today(self)
        result = []
        for partner in partners:
            membership = self.env["coworking.booking"]._membership_for(
                partner, company=self.company_id, day=today
            )
            own = registrations.filtered(
                lambda r, partner=partner: partner
                in (r.coworking_attendee_id | r.partner_id)
            )[: bounds.MAX_REGISTRATIONS]
            result.append(
                {
                    "id": partner.id,
                    "name": partner.name,
                    "email": partner.email or "",
                    "company": partner.commercial_company_name or "",
                    "membership": membership.display_name if membership else "",
                    "registrations": own._coworking_desk_summary(),
                }
            )
        return result

    @api.model
    def _coworking_demo_desks(self):
        """Demo: two desks for the Dakar Coworking Summit and one at the Dakar
        reception, with cash, a card terminal and charges to memberships."""
        company = self.env.company
        if not company.chart_template:
            return
        event = self.env.ref(
            "coworking_event_badges.event_event_dakar_summit_demo",
            raise_if_not_found=False,
        )
        location = self.env.ref(
            "coworking_base.coworking_location_dakar_demo", raise_if_not_found=False
        )
        users = self.env.ref("coworking_event_pos.res_users_khady_demo") | (
            self.env.ref("coworking_event_pos.res_users_omar_demo")
        )
        items = (
            self.env.ref("coworking_event_pos.product_dinner_demo")
            | self.env.ref("coworking_event_pos.product_goodies_demo")
            | self.env.ref("coworking_event_pos.product_day_pass_demo")
        )
        Journal = self.env["account.journal"]
        Method = self.env["pos.payment.method"]
        bank = Journal.search(
            [*Journal._check_company_domain(company), ("type", "=", "bank")], limit=1
        )
        card = Method.create(
            {
                "name": self.env._("Card Terminal"),
                "journal_id": bank.id,
                "coworking_ask_reference": True,
            }
        )
        membership = Method.create(
            {
                "name": self.env._("Membership"),
                "coworking_membership_charge": True,
            }
        )
        categories = self.env.ref("pos_event.pos_category_event") | self.env.ref(
            "coworking_event_pos.pos_category_desk_demo"
        )
        xmlids = []
        desks = [
            ("summit_desk_a", "Summit Desk A", "SDA", event, users[0], items[:2]),
            ("summit_desk_b", "Summit Desk B", "SDB", event, users[1], items[:2]),
            ("dakar_reception", "Dakar Reception", "DKR", False, users[1], items),
        ]
        for key, name, code, desk_event, operators, desk_items in desks:
            cash = Method.create(
                {
                    "name": self.env._("Cash"),
                    "journal_id": Journal.create(
                        {"name": f"{name} Cash", "code": code, "type": "cash"}
                    ).id,
                }
            )
            desk = self.create(
                {
                    "name": name,
                    "coworking_event_id": desk_event.id if desk_event else False,
                    "coworking_location_id": location.id if location else False,
                    "coworking_operator_ids": [Command.set(operators.ids)],
                    "coworking_item_ids": [Command.set(desk_items.ids)],
                    "payment_method_ids": [Command.set((cash | card | membership).ids)],
                    "cash_control": True,
                    "limit_categories": True,
                    "iface_available_categ_ids": [Command.set(categories.ids)],
                }
            )
            xmlids.append(
                {
                    "xml_id": f"coworking_event_pos.pos_config_{key}_demo",
                    "record": desk,
                    "noupdate": True,
                }
            )
        xmlids += [
            {
                "xml_id": "coworking_event_pos.pos_payment_method_card_demo",
                "record": card,
                "noupdate": True,
            },
            {
                "xml_id": "coworking_event_pos.pos_payment_method_membership_demo",
                "record": membership,
                "noupdate": True,
            },
        ]
        self.env["ir.model.data"]._update_xmlids(xmlids)
