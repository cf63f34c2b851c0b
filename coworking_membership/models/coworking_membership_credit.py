# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from contextlib import contextmanager

import psycopg2.errors

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.coworking_booking.models.coworking_booking import BookingRefused

# Entries that open a lot of credits, and entries that draw on a lot.
LOT_TYPES = ("grant", "pack", "rollover", "adjust")
DRAW_TYPES = ("consume", "refund", "expire")
OVERDRAFT_CONSTRAINT = "coworking_membership_credit_no_overdraft"


class CoworkingMembershipCredit(models.Model):
    """The credit ledger of a membership: the balance is the sum of its lines.

    Credits come in lots (a period's grant, a pack bought, a rollover, a
    manual adjustment), each valid between two dates and usable for one kind
    of space or for any. Consumptions, refunds and expiries draw on one lot;
    the database refuses any line that would take a lot below zero, so two
    bookings at once can never spend the same credits.
    """

    _name = "coworking.membership.credit"
    _description = "Coworking Membership Credit Ledger Line"
    _order = "date desc, id desc"
    _check_company_auto = True

    membership_id = fields.Many2one(
        "coworking.membership",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="membership_id.company_id", store=True, index=True
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    type = fields.Selection(
        [
            ("grant", "Period Grant"),
            ("pack", "Pack Bought"),
            ("rollover", "Rollover"),
            ("adjust", "Adjustment"),
            ("consume", "Booking"),
            ("refund", "Refund"),
            ("expire", "Expiry"),
        ],
        required=True,
        index=True,
    )
    unit = fields.Selection(
        [("hours", "Hours"), ("guest_passes", "Guest Passes")],
        required=True,
        default="hours",
    )
    amount = fields.Float(
        digits=(16, 2),
        required=True,
        help="Hours (or guest passes) added to the balance, or taken from it "
        "when negative.",
    )
    lot_id = fields.Many2one(
        "coworking.membership.credit",
        string="Lot",
        index=True,
        ondelete="restrict",
        help="The credits this line draws on.",
    )
    draw_ids = fields.One2many("coworking.membership.credit", "lot_id")
    valid_from = fields.Date(help="First day the credits of this lot can be used.")
    valid_to = fields.Date(help="Last day the credits of this lot can be used.")
    space_kind_id = fields.Many2one(
        "coworking.space.kind",
        string="For",
        help="Credits for this kind of space only; empty: for any kind the "
        "plan books with credits.",
    )
    remaining = fields.Float(
        digits=(16, 2),
        compute="_compute_remaining",
        help="What is left of a lot.",
    )
    booking_id = fields.Many2one(
        "coworking.booking", index="btree_not_null", ondelete="set null"
    )
    sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Sold By",
        index="btree_not_null",
        ondelete="set null",
        help="The order line of the pack that opened this lot.",
    )
    note = fields.Char()

    _sql_constraints = [
        (
            "lot_sign",
            "CHECK ((type IN ('grant', 'pack', 'rollover', 'adjust') AND amount > 0 "
            "AND lot_id IS NULL AND valid_from IS NOT NULL AND valid_to IS NOT NULL "
            "AND valid_to >= valid_from) "
            "OR (type IN ('consume', 'expire') AND amount < 0 AND lot_id IS NOT NULL) "
            "OR (type = 'refund' AND amount > 0 AND lot_id IS NOT NULL))",
            "A lot adds credits for a period; bookings and expiries take them "
            "from a lot, refunds give them back to it.",
        ),
    ]

    def init(self):
        cr = self.env.cr
        # one grant per membership, period, unit and kind; one expiry per lot;
        # one lot per pack order line
        cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS coworking_membership_credit_grant_uniq
                ON coworking_membership_credit
                   (membership_id, valid_from, unit, COALESCE(space_kind_id, 0))
             WHERE type = 'grant';
            CREATE UNIQUE INDEX IF NOT EXISTS coworking_membership_credit_expire_uniq
                ON coworking_membership_credit (lot_id) WHERE type = 'expire';
            CREATE UNIQUE INDEX IF NOT EXISTS coworking_membership_credit_pack_uniq
                ON coworking_membership_credit (sale_line_id) WHERE type = 'pack';
            """
        )
        # No lot ever goes below zero. The trigger first updates the lot's
        # row: concurrent draws on one lot queue there, and a repeatable-read
        # transaction that waited fails to serialize and is retried on a fresh
        # snapshot, so the sum below always sees every committed line.
        cr.execute(
            """
            CREATE OR REPLACE FUNCTION coworking_membership_credit_check()
            RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                left_amount numeric;
            BEGIN
                IF NEW.lot_id IS NULL THEN
                    RETURN NULL;
                END IF;
                UPDATE coworking_membership_credit SET write_date = write_date
                 WHERE id = NEW.lot_id;
                SELECT SUM(amount) INTO left_amount
                  FROM coworking_membership_credit
                 WHERE id = NEW.lot_id OR lot_id = NEW.lot_id;
                IF left_amount < -0.000001 THEN
                    RAISE EXCEPTION USING
                        ERRCODE = 'check_violation',
                        CONSTRAINT = 'coworking_membership_credit_no_overdraft',
                        MESSAGE = format(
                            'coworking_membership_credit_no_overdraft: lot %s '
                            'would be left with %s', NEW.lot_id, left_amount);
                END IF;
                RETURN NULL;
            END;
            $$;
            DROP TRIGGER IF EXISTS coworking_membership_credit_check
                ON coworking_membership_credit;
            CREATE TRIGGER coworking_membership_credit_check
                AFTER INSERT OR UPDATE OF amount, lot_id
                ON coworking_membership_credit
                FOR EACH ROW EXECUTE FUNCTION coworking_membership_credit_check();
            """
        )

    @api.depends("amount", "draw_ids.amount")
    def _compute_remaining(self):
        lots = self.filtered(lambda line: line.type in LOT_TYPES and line.id)
        remaining = self._lot_remaining(lots.ids)
        for line in self:
            line.remaining = remaining.get(line.id, 0.0) if line in lots else 0.0

    @api.depends("type", "amount", "unit", "membership_id")
    def _compute_display_name(self):
        types = dict(self._fields["type"]._description_selection(self.env))
        for line in self:
            line.display_name = f"{line.membership_id.name} – {types.get(line.type)}"

    @api.model
    def _lot_remaining(self, lot_ids):
        """``{lot_id: what is left}`` in one query."""
        if not lot_ids:
            return {}
        self.flush_model(["amount", "lot_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT COALESCE(lot_id, id), SUM(amount)
                  FROM coworking_membership_credit
                 WHERE id = ANY(%s) OR lot_id = ANY(%s)
                 GROUP BY COALESCE(lot_id, id)
                """,
                lot_ids,
                lot_ids,
            )
        )
        return dict(self.env.cr.fetchall())

    @contextmanager
    def _guard_overdraft(self):
        """Turn the database's refusal of an overdraft into a clear error."""
        try:
            with self.env.cr.savepoint():
                yield
        except psycopg2.errors.CheckViolation as error:
            if (error.diag.constraint_name or "") != OVERDRAFT_CONSTRAINT:
                raise
            self.env.invalidate_all()
            message = self.env._(
                "Not enough credits: they were just spent by another booking."
            )
            raise BookingRefused(message, reasons=[("no_credits", message)]) from None
