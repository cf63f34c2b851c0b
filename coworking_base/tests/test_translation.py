# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CoworkingCommon


@tagged("post_install", "-at_install")
class TestTranslation(CoworkingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_french("coworking_base")

    def test_french_labels_and_errors(self):
        env_fr = self.env(context=dict(self.env.context, lang="fr_FR"))
        kinds = dict(
            env_fr["coworking.space"]._fields["kind"]._description_selection(env_fr)
        )
        self.assertEqual(kinds["meeting_room"], "Salle de réunion")
        self.assertEqual(kinds["hot_desk"], "Zone de postes flexibles")
        with self.assertRaisesRegex(ValidationError, "a besoin d'un fuseau horaire"):
            env_fr["coworking.location"].create({"name": "Nulle part"})
        verdict = env_fr["coworking.credential"]._scan_token("pas un jeton")
        self.assertIn("code mal formé", verdict["message"])
