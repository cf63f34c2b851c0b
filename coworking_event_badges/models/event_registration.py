# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import SUPERUSER_ID, api, fields, models
from odoo.modules.registry import Registry
from odoo.tools import float_compare

from .coworking_event_role import BADGE_ORDER, ROLES

CONFIRMED = ("open", "done")


class EventRegistration(models.Model):
    """A registration gives its attendee access to the event (once
    confirmed), to the workshops of its ticket (once paid) and to the rooms
    its ticket or itself opens. The attendee is a person with the one
    personal QR credential of ``coworking_base``; Odoo's own registration
    barcode keeps working."""

    _inherit = "event.registration"

    coworking_attendee_id = fields.Many2one(
        "res.partner",
        string="Attendee",
        index=True,
        readonly=True,
        copy=False,
        help="The person attending (the buyer of a ticket may be someone "
        "else): the holder of the QR credential printed on the badge.",
    )
    coworking_location_ids = fields.Many2many(
        "event.track.location",
        string="Extra Rooms",
        help="Restricted rooms opened to this registration besides those of its "
        "ticket.",
    )
    coworking_paid = fields.Boolean(
        string="Paid",
        compute="_compute_coworking_paid",
        store=True,
        help="Free, or sold and paid (online, or its invoice paid).",
    )
    coworking_revoked = fields.Boolean(string="Access Revoked", readonly=True)
    coworking_revoke_reason = fields.Char(string="Revocation Reason", readonly=True)
    coworking_badge_role = fields.Selection(
        ROLES, string="Badge Role", compute="_compute_coworking_badge_role"
    )
    coworking_qr_image = fields.Binary(
        string="Badge QR", compute="_compute_coworking_qr_image"
    )

    @api.depends(
        "sale_status",
        "sale_order_id.transaction_ids.state",
        "sale_order_id.amount_total",
        "sale_order_line_id.invoice_lines.move_id.payment_state",
    )
    def _compute_coworking_paid(self):
        for registration in self:
            registration.coworking_paid = registration._coworking_is_paid()

    def _coworking_is_paid(self):
        self.ensure_one()
        if self.sale_status == "free" or not self.sale_order_id:
            return self.sale_status != "to_pay"
        if self.sale_status != "sold":
            return False
        order = self.sale_order_id.sudo()
        # charged to a membership (coworking_billing): the member's monthly
        # invoice bills it; a refund still revokes the access
        if "coworking_on_account" in order._fields and order.coworking_on_account:
            return True
        if (
            float_compare(
                order.amount_paid,
                order.amount_total,
                precision_rounding=order.currency_id.rounding,
            )
            >= 0
        ):
            return True
        invoices = self.sale_order_line_id.sudo().invoice_lines.move_id.filtered(
            lambda move: move.move_type == "out_invoice" and move.state == "posted"
        )
        return bool(invoices) and all(
            invoice.payment_state in ("paid", "in_payment") for invoice in invoices
        )

    @api.depends("event_id", "coworking_attendee_id")
    def _compute_coworking_badge_role(self):
        roles = (
            self.env["coworking.event.role"]
            .sudo()
            .search(
                [
                    ("event_id", "in", self.event_id.ids),
                    ("partner_id", "in", self.coworking_attendee_id.ids),
                ]
            )
        )
        held = {}
        for role in roles:
            held.setdefault((role.event_id.id, role.partner_id.id), []).append(
                role.role
            )
        for registration in self:
            codes = held.get(
                (registration.event_id.id, registration.coworking_attendee_id.id),
                ["participant"],
            )
            registration.coworking_badge_role = min(codes, key=BADGE_ORDER.index)

    @api.depends("coworking_attendee_id")
    def _compute_coworking_qr_image(self):
        for registration in self:
            credential = registration._coworking_credential()
            registration.coworking_qr_image = credential.sudo().qr_image

    @api.model
    def _coworking_confirmed_of(self, events, partner):
        """The confirmed registrations of ``partner`` (their attendee) in
        ``events``, as superuser."""
        return self.sudo().search(
            [
                ("event_id", "in", events.ids),
                ("coworking_attendee_id", "=", partner.id),
                ("state", "in", CONFIRMED),
            ]
        )

    def _coworking_credential(self):
        """The attendee's active credential of the event's company."""
        self.ensure_one()
        company = self.event_id.company_id or self.env.company
        return (
            self.env["coworking.credential"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self.coworking_attendee_id.id),
                    ("company_id", "=", company.id),
                    ("state", "=", "active"),
                ],
                limit=1,
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        registrations = super().create(vals_list)
        registrations._coworking_schedule_attendees()
        return registrations

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") in CONFIRMED or vals.keys() & {"partner_id", "email"}:
            self._coworking_schedule_attendees()
        return result

    def _coworking_schedule_attendees(self):
        """Give these registrations their attendee and credential once their
        transaction is committed, in a transaction of its own: registering
        costs no more than in Odoo (people created, credentials issued
        later), and a failure there never refuses a registration (the
        attendee's Odoo barcode opens the doors meanwhile; the badge, the
        portal and the API give the attendee on the spot). The context key
        ``coworking_attendees_now`` does it in the same transaction (tests,
        imports)."""
        if not self:
            return
        # while modules load (demo data, imports at install), at once
        if self.env.context.get("coworking_attendees_now") or not self.pool.ready:
            self._coworking_ensure_attendee()
            return
        # one callback a transaction, for every registration it touched
        pending = self.env.cr.postcommit.data.setdefault("coworking_attendees", set())
        if pending:
            pending.update(self.ids)
            return
        pending.update(self.ids)
        dbname = self.env.cr.dbname

        @self.env.cr.postcommit.add
        def ensure_attendees():
            with Registry(dbname).cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                env["event.registration"].browse(sorted(pending)).exists().filtered(
                    lambda r: not r.coworking_attendee_id
                    or (r.state in CONFIRMED and not r._coworking_credential())
                )._coworking_ensure_attendee()

    @api.model
    def _coworking_ensure_attendees_of(self, partner):
        """The registrations of ``partner`` (theirs, or made with their
        email) still waiting for their attendee or credential get them now:
        the pages and answers that show a person's events call it."""
        if not partner:
            return
        email = (partner.email or "").strip()
        domain = [("partner_id", "=", partner.id)]
        if email:
            domain = ["|", *domain, ("email", "=ilike", email)]
        waiting = self.sudo().search(
            [*domain, ("coworking_attendee_id", "=", False)], limit=100
        )
        waiting._coworking_ensure_attendee()

    def _coworking_ensure_attendee(self):
        """Give each registration its attendee (the door recognizes them,
        and tells an unpaid registration from none), and the attendee of a
        confirmed one a credential of the event's company: the one QR of the
        person, valid for every event they are registered in."""
        partners = self.env["res.partner"].sudo()
        for registration in self.sudo():
            attendee = registration.coworking_attendee_id
            if not attendee:
                attendee = registration._coworking_find_attendee()
                registration.coworking_attendee_id = attendee
            if registration.state not in CONFIRMED:
                continue
            company = registration.event_id.company_id or self.env.company
            if attendee and not registration._coworking_credential():
                partners.browse(attendee.id).with_company(
                    company
                )._coworking_issue_credential()

    def _coworking_find_attendee(self):
        self.ensure_one()
        partner = self.partner_id
        email = (self.email or "").strip().lower()
        if partner and (not email or (partner.email or "").strip().lower() == email):
            return partner
        if not email:
            return partner
        found = (
            self.env["res.partner"]
            .sudo()
            .search([("email", "=ilike", email)], order="id", limit=1)
        )
        return found or self.env["res.partner"].sudo().create(
            {
                "name": self.name or email,
                "email": email,
                "phone": self.phone,
                "company_id": self.event_id.company_id.id,
            }
        )

    def _coworking_revoke(self, reason):
        """Withdraw the access of these registrations (a refund): scans
        answer ``revoked``, and the event's organizer is told."""
        active = self.filtered(lambda r: not r.coworking_revoked)
        if not active:
            return
        active.sudo().write(
            {
                "coworking_revoked": True,
                "coworking_revoke_reason": reason,
                "state": "cancel",
            }
        )
        for registration in active:
            registration.sudo().message_post(
                body=self.env._("Access revoked: %s", reason)
            )

    def action_coworking_print_badge(self):
        return self.env.ref(
            "coworking_event_badges.action_report_coworking_badge_a6"
        ).report_action(self)
