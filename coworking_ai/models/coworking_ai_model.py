# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A version of a trained model: its file (skops, signed), what it was
trained on and its validation scores against the seasonal-naive baseline."""

import base64
import logging
from collections import OrderedDict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import model_store

_logger = logging.getLogger(__name__)

# the goal of a forecast: an error at least this far below the baseline's
GOAL_IMPROVEMENT = 0.20
# estimators loaded in this process, by (database, model id, signature)
_LOADED = OrderedDict()
_LOADED_MAX = 8


class CoworkingAiModel(models.Model):
    _name = "coworking.ai.model"
    _description = "Coworking Trained Model"
    _order = "company_id, purpose, version desc"

    # computed when shown, in the reader's language
    name = fields.Char(compute="_compute_name")
    purpose = fields.Selection(
        [("demand", "Demand forecast")], required=True, readonly=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    version = fields.Integer(required=True, readonly=True)
    state = fields.Selection(
        [("active", "In use"), ("retired", "Retired")],
        default="active",
        required=True,
        readonly=True,
    )
    trained_at = fields.Datetime(required=True, readonly=True)
    training_seconds = fields.Float(readonly=True, digits=(16, 2))
    history_start = fields.Datetime(readonly=True)
    history_stop = fields.Datetime(readonly=True)
    train_rows = fields.Integer(string="Hours Learned From", readonly=True)
    test_rows = fields.Integer(
        string="Hours Held Out",
        readonly=True,
        help="Hours of the held-out weeks the baseline can forecast.",
    )
    held_out_weeks = fields.Integer(readonly=True)
    rmse = fields.Float(
        string="Error (RMSE)",
        readonly=True,
        digits=(16, 4),
        help="Root mean square error of the forecast rate on the held-out weeks: "
        "the measure of the goal.",
    )
    baseline_rmse = fields.Float(
        string="Seasonal-naive Error (RMSE)",
        readonly=True,
        digits=(16, 4),
        help="Root mean square error on the same hours of the seasonal-naive "
        "forecast: the same hour one week earlier.",
    )
    mae = fields.Float(
        string="Mean Absolute Error",
        readonly=True,
        digits=(16, 4),
        help="Mean absolute error of the forecast rate on the held-out weeks.",
    )
    baseline_mae = fields.Float(
        string="Seasonal-naive Mean Absolute Error",
        readonly=True,
        digits=(16, 4),
        help="Mean absolute error on the same hours of the seasonal-naive "
        "forecast: the same hour one week earlier.",
    )
    improvement = fields.Float(
        string="Better than Baseline",
        readonly=True,
        help="How much lower the model's root mean square error is than the "
        "baseline's (%).",
    )
    goal_met = fields.Boolean(
        readonly=True,
        help="The error is at least 20 % below the seasonal-naive baseline's.",
    )
    features = fields.Char(readonly=True)
    group_keys = fields.Json(
        readonly=True, help="The (location, kind of space) of each group it learned."
    )
    data = fields.Binary(
        string="Model File", attachment=False, readonly=True, groups="base.group_system"
    )
    data_size = fields.Integer(string="File Size (bytes)", readonly=True)
    signature = fields.Char(readonly=True, groups="base.group_system")
    note = fields.Text(readonly=True)

    _sql_constraints = [
        (
            "version_uniq",
            "UNIQUE (company_id, purpose, version)",
            "A version number is given once per company and purpose.",
        ),
    ]

    def init(self):
        # one model in use per company and purpose, whatever runs at once
        self.env.cr.execute(
            SQL(
                """CREATE UNIQUE INDEX IF NOT EXISTS coworking_ai_model_one_active
                   ON coworking_ai_model (company_id, purpose)
                   WHERE state = 'active'"""
            )
        )

    @api.depends_context("lang")
    @api.depends("purpose", "version")
    def _compute_name(self):
        labels = dict(self._fields["purpose"]._description_selection(self.env))
        for record in self:
            record.name = f"{labels.get(record.purpose, '')} v{record.version}"

    # ------------------------------------------------------------------
    # Store and load
    # ------------------------------------------------------------------

    @api.model
    def _secret(self):
        return self.env["ir.config_parameter"].sudo().get_param("database.secret")

    @api.model
    def _store(self, purpose, company, estimator, values):
        """A new version of ``purpose`` for ``company`` holding ``estimator``,
        in use from now on; the previous one is retired. ``values`` are its
        scores and facts. The row of the company and purpose is locked first,
        so that two trainings at once number their versions one after the
        other."""
        data = model_store.dump(estimator)
        self.env.cr.execute(
            SQL(
                "SELECT id FROM res_company WHERE id = %s FOR NO KEY UPDATE",
                company.id,
            )
        )
        previous = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [("company_id", "=", company.id), ("purpose", "=", purpose)],
                order="version desc",
            )
        )
        previous.filtered(lambda m: m.state == "active").write({"state": "retired"})
        self.env.flush_all()
        return (
            self.sudo()
            .create(
                {
                    **values,
                    "purpose": purpose,
                    "company_id": company.id,
                    "version": (previous[:1].version or 0) + 1,
                    "state": "active",
                    "trained_at": values.get("trained_at") or fields.Datetime.now(),
                    "data": base64.b64encode(data),
                    "data_size": len(data),
                    "signature": model_store.sign(data, self._secret()),
                }
            )
            .sudo(False)
        )

    @api.model
    def _active_for(self, purpose, company):
        return self.sudo().search(
            [
                ("company_id", "=", company.id),
                ("purpose", "=", purpose),
                ("state", "=", "active"),
            ],
            limit=1,
        )

    def _load(self):
        """The estimator of this version, checked (``model_store.load``);
        a refused file raises ``UserError`` with the reason and is logged."""
        self.ensure_one()
        record = self.sudo()
        key = (self.env.cr.dbname, record.id, record.signature)
        if key in _LOADED:
            _LOADED.move_to_end(key)
            return _LOADED[key]
        raw = base64.b64decode(record.data or b"")
        try:
            estimator = model_store.load(raw, record.signature, self._secret())
        except model_store.ModelRefused as error:
            _logger.error(
                "Refused stored model %s (id %s): %s", record.name, record.id, error
            )
            raise UserError(
                self.env._(
                    "The stored model %(name)s is refused: %(reason)s.",
                    name=record.name,
                    reason=str(error),
                )
            ) from error
        _LOADED[key] = estimator
        while len(_LOADED) > _LOADED_MAX:
            _LOADED.popitem(last=False)
        return estimator
