# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from collections import defaultdict
from datetime import datetime, time, timedelta

import psycopg2
import pytz
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_amount, format_date

_logger = logging.getLogger(__name__)

BATCH_SIZE = 100
BILLED_STATES = ("confirmed", "checked_in", "done", "no_show")


class CoworkingBillingRun(models.Model):
    """The monthly run of a company: one invoice per member or team for a
    month, holding the membership fees (prorated when the membership starts
    or ends inside the month) and the month's usage: bookings beyond the
    plans' credits, late cancellation fees, orders charged to the membership
    (event registrations), and the usage recorded by the front desk.

    The run is idempotent and resumable: the database allows one invoice per
    party, company and month, and each source once on a live invoice; a run
    stopped in the middle goes on from where it was."""

    _name = "coworking.billing.run"
    _description = "Coworking Monthly Billing Run"
    _inherit = ["mail.thread"]
    _order = "period_start desc, company_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda s: s.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    period_start = fields.Date(string="Month", required=True, index=True)
    period_end = fields.Date(compute="_compute_name", store=True)
    state = fields.Selection(
        [("running", "Running"), ("done", "Done")],
        default="running",
        required=True,
        tracking=True,
    )
    invoice_ids = fields.One2many("account.move", "coworking_run_id", string="Invoices")
    invoice_count = fields.Integer(compute="_compute_totals")
    amount_untaxed = fields.Monetary(compute="_compute_totals")
    amount_total = fields.Monetary(compute="_compute_totals")
    failed_partner_ids = fields.Many2many(
        "res.partner",
        string="Not Invoiced",
        copy=False,
        help="Members or teams whose invoice could not be made: see the log, "
        "fix, then Retry.",
    )
    log = fields.Text(readonly=True, copy=False)
    date_done = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        (
            "period_company_uniq",
            "UNIQUE (company_id, period_start)",
            "There is one billing run per company and month.",
        ),
        (
            "period_first_day",
            "CHECK (EXTRACT(DAY FROM period_start) = 1)",
            "A billing run bills a calendar month.",
        ),
    ]

    @api.depends("period_start")
    @api.depends_context("lang")
    def _compute_name(self):
        for run in self:
            if run.period_start:
                run.period_end = run.period_start + relativedelta(months=1, days=-1)
                run.name = self.env._(
                    "Billing of %(month)s",
                    month=format_date(self.env, run.period_start, date_format="MMMM y"),
                )
            else:
                run.period_end = False
                run.name = False

    @api.depends("invoice_ids.amount_total")
    def _compute_totals(self):
        for run in self:
            invoices = run.invoice_ids.filtered(lambda move: move.state != "cancel")
            run.invoice_count = len(invoices)
            run.amount_untaxed = sum(invoices.mapped("amount_untaxed_signed"))
            run.amount_total = sum(invoices.mapped("amount_total_signed"))

    # ------------------------------------------------------------------
    # Entry points
    # ------------------------------------------------------------------

    @api.model
    def _billing_day(self):
        value = (
            self.env["ir.config_parameter"].sudo().get_param("coworking_billing.day", 1)
        )
        try:
            return min(max(int(value), 1), 28)
        except (TypeError, ValueError):
            return 1

    @api.model
    def _due_period(self, today=None):
        """The last month whose billing day has come."""
        today = today or fields.Date.context_today(self)
        months = 1 if today.day >= self._billing_day() else 2
        return (today - relativedelta(months=months)).replace(day=1)

    @api.model
    def _get_or_create(self, company, period_start):
        run = self.search(
            [("company_id", "=", company.id), ("period_start", "=", period_start)]
        )
        return run or self.create(
            {"company_id": company.id, "period_start": period_start}
        )

    @api.model
    def _cron_monthly_billing(self, batch_size=BATCH_SIZE):
        """Run every day: on the billing day (or the first day after it the
        cron runs), bill the last month for every company, a batch of
        members at a time; a stopped run goes on at the next call."""
        for company in self.env["res.company"].search([]):
            # a month is over when it is over where the company is
            today = datetime.now(company._coworking_tz()).date()
            self._get_or_create(company, self._due_period(today))
        done = remaining = 0
        for run in self.search([("state", "=", "running")], order="period_start, id"):
            if not run._lock_for_billing():
                continue  # a Retry bills this month right now
            billed, remaining = run.with_company(run.company_id)._process(batch_size)
            done += billed
            if remaining:
                break
        # Odoo's cron runner calls again at once while work is done and some
        # remains (done == 0 would read as "fully done": billed tomorrow)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return remaining

    def _lock_for_billing(self):
        """Lock the run for this transaction; False when another transaction
        (a Retry, another worker) holds it or changed it since this one
        began: that one bills the month."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM coworking_billing_run WHERE id = %s"
                        " FOR NO KEY UPDATE NOWAIT",
                        self.id,
                    ),
                    log_exceptions=False,
                )
        except (
            psycopg2.errors.LockNotAvailable,
            psycopg2.errors.SerializationFailure,
        ):
            return False
        return True

    def action_retry(self):
        """Bill the members set aside (once their problem is fixed), and
        whatever was added to the month since; as the cron does, with the
        rights to invoice."""
        self.write({"failed_partner_ids": [Command.clear()], "state": "running"})
        for run in self.sudo():
            while run.with_company(run.company_id)._process(BATCH_SIZE)[1]:
                pass
        return True

    def _coworking_reopen(self):
        """A month whose invoice was cancelled or deleted is billed again at
        the cron's next pass (or by Retry)."""
        self.filtered(lambda run: run.state == "done").write(
            {"state": "running", "date_done": False}
        )

    def _coworking_note_handed_back(self, invoice_name):
        for run in self:
            run.message_post(
                body=self.env._(
                    "%(invoice)s was cancelled or deleted: its charges are back "
                    "in this run, which bills them again at its next pass.",
                    invoice=invoice_name,
                )
            )

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("coworking_run_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------------
    # What to bill
    # ------------------------------------------------------------------

    def _period_utc_end(self):
        """The end of the month as a naive UTC datetime, late enough for
        every timezone: the bookings' local days are checked one by one."""
        self.ensure_one()
        return datetime.combine(self.period_end, time.max) + timedelta(days=1)

    def _membership_sources(self, parties=None):
        """Memberships whose fee is billed this month."""
        self.ensure_one()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("state", "in", ("active", "suspended", "expired", "cancelled")),
            ("plan_id.billing", "=", "recurring"),
            ("subscription_id", "!=", False),
            ("date_start", "<=", self.period_end),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", self.period_start),
        ]
        if parties is not None:
            domain.append(("partner_id", "in", parties.ids))
        memberships = self.env["coworking.membership"].search(domain)
        return memberships.filtered(
            lambda m: m._period_share(self.period_start, self.period_end) > 0
        )

    def _booking_sources(self, parties=None):
        """Bookings of members with something to bill: what their plan
        charges beyond its credits, or a late cancellation fee."""
        self.ensure_one()
        stop = self._period_utc_end()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("membership_id", "!=", False),
            ("coworking_invoice_line_id", "=", False),
            ("start", "<", stop),
            "|",
            "&",
            ("state", "in", BILLED_STATES),
            ("price", ">", 0),
            "&",
            ("state", "=", "cancelled"),
            ("cancel_fee", ">", 0),
        ]
        if parties is not None:
            domain.append(("membership_id.partner_id", "in", parties.ids))
        bookings = self.env["coworking.booking"].search(domain, order="start, id")
        Membership = self.env["coworking.membership"]
        return bookings.filtered(
            lambda b: Membership._booking_day(b) <= self.period_end
        )

    def _usage_sources(self, parties=None):
        self.ensure_one()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("state", "=", "to_invoice"),
            ("date", "<=", self.period_end),
        ]
        if parties is not None:
            domain.append(("billed_partner_id", "in", parties.ids))
        return self.env["coworking.usage"].search(domain, order="date, id")

    def _month_tz(self):
        self.ensure_one()
        return self.company_id._coworking_tz()

    def _order_line_sources(self):
        """Lines of orders charged to a membership, still to invoice, taken
        by the local day of the order (its confirmation, ``date_order``) in
        the month's timezone (``_month_tz``): an order charged at 23:30 on
        the last evening of the month belongs to that month wherever the
        company is."""
        self.ensure_one()
        midnight = datetime.combine(self.period_end + timedelta(days=1), time.min)
        stop = (
            self._month_tz()
            .localize(midnight)
            .astimezone(pytz.utc)
            .replace(tzinfo=None)
        )
        lines = self.env["sale.order.line"].search(
            [
                ("order_id.company_id", "=", self.company_id.id),
                ("order_id.coworking_on_account", "=", True),
                ("order_id.state", "=", "sale"),
                ("order_id.date_order", "<", stop),
                ("invoice_status", "=", "to invoice"),
                ("display_type", "=", False),
            ],
            order="order_id, sequence, id",
        )
        if not lines:
            return lines
        # a line a live monthly invoice billed stays billed, even when a
        # credit note took its quantity back (Sales would invoice it again):
        # a credit note forgives, as for bookings and usage
        billed = self.env["account.move.line"].search(
            [
                ("sale_line_ids", "in", lines.ids),
                ("coworking_source", "!=", False),
                ("parent_state", "!=", "cancel"),
                ("move_id.move_type", "=", "out_invoice"),
            ]
        )
        return lines - billed.sale_line_ids

    def _order_party(self, order):
        membership = self.env["coworking.booking"]._membership_for(
            order.partner_id, company=self.company_id
        )
        if membership:
            return membership.partner_id
        return order.partner_invoice_id.commercial_partner_id

    def _collect(self, parties=None):
        """``{party: {"memberships", "bookings", "usages", "order_lines"}}``
        of what this month bills, in a few queries."""
        self.ensure_one()
        result = defaultdict(
            lambda: {
                "memberships": self.env["coworking.membership"],
                "bookings": self.env["coworking.booking"],
                "usages": self.env["coworking.usage"],
                "order_lines": self.env["sale.order.line"],
            }
        )
        for membership in self._membership_sources(parties):
            result[membership.partner_id]["memberships"] |= membership
        for booking in self._booking_sources(parties):
            result[booking.membership_id.partner_id]["bookings"] |= booking
        for usage in self._usage_sources(parties):
            result[usage.billed_partner_id]["usages"] |= usage
        order_lines = self._order_line_sources()
        for order, lines in order_lines.grouped("order_id").items():
            party = self._order_party(order)
            if parties is None or party in parties:
                result[party]["order_lines"] |= lines
        return result

    def _invoiced_parties(self):
        self.ensure_one()
        return (
            self.env["account.move"]
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("coworking_period_start", "=", self.period_start),
                    ("move_type", "=", "out_invoice"),
                    ("state", "!=", "cancel"),
                ]
            )
            .coworking_billing_partner_id
        )

    def _parties_to_invoice(self):
        self.ensure_one()
        collected = self._collect()
        done = self._invoiced_parties() | self.failed_partner_ids
        parties = self.env["res.partner"].concat(*collected) - done
        return parties.sorted("id")

    # ------------------------------------------------------------------
    # Invoices
    # ------------------------------------------------------------------

    def _process(self, limit=BATCH_SIZE):
        """Invoice up to ``limit`` parties; return ``(parties handled, parties
        left)``."""
        self.ensure_one()
        if self.state == "done":
            return 0, 0
        parties = self._parties_to_invoice()
        batch = parties[:limit]
        if batch:
            self._invoice_parties(batch)
        remaining = len(parties) - len(batch)
        if not remaining:
            self.write({"state": "done", "date_done": fields.Datetime.now()})
            self.message_post(
                body=self.env._(
                    "%(count)s invoices, %(amount)s untaxed.",
                    count=self.invoice_count,
                    amount=format_amount(
                        self.env, self.amount_untaxed, self.currency_id
                    ),
                )
            )
        return len(batch), remaining

    def _invoice_parties(self, parties):
        """One invoice per party, in one batch; when the batch fails, party
        by party, so that one error stops only its own invoice."""
        try:
            with self.env.cr.savepoint():
                return self._create_invoices(parties)
        except (UserError, ValidationError, psycopg2.IntegrityError) as error:
            _logger.info("Billing batch failed (%s), invoicing one by one", error)
        invoices = self.env["account.move"]
        for party in parties:
            try:
                with self.env.cr.savepoint():
                    invoices |= self._create_invoices(party)
            except psycopg2.errors.UniqueViolation:
                # invoiced meanwhile by another run: nothing to do
                continue
            except (UserError, ValidationError, psycopg2.IntegrityError) as error:
                self.env.invalidate_all()
                _logger.warning(
                    "Monthly invoice of %s not created: %s", party.display_name, error
                )
                self.write(
                    {
                        "failed_partner_ids": [Command.link(party.id)],
                        "log": (self.log or "") + f"{party.display_name}: {error}\n",
                    }
                )
        return invoices

    def _create_invoices(self, parties):
        collected = self._collect(parties)
        values = []
        for party in parties:
            sources = collected.get(party)
            if sources:
                invoice_values = self._prepare_invoice(party, sources)
                if invoice_values["invoice_line_ids"]:
                    values.append(invoice_values)
        invoices = (
            self.env["account.move"]
            .with_context(default_move_type="out_invoice")
            .create(values)
        )
        if self._auto_post():
            invoices.action_post()
        self._link_sources(invoices)
        subscriptions = self.env["sale.subscription"].concat(
            *(source["memberships"].subscription_id for source in collected.values())
        )
        if subscriptions:
            subscriptions.sudo().write({"recurring_next_date": self._next_run_date()})
        return invoices

    def _auto_post(self):
        return self.env["ir.config_parameter"].sudo().get_param(
            "coworking_billing.auto_post", "1"
        ) not in ("0", "False", "false", "")

    def _next_run_date(self):
        self.ensure_one()
        return (self.period_start + relativedelta(months=2)).replace(
            day=self._billing_day()
        )

    def _month_label(self):
        return format_date(self.env, self.period_start, date_format="MMMM y")

    def _prepare_invoice(self, party, sources):
        """The values of the invoice of ``party``: a section per kind of
        line (membership fees, bookings, events, other usage)."""
        self.ensure_one()
        _ = self.env._
        lines = []
        sequence = [0]

        def add(values):
            sequence[0] += 10
            lines.append(Command.create({"sequence": sequence[0], **values}))

        def section(name):
            add({"display_type": "line_section", "name": name})

        memberships = sources["memberships"]
        if memberships:
            section(_("Membership fees, %(month)s", month=self._month_label()))
            for membership in memberships:
                for values in self._fee_lines(membership):
                    add(values)
        bookings = sources["bookings"]
        if bookings:
            section(_("Bookings"))
            for booking in bookings:
                add(self._booking_line(booking))
        order_lines = sources["order_lines"]
        event_lines = order_lines.filtered("event_id")
        if event_lines:
            section(_("Events"))
            for line in event_lines:
                add(self._order_line(line, "event"))
        usages = sources["usages"]
        other_lines = order_lines - event_lines
        if usages or other_lines:
            section(_("Other usage"))
            for usage in usages:
                add(self._usage_line(usage))
            for line in other_lines:
                add(self._order_line(line, "usage"))
        subscriptions = memberships.subscription_id
        fiscal_position = self.env["account.fiscal.position"]._get_fiscal_position(
            party
        )
        values = {
            "move_type": "out_invoice",
            "partner_id": party.id,
            "company_id": self.company_id.id,
            "invoice_date": fields.Date.context_today(self),
            "invoice_origin": self.name,
            "invoice_payment_term_id": party.property_payment_term_id.id,
            "fiscal_position_id": fiscal_position.id,
            "coworking_billing_partner_id": party.id,
            "coworking_period_start": self.period_start,
            "coworking_run_id": self.id,
            "subscription_id": subscriptions.id if len(subscriptions) == 1 else False,
            "invoice_line_ids": lines
            if any(not line[2].get("display_type") for line in lines)
            else [],
        }
        return values

    def _fee_lines(self, membership):
        """The fee of the month from the membership's subscription lines, in
        proportion to the days the membership covers."""
        start, stop = self.period_start, self.period_end
        share = membership._period_share(start, stop)
        days = (stop - start).days + 1
        covered = round(share * days)
        result = []
        for sub_line in membership.subscription_id.sudo().sale_subscription_line_ids:
            name = self.env._(
                "%(membership)s, plan %(plan)s, %(month)s",
                membership=membership.name,
                plan=membership.plan_id.name,
                month=self._month_label(),
            )
            if share < 1:
                name += " " + self.env._(
                    "(%(covered)s of %(days)s days)", covered=covered, days=days
                )
            result.append(
                {
                    "product_id": sub_line.product_id.id,
                    "name": name,
                    "quantity": sub_line.product_uom_qty,
                    "price_unit": self.currency_id.round(sub_line.price_unit * share),
                    "discount": sub_line.discount,
                    "tax_ids": [Command.set(sub_line.tax_ids.ids)],
                    "coworking_source": (
                        f"coworking.membership,{membership.id},{start},{sub_line.id}"
                    ),
                    "coworking_stream": "membership",
                }
            )
        return result

    def _booking_line(self, booking):
        target = booking._target()
        # the shortest rate names what is billed beyond the credits (hours),
        # not the first one found (a day rate for two hours)
        product = target._get_rate_products().sorted(
            lambda rate: (rate._coworking_hours_covered(), rate.id)
        )[:1] or self.env.ref("coworking_booking.product_cancellation_fee")
        if booking.state == "cancelled":
            product = self.env.ref("coworking_booking.product_cancellation_fee")
            name = self.env._(
                "Late cancellation of %(booking)s",
                booking=booking._sale_line_description(),
            )
            price = booking.cancel_fee
        else:
            name = booking._sale_line_description()
            if booking.credit_hours:
                name += " " + self.env._(
                    "(%(hours)s h paid with credits)", hours=booking.credit_hours
                )
            price = booking.price
        return {
            "product_id": product.id,
            "name": name,
            "quantity": 1,
            "price_unit": price,
            "coworking_source": f"coworking.booking,{booking.id}",
            "coworking_stream": "booking",
            "coworking_location_id": booking.location_id.id,
        }

    def _usage_line(self, usage):
        return {
            "product_id": usage.product_id.id,
            "name": f"{usage.name} ({format_date(self.env, usage.date)})",
            "quantity": usage.quantity,
            "price_unit": usage.price_unit,
            "coworking_source": f"coworking.usage,{usage.id}",
            "coworking_stream": "usage",
            "coworking_location_id": usage.location_id.id,
        }

    def _order_line(self, line, stream):
        values = line._prepare_invoice_line()
        values.pop("sequence", None)
        values.update(
            {
                "coworking_source": f"sale.order.line,{line.id},{self.period_start}",
                "coworking_stream": stream,
            }
        )
        return values

    def _link_sources(self, invoices):
        """Point each invoiced booking and usage entry to its line, in one
        query per kind."""
        lines = invoices.invoice_line_ids.filtered("coworking_source")
        # pending ORM writes first, so that they never overwrite the update
        self.env["coworking.booking"].flush_model(["coworking_invoice_line_id"])
        self.env["coworking.usage"].flush_model(["invoice_line_id", "state"])
        per_model = defaultdict(list)
        for line in lines:
            model, record_id = line.coworking_source.split(",")[:2]
            per_model[model].append((int(record_id), line.id))
        if per_model.get("coworking.booking"):
            self.env.cr.execute(
                SQL(
                    "UPDATE coworking_booking AS b"
                    " SET coworking_invoice_line_id = v.line"
                    " FROM (VALUES %s) AS v(id, line) WHERE b.id = v.id",
                    SQL(", ").join(
                        SQL("(%s, %s)", rid, lid)
                        for rid, lid in per_model["coworking.booking"]
                    ),
                )
            )
            self.env["coworking.booking"].invalidate_model(
                ["coworking_invoice_line_id"]
            )
        if per_model.get("coworking.usage"):
            self.env.cr.execute(
                SQL(
                    "UPDATE coworking_usage AS u SET invoice_line_id = v.line,"
                    " state = 'invoiced'"
                    " FROM (VALUES %s) AS v(id, line) WHERE u.id = v.id",
                    SQL(", ").join(
                        SQL("(%s, %s)", rid, lid)
                        for rid, lid in per_model["coworking.usage"]
                    ),
                )
            )
            self.env["coworking.usage"].invalidate_model(["invoice_line_id", "state"])

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------

    @api.model
    def _cron_send_invoices(self, batch_size=50):
        """Email the posted monthly invoices not sent yet, a batch at a time."""
        domain = [
            ("coworking_run_id", "!=", False),
            ("state", "=", "posted"),
            ("is_move_sent", "=", False),
            ("move_type", "=", "out_invoice"),
        ]
        invoices = self.env["account.move"].search(domain, limit=batch_size)
        for invoice in invoices:
            if not invoice.partner_id.email:
                invoice.is_move_sent = True  # nobody to send it to
                continue
            self.env["account.move.send"]._generate_and_send_invoices(
                invoice, sending_methods=["email"]
            )
        self.env["ir.cron"]._notify_progress(
            done=len(invoices),
            remaining=self.env["account.move"].search_count(domain),
        )
        return invoices
