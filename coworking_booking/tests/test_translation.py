# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.tests import tagged

from ..exceptions import BookingRefused
from .common import NOW, BookingCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestTranslation(BookingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_french("coworking_base", "coworking_booking")

    def test_french_states_and_refusals(self):
        env_fr = self.env(context=dict(self.env.context, lang="fr_FR"))
        states = dict(
            env_fr["coworking.booking"]._fields["state"]._description_selection(env_fr)
        )
        self.assertEqual(states["held"], "En attente de paiement")
        self.assertEqual(states["confirmed"], "Confirmée")
        self.book(start=self.at(9), stop=self.at(11))
        with self.assertRaisesRegex(BookingRefused, "Déjà réservé : Test Room"):
            env_fr["coworking.booking"].create(
                {
                    "space_id": self.room.id,
                    "partner_id": self.member.id,
                    "start": self.at(10),
                    "stop": self.at(11),
                }
            )
