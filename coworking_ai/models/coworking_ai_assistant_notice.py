# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the assistant tells members without being asked, in their chat with
it: a booking starting within a day, credit hours ending within a week.
Each is told once: one notice per booking and per credit lot, the database
refusing a second."""

from datetime import timedelta

from odoo import Command, api, fields, models

from .coworking_ai_assistant_reports import EXPIRY_DAYS

# a booking is announced when it starts within this many hours
UPCOMING_HOURS = 24
# notices sent by one call of the scheduled action
BATCH_SIZE = 100


class CoworkingAiAssistantNotice(models.Model):
    _name = "coworking.ai.assistant.notice"
    _description = "Coworking Assistant Notice"
    _order = "id desc"

    kind = fields.Selection(
        [("booking", "Upcoming booking"), ("credit", "Credits about to expire")],
        required=True,
        readonly=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    booking_id = fields.Many2one(
        "coworking.booking", readonly=True, ondelete="cascade", index="btree_not_null"
    )
    credit_id = fields.Many2one(
        "coworking.membership.credit",
        string="Credit Lot",
        readonly=True,
        ondelete="cascade",
        index="btree_not_null",
    )
    partner_ids = fields.Many2many(
        "res.partner", string="Told", readonly=True, help="The people told."
    )

    _sql_constraints = [
        ("booking_uniq", "UNIQUE (booking_id)", "A booking is announced once."),
        ("credit_uniq", "UNIQUE (credit_id)", "An expiry is announced once."),
        (
            "one_subject",
            "CHECK ((kind = 'booking' AND booking_id IS NOT NULL AND credit_id IS NULL)"
            " OR (kind = 'credit' AND credit_id IS NOT NULL AND booking_id IS NULL))",
            "A notice is about a booking or a credit lot.",
        ),
    ]

    # ------------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------------

    @api.model
    def _cron_send_notices(self, batch_size=BATCH_SIZE):
        """Tell members of their bookings starting within a day and of their
        credit hours ending within a week, once each, by batches."""
        batch_size = max(int(batch_size), 1)
        bookings = self._bookings_to_announce()
        lots = self._lots_to_announce()
        if not bookings and not lots:
            return 0  # nothing to tell: the runner counts the job done
        done = 0
        for booking in bookings[:batch_size]:
            self._announce_booking(booking)
            done += 1
        for lot, left in lots[: max(batch_size - done, 0)]:
            self._announce_lot(lot, left)
            done += 1
        remaining = len(bookings) + len(lots) - done
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    @api.model
    def _bookings_to_announce(self):
        now = fields.Datetime.now()
        Booking = self.env["coworking.booking"].sudo()
        bookings = Booking.search(
            [
                ("parent_id", "=", False),
                ("state", "=", "confirmed"),
                ("start", ">", now),
                ("start", "<=", now + timedelta(hours=UPCOMING_HOURS)),
                ("partner_id.user_ids", "!=", False),
            ],
            order="start, id",
        )
        told = self.sudo().search([("booking_id", "in", bookings.ids)]).booking_id
        return bookings - told

    @api.model
    def _lots_to_announce(self):
        today = fields.Date.context_today(self)
        Credit = self.env["coworking.membership.credit"].sudo()
        lots = Credit.search(
            [
                ("type", "in", ("grant", "pack", "rollover", "adjust")),
                ("unit", "=", "hours"),
                ("valid_from", "<=", today),
                ("valid_to", ">=", today),
                ("valid_to", "<=", today + timedelta(days=EXPIRY_DAYS)),
                ("membership_id.state", "=", "active"),
            ],
            order="valid_to, id",
        )
        told = self.sudo().search([("credit_id", "in", lots.ids)]).credit_id
        lots -= told
        remaining = Credit._lot_remaining(lots.ids)
        return [
            (lot, remaining[lot.id]) for lot in lots if remaining.get(lot.id, 0) > 0.005
        ]

    @api.model
    def _tell(self, users, message):
        """Post in the chat of each of ``users`` with the assistant what
        ``message(assistant)`` says in their language."""
        Assistant = self.env["coworking.ai.assistant"]
        for user in users:
            assistant = Assistant.with_user(user).with_context(lang=user.lang)
            channel = assistant._chat_channel(user)
            Assistant._post_as_bot(channel, message(assistant), silent=False)

    @api.model
    def _announce_booking(self, booking):
        users = booking.partner_id.user_ids.filtered("active")
        self.sudo().create(
            {
                "kind": "booking",
                "company_id": booking.company_id.id,
                "booking_id": booking.id,
                "partner_ids": [Command.set(users.partner_id.ids)],
            }
        )

        def message(assistant):
            target = booking.space_id or booking.equipment_id
            return assistant._say(
                assistant.env._(
                    "Reminder: your booking %(name)s, %(space)s (%(location)s), "
                    "%(when)s.",
                    name=booking.name,
                    space=target.name,
                    location=booking.location_id.with_context(
                        lang=assistant.env.lang
                    ).name,
                    when=assistant._fmt_when(booking.start, booking.stop, booking.tz),
                ),
                assistant.env._(
                    "Cannot come? Tell me “cancel %(name)s”.", name=booking.name
                ),
            )

        self._tell(users, message)

    @api.model
    def _announce_lot(self, lot, left):
        membership = lot.membership_id
        partners = membership.member_ids | membership.partner_id
        users = partners.user_ids.filtered("active")
        self.sudo().create(
            {
                "kind": "credit",
                "company_id": membership.company_id.id,
                "credit_id": lot.id,
                "partner_ids": [Command.set(users.partner_id.ids)],
            }
        )

        def message(assistant):
            return assistant._say(
                assistant.env._(
                    "%(hours)s credit hours of your %(plan)s membership end on "
                    "%(day)s: book before then.",
                    hours=format(left, "g"),
                    plan=membership.plan_id.with_context(lang=assistant.env.lang).name,
                    day=assistant._fmt_day(lot.valid_to),
                ),
                assistant.env._("Ask me “free slots tomorrow” to find one."),
            )

        self._tell(users, message)
