# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.coworking_base.models.coworking_space import SPACE_KINDS


class CoworkingSpaceKind(models.Model):
    """The kinds of space as records, so that a plan can list those it gives
    access to. One record per value of ``coworking.space.kind``."""

    _name = "coworking.space.kind"
    _description = "Coworking Space Kind"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(SPACE_KINDS, required=True)
    sequence = fields.Integer(default=10)

    _sql_constraints = [
        ("code_uniq", "UNIQUE (code)", "There is one record per kind of space."),
    ]

    @api.constrains("code")
    def _check_code(self):
        codes = dict(self.env["coworking.space"]._fields["kind"].selection)
        for kind in self:
            if kind.code not in codes:
                raise ValidationError(
                    self.env._("'%(code)s' is not a kind of space.", code=kind.code)
                )

    @api.model
    def _for_code(self, code):
        return self.search([("code", "=", code)], limit=1)
