# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime, time

from odoo.tests import BaseCase, tagged

from ..tools import assistant_slots, intents

# Monday 7 December 2026, 09:00 local
TODAY = date(2026, 12, 7)
NOW_LOCAL = datetime(2026, 12, 7, 9, 0)


@tagged("post_install", "-at_install")
class TestAssistantIntents(BaseCase):
    """The classifier and the reading of details, without the ORM."""

    def test_held_out_phrases_are_understood_in_both_languages(self):
        training = intents.read_phrases(intents.TRAINING_FILE)
        held_out = intents.read_phrases(intents.HELD_OUT_FILE)
        learned = {intents.normalize(text) for _i, _l, text in training}
        self.assertFalse(
            [text for _i, _l, text in held_out if intents.normalize(text) in learned],
            "no held-out phrase is learned",
        )
        figures = intents.evaluate(held_out)
        for lang in intents.LANGS:
            self.assertGreaterEqual(figures[lang]["total"], 100, lang)
            self.assertGreaterEqual(
                figures[lang]["accuracy"], 0.95, (lang, figures[lang]["errors"])
            )

    def test_every_intent_has_phrases_in_both_languages(self):
        rows = intents.read_phrases(intents.TRAINING_FILE)
        for intent in intents.INTENTS:
            for lang in intents.LANGS:
                count = sum(1 for i, la, _t in rows if (i, la) == (intent, lang))
                self.assertGreaterEqual(count, 25, (intent, lang))

    def test_language_and_confidence(self):
        prediction = intents.classify("quels créneaux sont libres demain ?")
        self.assertEqual((prediction.intent, prediction.lang), ("free_slots", "fr"))
        prediction = intents.classify("cancel my booking of Friday")
        self.assertEqual((prediction.intent, prediction.lang), ("cancel", "en"))
        self.assertEqual(intents.classify("").intent, intents.UNCLEAR)

    def test_yes_and_no(self):
        for text in ("yes", "Oui !", "ok", "d'accord", "je confirme"):
            self.assertIs(intents.yes_no(text), True, text)
        for text in ("no", "Non.", "laisse tomber", "never mind"):
            self.assertIs(intents.yes_no(text), False, text)
        self.assertIsNone(intents.yes_no("yes, but at 11 instead"))

    def slots_of(self, text):
        return assistant_slots.extract(text, TODAY, NOW_LOCAL)

    def test_times_days_and_lengths_in_english(self):
        slots = self.slots_of("book Louvre tomorrow 10:00-11:00")
        self.assertEqual(slots.day, date(2026, 12, 8))
        self.assertEqual((slots.start, slots.end), (time(10), time(11)))
        slots = self.slots_of("I want Seine on Thursday at 3pm for an hour")
        self.assertEqual(slots.day, date(2026, 12, 10))
        self.assertEqual((slots.start, slots.minutes), (time(15), 60))
        slots = self.slots_of("I need a desk tomorrow from 9 to 5")
        self.assertEqual((slots.start, slots.end), (time(9), time(17)))
        self.assertEqual(slots.kinds, ["hot_desk"])
        slots = self.slots_of("the 24th of December at 14:30")
        self.assertEqual((slots.day, slots.start), (date(2026, 12, 24), time(14, 30)))

    def test_times_days_and_lengths_in_french(self):
        slots = self.slots_of("réserve la Seine demain de 10h à 12h")
        self.assertEqual(slots.day, date(2026, 12, 8))
        self.assertEqual((slots.start, slots.end), (time(10), time(12)))
        slots = self.slots_of("réserve-moi une salle vendredi à 15h pour 2 heures")
        self.assertEqual(slots.day, date(2026, 12, 11))
        self.assertEqual((slots.start, slots.minutes), (time(15), 120))
        slots = self.slots_of("pour 1h30 à 14h le 12 mars")
        self.assertEqual((slots.start, slots.minutes), (time(14), 90))
        self.assertEqual(slots.day, date(2027, 3, 12))
        slots = self.slots_of("créneaux libres après-midi pour six personnes")
        self.assertEqual(
            (slots.period, slots.seats, slots.start), ("afternoon", 6, None)
        )

    def test_references_people_and_choices(self):
        slots = self.slots_of("annule BK/2026/00012")
        self.assertEqual(slots.reference, "BK/2026/00012")
        self.assertEqual(
            self.slots_of("book a desk for Camille on 15/12").for_name, "Camille"
        )
        self.assertEqual(self.slots_of("cancel Nadia's booking").for_name, "Nadia")
        self.assertIsNone(self.slots_of("book a room for Friday").for_name)
        self.assertEqual(self.slots_of("2").choice, 2)

    def test_space_names(self):
        names = {1: "Office 301", 2: "Office 302", 3: "Test Room", 4: "Test Room 2"}
        self.assertEqual(assistant_slots.best_names("le bureau 301", names), [1])
        self.assertEqual(assistant_slots.best_names("book test room", names), [3])
        self.assertEqual(assistant_slots.best_names("book Test Room 2", names), [4])
        self.assertEqual(assistant_slots.best_names("an office", names), [])
