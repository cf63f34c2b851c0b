# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import format_amount

from .assistant_common import NOW, AssistantCommon

# Wednesday 25 November 2026, 10:00-11:00 in Paris
TOMORROW_10 = datetime(2026, 11, 25, 9, 0)
TOMORROW_11 = datetime(2026, 11, 25, 10, 0)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestAssistantBooking(AssistantCommon):
    """A member books and cancels for herself, in English and in French;
    anything for someone else is refused unless the person asking is
    staff."""

    def test_member_books_for_herself_in_english_after_a_yes(self):
        answer = self.ask(self.user_portal, "book Test Room tomorrow 10:00-11:00")
        self.assertIn("Book Test Room", answer)
        self.assertIn("Answer yes or no", answer)
        self.assertFalse(self.bookings_of(self.portal_partner), "nothing before a yes")
        answer = self.ask(self.user_portal, "yes")
        booking = self.bookings_of(self.portal_partner)
        self.assertEqual(len(booking), 1)
        self.assertEqual(booking.space_id, self.room)
        self.assertEqual((booking.start, booking.stop), (TOMORROW_10, TOMORROW_11))
        self.assertEqual(booking.state, "confirmed", "a member's booking")
        self.assertEqual(booking.membership_id, self.membership)
        self.assertIn(booking.name, answer)
        self.assertFalse(self.pending_of(self.user_portal))

    def test_member_books_for_herself_in_french(self):
        answer = self.ask(self.user_portal, "réserve Test Room demain de 10h à 11h")
        self.assertIn("Test Room", answer)
        self.ask(self.user_portal, "oui")
        booking = self.bookings_of(self.portal_partner)
        self.assertEqual(len(booking), 1)
        self.assertEqual((booking.start, booking.stop), (TOMORROW_10, TOMORROW_11))

    def test_answer_in_french_to_a_french_message(self):
        pending_lang = []
        self.ask(self.user_portal, "réserve Test Room demain de 10h à 11h")
        pending_lang.append(self.pending_of(self.user_portal).payload["lang"])
        self.assertEqual(pending_lang, ["fr_FR"])
        self.ask(self.user_portal, "non")
        self.assertFalse(self.bookings_of(self.portal_partner), "a no does nothing")

    def test_a_no_books_nothing(self):
        self.ask(self.user_portal, "book Test Room tomorrow 10:00-11:00")
        answer = self.ask(self.user_portal, "no")
        self.assertIn("I did nothing", answer)
        self.assertFalse(self.bookings_of(self.portal_partner))

    def test_a_missing_detail_is_asked_then_completed(self):
        answer = self.ask(self.user_portal, "I want to book Test Room tomorrow")
        self.assertIn("At what time", answer)
        self.assertIn("Test Room", answer, "the free times are shown")
        answer = self.ask(self.user_portal, "10:00-11:00")
        self.assertIn("Answer yes or no", answer)
        self.ask(self.user_portal, "yes")
        booking = self.bookings_of(self.portal_partner)
        self.assertEqual((booking.start, booking.stop), (TOMORROW_10, TOMORROW_11))

    def test_a_space_named_in_answer_to_another_question_keeps_the_request(self):
        """Asked "at what time?", a member who answers with the space's name
        is still booking: the next answer with the time completes it."""
        answer = self.ask(self.user_portal, "book a room tomorrow")
        self.assertEqual(self.pending_of(self.user_portal).intent, "book")
        answer = self.ask(self.user_portal, "Test Room 2")
        self.assertEqual(self.pending_of(self.user_portal).intent, "book", answer)
        answer = self.ask(self.user_portal, "10:00-11:00")
        self.assertIn("Book Test Room 2", answer)
        self.assertIn("Answer yes or no", answer)

    def test_a_booking_without_a_space_asks_which(self):
        answer = self.ask(self.user_portal, "book something tomorrow at 10")
        self.assertIn("Which space", answer)
        self.assertEqual(self.pending_of(self.user_portal).stage, "ask")
        answer = self.ask(self.user_portal, "Test Room 2")
        self.assertIn("Book Test Room 2", answer)

    def test_a_kind_of_space_books_the_first_free_one(self):
        self.book(self.room, TOMORROW_10, TOMORROW_11, partner=self.bob)
        answer = self.ask(
            self.user_portal, "book a meeting room at Test Paris tomorrow 10:00-11:00"
        )
        self.assertIn("Book Test Room 2", answer, "Test Room is taken")

    def test_a_refused_request_says_why_and_suggests(self):
        self.book(self.room, TOMORROW_10, TOMORROW_11, partner=self.bob)
        answer = self.ask(self.user_portal, "book Test Room tomorrow 10:00-11:00")
        self.assertIn("I cannot book Test Room then", answer)
        self.assertIn("Already booked", answer)
        self.assertFalse(self.pending_of(self.user_portal))

    def test_member_cannot_book_for_someone_else(self):
        answer = self.ask(
            self.user_portal, "book Test Room for Alice tomorrow 10:00-11:00"
        )
        self.assertIn("I can only book for you", answer)
        self.assertFalse(self.pending_of(self.user_portal))
        self.assertFalse(self.bookings_of(self.alice))

    def test_member_cannot_book_for_someone_else_in_french(self):
        answer = self.ask(
            self.user_portal, "réserve Test Room pour Alice demain de 10h à 11h"
        )
        self.assertFalse(self.pending_of(self.user_portal))
        self.assertFalse(self.bookings_of(self.alice))
        self.assertIn("Alice", answer)

    def test_staff_books_for_a_member(self):
        answer = self.ask(
            self.user_front, "book Test Room for Alice Member tomorrow 10:00-11:00"
        )
        self.assertIn("for Alice Member", answer)
        self.ask(self.user_front, "yes")
        booking = self.bookings_of(self.alice)
        self.assertEqual(len(booking), 1)
        self.assertEqual(booking.user_id, self.user_front)

    def test_staff_is_asked_who_when_the_name_is_unknown(self):
        answer = self.ask(self.user_front, "book Test Room for Zorro tomorrow at 10")
        self.assertIn("Zorro", answer)
        self.assertEqual(self.pending_of(self.user_front).payload["want"], "partner")
        answer = self.ask(self.user_front, "Bob Member")
        self.assertIn("for Bob Member", answer)

    def test_a_long_message_is_refused_before_any_work(self):
        answer = self.ask(self.user_portal, "book Test Room " + "x" * 500)
        self.assertIn("under 500 characters", answer)
        self.assertFalse(self.pending_of(self.user_portal))

    def test_a_day_beyond_a_year_is_refused(self):
        answer = self.ask(self.user_portal, "book Test Room on 3 March 2029 at 10")
        self.assertIn("a year ahead", answer)

    def test_member_cancels_her_booking_and_is_told_the_fee(self):
        # today 14:00-15:00 in Paris, within the 24 hours of the late fee
        booking = self.book(
            self.room,
            datetime(2026, 11, 24, 13, 0),
            datetime(2026, 11, 24, 14, 0),
            partner=self.portal_partner,
        )
        answer = self.ask(self.user_portal, f"cancel {booking.name}")
        self.assertIn("late cancellation fee", answer)
        self.ask(self.user_portal, "yes")
        self.assertEqual(booking.state, "cancelled")
        self.assertTrue(booking.cancel_fee)

    def test_member_cancels_in_french_by_day(self):
        booking = self.book(
            self.room, TOMORROW_10, TOMORROW_11, partner=self.portal_partner
        )
        answer = self.ask(self.user_portal, "annule ma réservation de demain")
        self.assertIn(booking.name, answer)
        self.ask(self.user_portal, "oui")
        self.assertEqual(booking.state, "cancelled")

    def test_several_bookings_are_listed_and_one_is_picked(self):
        first = self.book(
            self.room, TOMORROW_10, TOMORROW_11, partner=self.portal_partner
        )
        second = self.book(
            self.room_2, TOMORROW_10, TOMORROW_11, partner=self.portal_partner
        )
        answer = self.ask(self.user_portal, "cancel my booking")
        self.assertIn("Answer with its number", answer)
        answer = self.ask(self.user_portal, "2")
        self.assertIn(second.name, answer)
        self.ask(self.user_portal, "yes")
        self.assertEqual(second.state, "cancelled")
        self.assertEqual(first.state, "confirmed")

    def test_member_cannot_cancel_someone_elses_booking(self):
        booking = self.book(
            self.room, TOMORROW_10, TOMORROW_11, partner=self.portal_b_partner
        )
        answer = self.ask(self.user_portal, f"cancel {booking.name}")
        self.assertIn("I found no booking", answer)
        self.assertFalse(self.pending_of(self.user_portal))
        answer = self.ask(self.user_portal, "cancel Bruno's booking tomorrow")
        self.assertIn("only cancel your own bookings", answer)
        self.assertEqual(booking.state, "confirmed")

    def test_a_forged_confirmation_cannot_cancel_someone_elses_booking(self):
        booking = self.book(
            self.room, TOMORROW_10, TOMORROW_11, partner=self.portal_b_partner
        )
        self.Pending.sudo().create(
            {
                "user_id": self.user_portal.id,
                "intent": "cancel",
                "stage": "confirm",
                "payload": {"booking_id": booking.id},
            }
        )
        answer = self.ask(self.user_portal, "yes")
        self.assertIn("no longer valid", answer)
        self.assertEqual(booking.state, "confirmed")

    def test_staff_cancels_a_members_booking_by_reference(self):
        booking = self.book(
            self.room, TOMORROW_10, TOMORROW_11, partner=self.portal_b_partner
        )
        self.ask(self.user_front, f"cancel {booking.name}")
        self.ask(self.user_front, "yes")
        self.assertEqual(booking.state, "cancelled")

    def test_a_space_of_another_company_is_never_booked(self):
        self._create_company_b()
        answer = self.ask(self.user_portal, "book Room B tomorrow 10:00-11:00")
        self.assertNotIn("Book Room B", answer)
        self.assertFalse(
            self.env["coworking.booking"].search([("space_id", "=", self.space_b.id)])
        )


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestAssistantAnswers(AssistantCommon):
    """Questions back, free slots, bookings, credits, and the managers'
    figures."""

    def _in_lang(self, lang, text):
        """``text`` as the addon says it in ``lang`` (French: when French is
        installed, its translation)."""
        if lang == "fr_FR" and not self.env["res.lang"]._lang_get("fr_FR"):
            lang = "en_US"
        return self.env(context={**self.env.context, "lang": lang})._(text)

    def test_an_unclear_request_is_answered_with_a_question(self):
        for text in ("what's the weather like in Tokyo?", "blorp zzz"):
            answer = self.ask(self.user_portal, text)
            self.assertIn("What would you like to do?", answer, text)
            self.assertIn("my bookings", answer)
        # a French message is answered in French, when French is installed
        answer = self.ask(self.user_portal, "quel temps")
        self.assertIn(self._in_lang("fr_FR", "What would you like to do?"), answer)

    def test_a_yes_without_a_question_is_asked_back(self):
        answer = self.ask(self.user_portal, "yes")
        self.assertIn("nothing waiting", answer)

    def test_free_slots_of_a_space(self):
        self.book(self.room, TOMORROW_10, TOMORROW_11, partner=self.bob)
        answer = self.ask(self.user_portal, "is Test Room free tomorrow?")
        self.assertIn("Test Room", answer)
        # a booking ending at 10:00 would keep the room until 10:15
        self.assertIn("08:00–09:30", answer, "free before the booking")
        self.assertIn("11:30–20:00", answer, "free after it and its buffer")

    def test_free_slots_in_french(self):
        answer = self.ask(
            self.user_portal, "quels créneaux sont libres demain matin à Test Paris ?"
        )
        self.assertIn("Test Room", answer)
        self.assertIn("08:00–12:00", answer)

    def test_my_bookings_lists_only_mine(self):
        mine = self.book(
            self.room, TOMORROW_10, TOMORROW_11, partner=self.portal_partner
        )
        theirs = self.book(
            self.room_2, TOMORROW_10, TOMORROW_11, partner=self.portal_b_partner
        )
        answer = self.ask(self.user_portal, "my bookings")
        self.assertIn(mine.name, answer)
        self.assertNotIn(theirs.name, answer)
        answer = self.ask(self.user_portal, "mes réservations")
        self.assertIn(mine.name, answer)

    def test_my_credits(self):
        self.Credit._grant_period(self.membership, NOW.date())
        answer = self.ask(self.user_portal, "how many credits do I have left?")
        self.assertIn("Test Credits", answer)
        self.assertIn("10 credit hours left", answer)
        self.assertIn("expire on", answer, "the grant ends on 30 November")

    def test_revenue_and_occupancy_for_managers_only(self):
        self.book(self.room, TOMORROW_10, TOMORROW_11, partner=self.bob)
        for user in (self.user_portal, self.user_front):
            for text in ("revenue this month", "taux d'occupation"):
                self.assertIn(
                    self._in_lang(
                        "fr_FR" if "occupation" in text else "en_US",
                        "Sorry, only the coworking managers can see this. I can "
                        "tell you about your own bookings and credits.",
                    ),
                    self.ask(user, text),
                )
        answer = self.ask(self.user_manager, "revenue this month")
        self.assertIn("Revenue of November 2026", answer)
        month = self.env["coworking.booking"].search(
            [
                ("start", ">=", datetime(2026, 10, 31, 23, 0)),
                ("start", "<", datetime(2026, 11, 30, 23, 0)),
                ("state", "in", ("confirmed", "checked_in", "done", "no_show")),
            ]
        )
        self.assertIn(self.room.id, month.space_id.ids, "Bob's booking counts")
        total = format_amount(
            self.env, sum(month.mapped("price")), self.env.company.currency_id
        )
        self.assertIn(f"bookings of the month: {total}", answer)
        answer = self.ask(self.user_manager, "occupancy this month")
        self.assertIn("Test Paris", answer)

    def test_discuss_chat_is_answered_by_the_bot_as_the_user(self):
        mine = self.book(
            self.room, TOMORROW_10, TOMORROW_11, partner=self.portal_partner
        )
        Assistant = self.Assistant.with_user(self.user_portal)
        channel = Assistant._chat_channel()
        bot = Assistant._bot_partner()
        self.assertEqual(
            channel.sudo().channel_member_ids.partner_id, self.portal_partner | bot
        )
        channel.with_user(self.user_portal).sudo().message_post(
            author_id=self.portal_partner.id,
            body="my bookings",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        reply = channel.sudo().message_ids.filtered(lambda m: m.author_id == bot)
        self.assertEqual(len(reply), 1)
        self.assertIn(mine.name, reply.body)

    def test_other_channels_are_not_answered(self):
        channel = self.env["discuss.channel"].create(
            {"name": "General", "channel_type": "channel"}
        )
        channel.message_post(
            body="my bookings", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        bot = self.Assistant._bot_partner()
        self.assertFalse(channel.message_ids.filtered(lambda m: m.author_id == bot))

    def test_the_menu_opens_the_chat_in_discuss(self):
        action = self.Assistant.with_user(self.user_front)._action_open_chat()
        self.assertEqual(action["tag"], "mail.action_discuss")
        channel_id = int(action["context"]["active_id"].split("_")[-1])
        channel = self.env["discuss.channel"].browse(channel_id)
        self.assertEqual(channel.channel_type, "chat")
        self.assertTrue(channel.message_ids, "the assistant said hello")
