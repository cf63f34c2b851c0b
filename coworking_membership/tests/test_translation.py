# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import NOW, MembershipCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestTranslation(MembershipCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_french("coworking_base", "coworking_booking", "coworking_membership")

    def test_french_states_and_refusals(self):
        env_fr = self.env(context=dict(self.env.context, lang="fr_FR"))
        states = dict(
            env_fr["coworking.membership"]
            ._fields["state"]
            ._description_selection(env_fr)
        )
        self.assertEqual(states["suspended"], "Suspendue")
        membership = self.make_membership(self.alice, self.plan_credits)
        with self.assertRaisesRegex(UserError, "adhésion"):
            membership.with_env(env_fr).action_activate()
