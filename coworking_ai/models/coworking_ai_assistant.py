# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The coworking assistant: a bot in Discuss (and the chat box of the
portal) that answers in French or English. ``_answer`` reads a message with
the rights of the person asking (never as superuser): what it asks comes
from the classifier of ``tools/intents``, its details from
``tools/assistant_slots``; the intents are served in
``coworking_ai_assistant_actions`` (free slots, booking, cancelling) and
``coworking_ai_assistant_reports`` (bookings, credits, revenue, occupancy),
through the same business methods as the website and the portal.

A booking or a cancellation is carried out after a yes; a missing detail is
asked back, and what waits for an answer is kept in
``coworking.ai.assistant.pending``."""

import re
from datetime import datetime, time, timedelta

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import format_date, format_datetime, html2plaintext

from ..tools import assistant_slots, intents

# intents the assistant serves, and the methods serving them
HANDLERS = {
    "greeting": "_intent_greeting",
    "thanks": "_intent_thanks",
    "help": "_intent_help",
    "free_slots": "_intent_free_slots",
    "book": "_intent_book",
    "cancel": "_intent_cancel",
    "my_bookings": "_intent_my_bookings",
    "my_credits": "_intent_my_credits",
    "revenue": "_intent_revenue",
    "occupancy": "_intent_occupancy",
}
# what the assistant carries out after a yes
CONFIRMATIONS = {"book": "_confirm_book", "cancel": "_confirm_cancel"}
# a message answering a question of the assistant is taken as a new request
# only when the classifier is at least this sure of another intent
FOLLOW_UP_CONFIDENCE = 0.6
LANG_CODES = {"fr": "fr_FR", "en": "en_US"}
# the spaces a request is matched against, at most
MAX_SPACES = 200


class CoworkingAiAssistant(models.AbstractModel):
    _name = "coworking.ai.assistant"
    _description = "Coworking Assistant"

    # ------------------------------------------------------------------
    # The bot and its chats
    # ------------------------------------------------------------------

    @api.model
    def _bot_partner(self):
        return self.env.ref("coworking_ai.partner_assistant").sudo()

    @api.model
    def _chat_channel(self, user=None):
        """The chat of ``user`` (the current user) with the assistant,
        created if needed."""
        user = user or self.env.user
        Channel = self.env["discuss.channel"].with_user(user).sudo()
        return Channel.channel_get([self._bot_partner().id])

    @api.model
    def _post_as_bot(self, channel, body, silent=True):
        """Post ``body`` (HTML) in ``channel`` as the assistant."""
        return channel.sudo().message_post(
            author_id=self._bot_partner().id,
            body=body,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            silent=silent,
        )

    @api.model
    def _action_open_chat(self):
        """Open the chat with the assistant in Discuss (the assistant says
        hello in a new chat)."""
        channel = self._chat_channel()
        if not channel.sudo().message_ids:
            assistant = self.with_context(lang=self.env.user.lang)
            self._post_as_bot(channel, assistant._intent_greeting(None))
        return {
            "type": "ir.actions.client",
            "tag": "mail.action_discuss",
            "name": self.env._("Assistant"),
            "context": {"active_id": f"discuss.channel_{channel.id}"},
        }

    @api.model
    def _reply_in_channel(self, channel, message, values):
        """Answer a message posted in a chat with the assistant by the
        person logged in (``_message_post_after_hook`` of
        ``discuss.channel``), as that person."""
        if channel.channel_type != "chat" or values.get("message_type") != "comment":
            return None
        bot = self._bot_partner()
        author_id = values.get("author_id")
        user = self.env.user
        if (
            not author_id
            or author_id == bot.id
            or user._is_public()
            or author_id != user.partner_id.id
            or bot not in channel.sudo().channel_member_ids.partner_id
        ):
            return None
        text = html2plaintext(values.get("body") or "").strip()
        if not text:
            return None
        answer = self.with_user(user)._answer(text)
        return self._post_as_bot(channel, answer)

    # ------------------------------------------------------------------
    # Answering
    # ------------------------------------------------------------------

    @api.model
    def _answer(self, text):
        """The assistant's answer (HTML) to ``text`` from the current user,
        with that user's rights."""
        text = (text or "").strip()
        if not text:
            return self._say(self.env._("Ask me something, for example: my bookings."))
        if len(text) > intents.MAX_TEXT:
            return self._say(
                self.env._(
                    "Please keep your message under %(count)s characters.",
                    count=intents.MAX_TEXT,
                )
            )
        prediction = intents.classify(text)
        assistant = self.with_context(lang=self._reply_lang(prediction))
        return assistant._respond(text, prediction)

    @api.model
    def _reply_lang(self, prediction):
        """The message's language when clear and installed; else the
        language of the exchange waiting for this answer (a "oui" goes on in
        French); else the user's."""
        user_lang = self.env.user.lang or "en_US"
        wanted = LANG_CODES.get(prediction.lang)
        if not wanted:
            pending = self.env["coworking.ai.assistant.pending"]._for_current_user()
            wanted = (pending.payload or {}).get("lang") if pending else None
            if not wanted:
                return user_lang
        elif user_lang.startswith(f"{prediction.lang}_"):
            return user_lang
        installed = dict(self.env["res.lang"].get_installed())
        return wanted if wanted in installed else user_lang

    @api.model
    def _respond(self, text, prediction):
        Pending = self.env["coworking.ai.assistant.pending"]
        pending = Pending._for_current_user()
        today, now_local = self._today()
        slots = assistant_slots.extract(text, today, now_local)
        intent = prediction.intent
        if pending:
            intent_waiting, stage = pending.intent, pending.stage
            payload = dict(pending.payload or {})
            pending.unlink()
            if stage == "confirm":
                answer = intents.yes_no(text)
                if answer is True and intent_waiting in CONFIRMATIONS:
                    return getattr(self, CONFIRMATIONS[intent_waiting])(payload)
                if answer is False:
                    return self._say(self.env._("All right, I did nothing."))
            elif self._is_follow_up(intent, intent_waiting, prediction, slots, payload):
                if intent_waiting in HANDLERS:
                    slots = self._follow_up_slots(slots, payload, text)
                    return getattr(self, HANDLERS[intent_waiting])(slots, payload)
        elif intents.yes_no(text) is not None:
            return self._say(
                self.env._("There is nothing waiting for your answer. ")
                + self._capabilities_question()
            )
        if intent in (intents.UNCLEAR, "other"):
            # what the classifier does not know, the optional model may
            intent = (
                self.env["coworking.ai.llm"]._classify(text, intents.INTENTS) or intent
            )
        if intent not in HANDLERS:
            return self._intent_unclear(slots)
        return getattr(self, HANDLERS[intent])(slots, {})

    @api.model
    def _is_follow_up(self, intent, intent_waiting, prediction, slots, payload):
        """Whether a message answers the question the assistant asked
        rather than starting another request."""
        if intent == intent_waiting:
            return True
        # a bare space name answers the question, whatever was asked ("at
        # what time?" answered "Montmartre" keeps the booking asked about)
        if len(slots.rest.split()) <= 3 and self._names_space(slots.rest):
            return True
        if slots.says_something() and prediction.confidence < FOLLOW_UP_CONFIDENCE:
            return True
        unsure = intent in (intents.UNCLEAR, "other")
        want = payload.get("want")
        if unsure and want == "partner":
            return True
        return unsure and want == "space" and self._names_space(slots.rest)

    @api.model
    def _follow_up_slots(self, slots, payload, text):
        """The details of an answer to a question, completed by those of the
        request asked about; the answer names the person when that was the
        question."""
        older = dict(payload.get("slots") or {})
        if payload.get("want") == "partner" and not slots.for_name:
            slots.for_name = text.strip()[:100]
        if older.get("rest") and not self._names_space(slots.rest):
            slots.rest = f"{slots.rest} {older['rest']}".strip()
        older.pop("rest", None)
        return slots.merged(older)

    @api.model
    def _ask(self, intent, question, slots, want=None, **extra):
        """Ask back and wait for the answer."""
        payload = {
            "slots": slots.to_dict() if slots else {},
            "want": want,
            "lang": self.env.lang,
            **extra,
        }
        self.env["coworking.ai.assistant.pending"]._set_for_current_user(
            intent, "ask", payload
        )
        return question

    @api.model
    def _ask_confirmation(self, intent, question, payload):
        """Ask for a yes or no before carrying out ``payload``."""
        self.env["coworking.ai.assistant.pending"]._set_for_current_user(
            intent, "confirm", {**payload, "lang": self.env.lang}
        )
        return question + Markup("<br/>") + self.env._("Answer yes or no.")

    # ------------------------------------------------------------------
    # Who asks, where and when
    # ------------------------------------------------------------------

    @api.model
    def _is_staff(self):
        return self.env["coworking.booking"]._is_staff()

    @api.model
    def _is_manager(self):
        return self.env.user.has_group("coworking_base.group_coworking_manager")

    @api.model
    def _tz(self):
        """The time zone of the person asking, else of a location."""
        name = self.env.user.tz or self.env.context.get("tz")
        if not name:
            location = self.env["coworking.location"].search([], limit=1)
            name = location.tz
        try:
            return pytz.timezone(name or "UTC")
        except pytz.UnknownTimeZoneError:
            return pytz.utc

    @api.model
    def _today(self):
        """Today and now (naive) in the time zone of the person asking."""
        local = pytz.utc.localize(fields.Datetime.now()).astimezone(self._tz())
        return local.date(), local.replace(tzinfo=None)

    @api.model
    def _to_utc(self, day, clock, tz):
        """Naive UTC of a local day and time in ``tz`` (a name or a zone)."""
        zone = pytz.timezone(tz) if isinstance(tz, str) else tz
        local = zone.localize(datetime.combine(day, clock))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _day_bounds_utc(self, day, tz):
        """Naive UTC start and end of a local day."""
        return self._to_utc(day, time.min, tz), self._to_utc(
            day + timedelta(days=1), time.min, tz
        )

    @api.model
    def _visible_spaces(self):
        """The bookable spaces the person asking may book: all of their
        companies' for staff, those on the website for the others."""
        domain = [("is_bookable", "=", True)]
        if not self._is_staff():
            domain.append(("website_published", "=", True))
        return self.env["coworking.space"].search(
            domain, order="location_id, name", limit=MAX_SPACES
        )

    @api.model
    def _names_space(self, text):
        spaces = self._visible_spaces()
        return bool(assistant_slots.match_names(text, {s.id: s.name for s in spaces}))

    @api.model
    def _spaces_named(self, slots, spaces=None):
        """The spaces ``slots`` name (several when the name is ambiguous);
        else those of the kinds asked for, else of a location named."""
        spaces = self._visible_spaces() if spaces is None else spaces
        rest = slots.rest
        # a location named in full ("Paris Bastille") narrows the spaces, and
        # its words name no space ("Open Space Bastille")
        located = []
        for location in spaces.location_id:
            plain = assistant_slots.strip_accents(location.name or "").lower()
            pattern = rf"(?<!\w){re.escape(plain)}(?!\w)"
            if plain and re.search(pattern, rest):
                located.append(location.id)
                rest = re.sub(pattern, " ", rest)
        if located:
            spaces = spaces.filtered(lambda s: s.location_id.id in located)
        named = assistant_slots.best_names(
            rest, {space.id: space.name for space in spaces}
        )
        if named:
            return spaces.browse(named), True
        if slots.kinds:
            spaces = spaces.filtered(lambda s: s.kind in slots.kinds)
        return spaces, False

    @api.model
    def _is_own_name(self, name):
        """Whether ``name`` is the person asking (first or full name)."""
        own = assistant_slots.strip_accents(self.env.user.partner_id.name or "").lower()
        said = assistant_slots.strip_accents(name or "").lower().strip()
        return bool(said) and (said == own or own.split(" ")[0] == said)

    @api.model
    def _person_asked(self, slots, spaces=None):
        """The name of another person the request is for, if any (a name
        of a space or of the person asking is not another person)."""
        name = slots.for_name
        if not name or self._is_own_name(name):
            return None
        spaces = self._visible_spaces() if spaces is None else spaces
        if assistant_slots.match_names(name, {s.id: s.name for s in spaces}):
            return None
        return name

    # ------------------------------------------------------------------
    # Writing
    # ------------------------------------------------------------------

    @api.model
    def _say(self, *lines):
        """Lines of an answer, escaped, one under the other."""
        return Markup("<br/>").join(Markup("%s") % line for line in lines if line)

    @api.model
    def _bullets(self, items):
        return Markup("<br/>").join(Markup("• %s") % item for item in items)

    @api.model
    def _fmt_when(self, start, stop, tz):
        """ "Tue 8 Dec 10:00–11:00" in the location's time zone."""
        first = format_datetime(self.env, start, tz=tz, dt_format="EEE d MMM HH:mm")
        if (stop - start) >= timedelta(days=1):
            last = format_datetime(self.env, stop, tz=tz, dt_format="EEE d MMM HH:mm")
        else:
            last = format_datetime(self.env, stop, tz=tz, dt_format="HH:mm")
        return f"{first}–{last}"

    @api.model
    def _fmt_time(self, moment, tz):
        return format_datetime(self.env, moment, tz=tz, dt_format="HH:mm")

    @api.model
    def _fmt_day(self, day):
        return format_date(self.env, day, date_format="EEEE d MMMM")

    @api.model
    def _fmt_minutes(self, minutes):
        hours, rest = divmod(int(minutes), 60)
        if not hours:
            return self.env._("%(minutes)s min", minutes=rest)
        if not rest:
            return self.env._("%(hours)s h", hours=hours)
        return self.env._("%(hours)s h %(minutes)02d", hours=hours, minutes=rest)

    @api.model
    def _portal_link(self, path, label):
        url = self.get_base_url() + path
        return Markup('<a href="%s">%s</a>') % (url, label)

    @api.model
    def _capabilities(self):
        _ = self.env._
        items = [
            _("see free slots: “free rooms tomorrow afternoon”"),
            _("book: “book Louvre tomorrow 10:00-11:00”"),
            _("cancel: “cancel my booking of Friday”"),
            _("list your bookings: “my bookings”"),
            _("tell your credits: “my credits”"),
        ]
        if self._is_manager():
            items += [
                _("tell this month's revenue: “revenue this month”"),
                _("tell this month's occupancy: “occupancy”"),
            ]
        return self._bullets(items)

    @api.model
    def _capabilities_question(self):
        return self.env._("What would you like to do?")

    # ------------------------------------------------------------------
    # Small talk and questions back
    # ------------------------------------------------------------------

    @api.model
    def _intent_greeting(self, slots, payload=None):
        first_name = (self.env.user.partner_id.name or "").split(" ")[0]
        return self._say(
            self.env._(
                "Hello %(name)s! I am the coworking assistant. I can:",
                name=first_name,
            ),
            self._capabilities(),
            self._capabilities_question(),
        )

    @api.model
    def _intent_thanks(self, slots, payload=None):
        return self._say(self.env._("You are welcome! Ask me anytime."))

    @api.model
    def _intent_help(self, slots, payload=None):
        return self._say(
            self.env._("Write to me as you would to the front desk. I can:"),
            self._capabilities(),
            self.env._("I book and cancel only what you may, and ask before doing it."),
        )

    @api.model
    def _intent_unclear(self, slots, payload=None):
        return self._say(
            self.env._("I am not sure I understood. I can:"),
            self._capabilities(),
            self._capabilities_question(),
        )
