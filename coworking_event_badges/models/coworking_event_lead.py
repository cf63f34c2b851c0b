# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..exceptions import ScanRefused
from ..tools import bounds


class CoworkingEventLead(models.Model):
    """A visit to an exhibitor's booth: the visitor's badge scanned by the
    booth's staff, with a note. The visitor's contact details are copied at
    the scan: an exhibitor reads those of the people they scanned, and
    nothing else of anyone."""

    _name = "coworking.event.lead"
    _description = "Exhibitor Visit"
    _order = "scanned_at desc, id desc"
    _rec_name = "visitor_name"
    _check_company_auto = True

    sponsor_id = fields.Many2one(
        "event.sponsor",
        string="Exhibitor",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    event_id = fields.Many2one(
        related="sponsor_id.event_id", store=True, index=True, string="Event"
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="Visitor", readonly=True, ondelete="set null"
    )
    registration_id = fields.Many2one(
        "event.registration", readonly=True, ondelete="set null"
    )
    visitor_name = fields.Char(readonly=True, required=True)
    visitor_email = fields.Char(readonly=True)
    visitor_phone = fields.Char(readonly=True)
    visitor_company = fields.Char(readonly=True)
    visitor_function = fields.Char(string="Job Position", readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Scanned By", required=True, readonly=True
    )
    scanned_at = fields.Datetime(required=True, readonly=True)
    nonce = fields.Char(required=True, readonly=True)
    note = fields.Text()

    _sql_constraints = [
        ("nonce_uniq", "UNIQUE (nonce)", "This visit was already recorded."),
    ]

    @api.constrains("note")
    def _check_note_length(self):
        for lead in self:
            if lead.note and len(lead.note) > bounds.MAX_NOTE_LENGTH:
                raise ValidationError(
                    self.env._(
                        "A note holds at most %s characters.", bounds.MAX_NOTE_LENGTH
                    )
                )

    @api.model
    def _coworking_booth_scan(self, sponsor, code, nonce, note=None, scanned_at=None):
        """Record a visit to ``sponsor``'s booth; return ``(lead, duplicate)``.
        Only the booth's staff (or a coworking administrator) scan there, and
        only registered people are recorded."""
        Scan = self.env["coworking.event.scan"]
        now = fields.Datetime.now()
        moment = scanned_at or now
        if note and len(note) > bounds.MAX_NOTE_LENGTH:
            raise ScanRefused(
                self.env._(
                    "A note holds at most %s characters.", bounds.MAX_NOTE_LENGTH
                ),
                code="note_too_long",
            )
        event = sponsor.sudo().event_id
        Scan._ensure_scan_input(event, None, code, nonce, "in", moment, now)
        self._ensure_booth_staff(sponsor)
        existing = self.sudo().search([("nonce", "=", nonce)], limit=1)
        if existing:
            return existing.sudo(self.env.su), True
        identity = (
            Scan.sudo()
            .with_company(event.company_id or self.env.company)
            ._scan_identity(event, code)
        )
        if identity["verdict"]:
            raise ScanRefused(identity["message"], code=identity["verdict"])
        partner = identity["partner"]
        if partner:
            # a retry running at once waits here, then is retried by Odoo
            # and finds this visit (see coworking.event.scan.guard)
            self.env["coworking.event.scan.guard"].sudo()._hold(event, partner=partner)
        registration = (
            self.env["event.registration"]._coworking_confirmed_of(event, partner)[:1]
            if partner
            else identity["registration"].filtered(
                lambda r: r.event_id == event and r.state in ("open", "done")
            )
        )
        if not registration:
            raise ScanRefused(
                self.env._("This visitor is not registered for %s.", event.name),
                code="not_registered",
            )
        lead = self.sudo().create(
            {
                "sponsor_id": sponsor.id,
                "company_id": (event.company_id or self.env.company).id,
                "partner_id": partner.id,
                "registration_id": registration.id,
                "visitor_name": partner.name or registration.name,
                "visitor_email": partner.email or registration.email,
                "visitor_phone": partner.phone or registration.phone,
                "visitor_company": partner.commercial_company_name
                or registration.company_name,
                "visitor_function": partner.function,
                "user_id": self.env.uid,
                "scanned_at": moment,
                "nonce": nonce,
                "note": note,
            }
        )
        return lead.sudo(self.env.su), False

    @api.model
    def _ensure_booth_staff(self, sponsor):
        user = self.env.user
        if user.has_group("coworking_base.group_coworking_manager"):
            return
        if (
            not self.env["coworking.event.role"]
            .sudo()
            .search_count(
                [
                    ("sponsor_id", "=", sponsor.id),
                    ("user_id", "=", user.id),
                    ("role", "=", "exhibitor"),
                ]
            )
        ):
            raise ScanRefused(
                self.env._("You do not work at the booth of %s.", sponsor.name),
                code="forbidden",
            )

    @api.model
    def _booth_statistics(self, sponsor):
        """Visits to a booth: total, today (in the event's timezone), and
        distinct visitors."""
        leads = self.sudo().search([("sponsor_id", "=", sponsor.id)])
        event = sponsor.sudo().event_id
        today = fields.Datetime.context_timestamp(
            self.with_context(tz=event.date_tz or "UTC"), fields.Datetime.now()
        ).date()
        today_count = sum(
            1
            for lead in leads
            if fields.Datetime.context_timestamp(
                self.with_context(tz=event.date_tz or "UTC"), lead.scanned_at
            ).date()
            == today
        )
        return {
            "total": len(leads),
            "today": today_count,
            "visitors": len(leads.partner_id),
        }
