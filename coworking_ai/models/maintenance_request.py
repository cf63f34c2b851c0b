# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Maintenance requests created by the predictive maintenance: their reason,
score and explanation, and the database's guarantee that one equipment never
has two open requests for the same reason."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

AI_REASONS = [
    ("wear", "Predicted wear"),
    ("overdue", "Overdue maintenance"),
]
# one open request per maintenance equipment and reason
OPEN_REASON_INDEX = "maintenance_request_coworking_ai_open_reason_uniq"


class MaintenanceRequest(models.Model):
    _inherit = "maintenance.request"

    coworking_equipment_id = fields.Many2one(
        "coworking.equipment",
        string="Coworking Equipment",
        compute="_compute_coworking_equipment_id",
        store=True,
        index="btree_not_null",
        help="The coworking's equipment followed through this maintenance record.",
    )
    coworking_ai_reason = fields.Selection(
        AI_REASONS,
        string="Predicted Because",
        readonly=True,
        copy=False,
        help="Set when the predictive maintenance created the request.",
    )
    coworking_ai_score = fields.Float(
        string="Failure Risk",
        readonly=True,
        copy=False,
        digits=(5, 3),
        aggregator="max",
        help="The risk of a failure before the next check when the request "
        "was created (or last found still open).",
    )
    coworking_ai_explanation = fields.Html(
        string="Why This Request",
        readonly=True,
        copy=False,
        sanitize=True,
    )
    coworking_ai_open = fields.Boolean(
        string="Open",
        compute="_compute_coworking_ai_open",
        store=True,
        precompute=True,
        help="Neither done (its stage) nor cancelled (archived). Kept by the "
        "database as well (a trigger on the request), for its unique index.",
    )

    @api.depends("equipment_id")
    def _compute_coworking_equipment_id(self):
        linked = (
            self.env["coworking.equipment"]
            .with_context(active_test=False)
            .search([("maintenance_equipment_id", "in", self.equipment_id.ids)])
        )
        by_record = {e.maintenance_equipment_id.id: e for e in linked}
        for request in self:
            request.coworking_equipment_id = by_record.get(request.equipment_id.id)

    @api.depends("stage_id.done", "archive")
    def _compute_coworking_ai_open(self):
        for request in self:
            request.coworking_ai_open = (
                not request.archive and not request.stage_id.done
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._ensure_coworking_ai_reason_free(
            [
                (
                    self.browse(),
                    vals.get("equipment_id"),
                    vals.get("coworking_ai_reason"),
                    not vals.get("archive")
                    and not self.env["maintenance.stage"]
                    .browse(vals.get("stage_id") or self._default_stage().id)
                    .done,
                )
                for vals in vals_list
            ]
        )
        return super().create(vals_list)

    def write(self, vals):
        if {"coworking_ai_reason", "equipment_id", "stage_id", "archive"} & set(vals):
            stage = self.env["maintenance.stage"].browse(vals.get("stage_id"))
            self._ensure_coworking_ai_reason_free(
                [
                    (
                        request,
                        vals.get("equipment_id", request.equipment_id.id),
                        vals.get("coworking_ai_reason", request.coworking_ai_reason),
                        not vals.get("archive", request.archive)
                        and not (
                            stage if "stage_id" in vals else request.stage_id
                        ).done,
                    )
                    for request in self
                ]
            )
        return super().write(vals)

    def _ensure_coworking_ai_reason_free(self, futures):
        """Refuse, with a clear message, a second open predicted request for
        the same equipment and reason (the unique index decides under
        concurrency). ``futures``: ``(request or empty, equipment id,
        reason, open)`` as they are about to be."""
        wanted = [
            (request, equipment, reason)
            for request, equipment, reason, is_open in futures
            if equipment and reason and is_open
        ]
        if not wanted:
            return
        others = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("id", "not in", [r.id for r, _e, _k in wanted if r.id]),
                    ("equipment_id", "in", [e for _r, e, _k in wanted]),
                    ("coworking_ai_reason", "!=", False),
                    ("coworking_ai_open", "=", True),
                ]
            )
        )
        taken = {(r.equipment_id.id, r.coworking_ai_reason) for r in others}
        labels = dict(
            self._fields["coworking_ai_reason"]._description_selection(self.env)
        )
        for _request, equipment, reason in wanted:
            if (equipment, reason) in taken:
                raise ValidationError(
                    self.env._(
                        "'%(equipment)s' already has an open request for this "
                        "reason (%(reason)s): close or cancel it first.",
                        equipment=self.env["maintenance.equipment"]
                        .browse(equipment)
                        .display_name,
                        reason=labels[reason],
                    )
                )
            taken.add((equipment, reason))

    def init(self):
        """``coworking_ai_open`` kept by the database when a request is
        written (in SQL too; a stage whose *done* changes is followed by the
        ORM), and the partial unique index on the open predicted requests.
        The trigger depends on the column: uninstalling drops both."""
        res = super().init()
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                CREATE OR REPLACE FUNCTION maintenance_request_coworking_ai_open()
                RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.coworking_ai_open := NOT COALESCE(NEW.archive, FALSE)
                        AND NOT COALESCE(
                            (SELECT s.done FROM maintenance_stage s
                              WHERE s.id = NEW.stage_id), FALSE);
                    RETURN NEW;
                END $$;
                DROP TRIGGER IF EXISTS maintenance_request_coworking_ai_open
                    ON maintenance_request;
                CREATE TRIGGER maintenance_request_coworking_ai_open
                    BEFORE INSERT OR UPDATE OF stage_id, archive, coworking_ai_open
                    ON maintenance_request
                    FOR EACH ROW
                    EXECUTE FUNCTION maintenance_request_coworking_ai_open();


                CREATE UNIQUE INDEX IF NOT EXISTS %s
                    ON maintenance_request (equipment_id, coworking_ai_reason)
                 WHERE coworking_ai_open
                   AND coworking_ai_reason IS NOT NULL
                   AND equipment_id IS NOT NULL;
                """,
                SQL.identifier(OPEN_REASON_INDEX),
            )
        )
        return res
