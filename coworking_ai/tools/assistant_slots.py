# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The details of a request to the assistant, read from its text in French
or English, free of the ORM: the day (relative words, weekdays, and dates
through ``dateparser``), the times, the length, the number of people, the
period of the day, kinds of space, a booking reference, a person it is
"for", and a number answering a list. Names of spaces are matched by
``match_names`` against the names the caller may see."""

import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta

from .intents import MAX_TEXT, REFERENCE_RE, strip_accents

MAX_SEATS = 500
MAX_MINUTES = 24 * 60
# how far a day may be asked, either way of today
MAX_DAYS_AHEAD = 366

NUMBER_WORDS = {
    "one": 1,
    "an": 1,
    "a": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "douze": 12,
}
_NUMBER = r"(\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
}
RELATIVE_DAYS = (
    (r"day after tomorrow|apres[- ]demain", 2),
    (r"tomorrow|demain", 1),
    (
        r"today|tonight|aujourd'?hui|ce soir|ce matin|cet apres[- ]midi|"
        r"this (?:morning|afternoon|evening)|right now|maintenant|\bnow\b",
        0,
    ),
)
PERIODS = (
    (r"morning|matin(?:ee)?", "morning"),
    (r"afternoon|apres[- ]midi|aprem", "afternoon"),
    (r"evening|tonight|soir(?:ee)?", "evening"),
    (
        r"all day|whole day|full day|for the day|the day|toute la journee|"
        r"la journee|journee entiere",
        "day",
    ),
)
# local hours of each period of the day (start, end)
PERIOD_HOURS = {
    "morning": (8, 12),
    "afternoon": (12, 18),
    "evening": (18, 22),
    "day": (9, 18),
}
# words naming a kind of space, the longest first
KIND_WORDS = (
    ("dedicated desk", "dedicated_desk"),
    ("bureau dedie", "dedicated_desk"),
    ("poste fixe", "dedicated_desk"),
    ("poste dedie", "dedicated_desk"),
    ("private office", "private_office"),
    ("bureau prive", "private_office"),
    ("bureau ferme", "private_office"),
    ("meeting room", "meeting_room"),
    ("salle de reunion", "meeting_room"),
    ("hot desk", "hot_desk"),
    ("hot-desk", "hot_desk"),
    ("open space", "hot_desk"),
    ("event space", "lounge"),
    ("salle", "meeting_room"),
    ("room", "meeting_room"),
    ("desk", "hot_desk"),
    ("poste", "hot_desk"),
    ("office", "private_office"),
    ("bureau", "private_office"),
    ("lounge", "lounge"),
    ("salon", "lounge"),
)
# words of space names that do not tell one space from another
GENERIC_NAME_WORDS = {
    "room",
    "rooms",
    "salle",
    "office",
    "bureau",
    "desk",
    "poste",
    "open",
    "space",
    "espace",
    "the",
    "le",
    "la",
    "les",
    "de",
    "du",
    "des",
    "lounge",
    "meeting",
    "reunion",
    "private",
    "prive",
    "dedicated",
    "hot",
}
# words after "for"/"pour" that are not a person
NOT_A_NAME = (
    set(WEEKDAYS)
    | set(NUMBER_WORDS)
    | {
        "me",
        "myself",
        "us",
        "moi",
        "nous",
        "today",
        "tomorrow",
        "demain",
        "aujourd'hui",
        "next",
        "the",
        "la",
        "le",
        "l'",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "janvier",
        "fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "aout",
        "septembre",
        "octobre",
        "novembre",
        "decembre",
        "noon",
        "midi",
        "i",
        "je",
    }
)
MONTH_WORDS = re.compile(
    r"\b(jan|feb|fev|mar|apr|avr|may|mai|jun|juin|jul|juil|aug|aou|sep|oct|nov|"
    r"dec)[a-z]*\b"
)

_TT = r"(\d{1,2})(?:\s*(h|:)\s*(\d{2})?)?\s*(am|pm)?"
RANGE_RE = re.compile(
    r"(?:\b(from|de|des|between|entre)\s+)?\b"
    + _TT
    + r"\s*(-|–|\bto\b|\btill\b|\buntil\b|\ba\b|\bau\b|jusqu'?a|\bet\b|\band\b)\s*"
    + _TT
    + r"(?![\d/])"
)
DURATION_WORD_RE = re.compile(
    r"\b(?:for|pour|pendant|durant|during)?\s*"
    + _NUMBER
    + r"(?:[.,](5))?\s*(?:hours?|hrs?|heures?)\b"
    + r"(?:\s*(?:and\s*)?(\d{1,2})\s*(?:min\w*)?)?"
)
DURATION_H_RE = re.compile(
    r"\b(?:for|pour|pendant|durant|during)\s+(\d{1,2})\s*h\s*(\d{2})?\b"
)
DURATION_MIN_RE = re.compile(
    r"\b(?:for|pour|pendant|durant|during)?\s*(\d{1,3})\s*(?:min|mins|minutes?)\b"
)
HALF_RE = (
    (re.compile(r"half an hour|une demi[- ]heure|demi[- ]heure"), 30),
    (re.compile(r"half a day|half[- ]day|une demi[- ]journee|demi[- ]journee"), 240),
)
SINGLE_MARKED_RE = re.compile(
    r"\b(\d{1,2})\s*(?:(h|:)\s*(\d{2})?\s*(am|pm)?|(am|pm))(?![\w/])"
)
SINGLE_BARE_RE = re.compile(
    r"\b(?:at|a|vers|around|des|from|starting)\s+(\d{1,2})\b"
    r"(?!\s*(?:h\w|hours?|heures?|min|pers|people|personnes?|jours?|days?|/|\.|,\d))"
)
NOON_RE = re.compile(r"\b(noon|midday|midi)\b")
SEATS_RE = re.compile(
    r"\b"
    + _NUMBER
    + r"\s*(?:people|personnes?|persons?|pers\b|participants?|seats?|places?|"
    r"guests?|attendees|collegues|colleagues)"
)
CHOICE_RE = re.compile(
    r"^\s*(?:#|n°|no\.?|number|numero|le|la|option)?\s*(\d{1,2})\s*[.!]?\s*$"
)
FOR_NAME_RE = re.compile(
    r"(?:\b(?:for|pour)\s+|\b(?:r[ée]servation|r[ée]sa|booking|reservation)\s+"
    r"(?:de|d'|of)\s*)((?:[A-ZÀ-Ý][\w\-]+)(?:\s+[A-ZÀ-Ý][\w\-]+)?)"
)
POSSESSIVE_RE = re.compile(r"\b([A-ZÀ-Ý][\w\-]+)'s\b")


@dataclass
class Slots:
    """What a message tells of a request; ``None`` when it does not say."""

    day: date | None = None
    start: time | None = None
    end: time | None = None
    minutes: int | None = None
    period: str | None = None
    seats: int | None = None
    reference: str | None = None
    for_name: str | None = None
    kinds: list = field(default_factory=list)
    choice: int | None = None
    rest: str = ""

    def says_something(self):
        """Whether the message gave any detail of a request."""
        return any(
            (
                self.day,
                self.start,
                self.minutes,
                self.period,
                self.seats,
                self.reference,
                self.for_name,
                self.kinds,
                self.choice,
            )
        )

    def merged(self, older):
        """These slots, completed by ``older`` ones (a previous message)."""
        values = {}
        for name, value in asdict(self).items():
            values[name] = value if value not in (None, [], "") else older.get(name)
        if self.start and not self.end and not self.minutes:
            values["end"] = None
        return Slots.from_dict(values)

    def to_dict(self):
        """A JSON-friendly dict (kept while the assistant waits)."""
        values = asdict(self)
        for key in ("day", "start", "end"):
            if values[key]:
                values[key] = values[key].isoformat()
        return values

    @classmethod
    def from_dict(cls, values):
        values = dict(values or {})
        known = {}
        for name in cls.__dataclass_fields__:
            value = values.get(name)
            if name == "day" and isinstance(value, str):
                value = date.fromisoformat(value)
            elif name in ("start", "end") and isinstance(value, str):
                value = time.fromisoformat(value)
            known[name] = value
        known["kinds"] = list(known.get("kinds") or [])
        known["rest"] = known.get("rest") or ""
        return cls(**known)


def _plain(text):
    return strip_accents(text).lower().replace("\u2019", "'")


def _number(word):
    if word is None:
        return None
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def _clock(hour, minute, meridian):
    """A ``time`` from parts of a match, ``None`` when not a clock time."""
    hour = int(hour)
    minute = int(minute or 0)
    if meridian:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridian == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _cut(text, match):
    """``text`` with the span of ``match`` blanked (positions are kept)."""
    start, end = match.span()
    return text[:start] + " " * (end - start) + text[end:]


def _read_range(low):
    for match in RANGE_RE.finditer(low):
        prefix = match.group(1)
        h1, mark1, m1, ap1 = match.group(2, 3, 4, 5)
        separator = match.group(6)
        h2, mark2, m2, ap2 = match.group(7, 8, 9, 10)
        marked = any((mark1, ap1, mark2, ap2))
        if re.search(r"\b(?:for|pour|pendant|durant|during)\s*$", low[: match.start()]):
            continue  # "pour 1h30 à 14h": a length, then a time
        if not (marked or prefix or separator in ("-", "–")):
            continue
        if separator in ("a", "et", "and") and not (marked or prefix):
            continue
        if ap2 and not ap1 and int(h1) <= 12:
            ap1 = ap2 if int(h1) <= int(h2) % 12 or int(h2) == 12 else "am"
        start, end = _clock(h1, m1, ap1), _clock(h2, m2, ap2)
        if not start or not end:
            continue
        if end <= start and not ap2 and end.hour + 12 <= 23:
            end = end.replace(hour=end.hour + 12)
        if end <= start or not 5 <= start.hour <= 22:
            continue
        return start, end, match
    return None


def _read_minutes(low):
    for regex, minutes in HALF_RE:
        match = regex.search(low)
        if match:
            return minutes, match
    match = DURATION_H_RE.search(low)
    if match:
        return int(match.group(1)) * 60 + int(match.group(2) or 0), match
    match = DURATION_WORD_RE.search(low)
    if match and _number(match.group(1)):
        minutes = _number(match.group(1)) * 60
        minutes += 30 if match.group(2) else 0
        minutes += int(match.group(3) or 0)
        return minutes, match
    match = DURATION_MIN_RE.search(low)
    if match:
        return int(match.group(1)), match
    return None, None


def _read_single(low):
    match = SINGLE_MARKED_RE.search(low)
    if match:
        hour, mark, minute, ap1, ap2 = match.groups()
        clock = _clock(hour, minute, ap1 or ap2)
        if clock:
            return clock, match
    match = NOON_RE.search(low)
    if match:
        return time(12, 0), match
    match = SINGLE_BARE_RE.search(low)
    if match:
        hour = int(match.group(1))
        if 1 <= hour <= 7:
            hour += 12  # "at 3" at a coworking space is in the afternoon
        clock = _clock(hour, 0, None)
        if clock:
            return clock, match
    return None, None


def _read_weekday(low, today):
    for word, weekday in WEEKDAYS.items():
        match = re.search(
            rf"\b(?:(next|prochain)\s+)?{word}\b(?:\s+(prochain|next))?", low
        )
        if match:
            ahead = (weekday - today.weekday()) % 7
            if ahead == 0 and (match.group(1) or match.group(2)):
                ahead = 7
            return today + timedelta(days=ahead), match
    return None, None


def _read_date(low, today, now):
    """A day written with digits or a month, through ``dateparser``."""
    if not re.search(r"\d", low) and not MONTH_WORDS.search(low):
        return None
    from dateparser.search import search_dates

    settings = {
        "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": now,
        "RETURN_AS_TIMEZONE_AWARE": False,
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
    }
    try:
        found = search_dates(low, languages=["fr", "en"], settings=settings) or []
    except (ValueError, OverflowError, TypeError):
        return None
    for substring, moment in found:
        if not (re.search(r"\d", substring) and len(substring.strip()) > 1) and not (
            MONTH_WORDS.search(substring)
        ):
            continue
        if re.fullmatch(r"\s*\d{1,2}\s*", substring):
            continue  # a lone number is not a day
        return moment.date()
    return None


def _read_person(text, slots):
    """The reference and the person a request is for, from its own case."""
    reference = REFERENCE_RE.search(text)
    if reference:
        slots.reference = reference.group(0).upper()
        text = _cut(text, reference)
    for regex in (FOR_NAME_RE, POSSESSIVE_RE):
        for match in regex.finditer(text):
            name = match.group(1).strip()
            first = _plain(name.split()[0])
            if first not in NOT_A_NAME and first not in GENERIC_NAME_WORDS:
                slots.for_name = name
                return text
    return text


def _read_times(low, slots):
    """The people, times, length and period of the day; returns the text
    left."""
    seats = SEATS_RE.search(low)
    if seats and _number(seats.group(1)):
        slots.seats = max(1, min(_number(seats.group(1)), MAX_SEATS))
        low = _cut(low, seats)
    found = _read_range(low)
    if found:
        slots.start, slots.end, match = found
        low = _cut(low, match)
    minutes, match = _read_minutes(low)
    if minutes:
        slots.minutes = max(1, min(minutes, MAX_MINUTES))
        low = _cut(low, match)
    for pattern, period in PERIODS:
        match = re.search(rf"\b(?:{pattern})\b", low)
        if match:
            slots.period = period
            low = _cut(low, match)
            break
    if not slots.start:
        clock, match = _read_single(low)
        if clock:
            slots.start = clock
            low = _cut(low, match)
    return low


def _read_day(low, slots, today, now):
    """The day: relative words, a weekday, else a date; returns the text
    left."""
    for pattern, ahead in RELATIVE_DAYS:
        match = re.search(rf"\b(?:{pattern})", low)
        if match:
            slots.day = today + timedelta(days=ahead)
            return _cut(low, match)
    slots.day, match = _read_weekday(low, today)
    if match:
        return _cut(low, match)
    slots.day = _read_date(low, today, now)
    return low


def extract(text, today, now=None):
    """The ``Slots`` of ``text``; ``today`` (a date) and ``now`` (a naive
    datetime) in the asking person's time zone."""
    text = (text or "")[:MAX_TEXT]
    now = now or datetime.combine(today, time(9, 0))
    slots = Slots()
    text = _read_person(text, slots)
    low = _plain(text)
    choice = CHOICE_RE.match(low)
    if choice:
        slots.choice = int(choice.group(1))
        return slots
    low = _read_times(low, slots)
    low = _read_day(low, slots, today, now)
    # the names of spaces are looked for in what is left, kinds included
    slots.rest = re.sub(r"\s+", " ", low).strip()
    for words, kind in KIND_WORDS:
        if re.search(rf"\b{words}s?\b", low) and kind not in slots.kinds:
            slots.kinds.append(kind)
            low = re.sub(rf"\b{words}s?\b", " ", low)
    return slots


def day_in_range(day, today):
    """Whether ``day`` is close enough to today to be asked about."""
    return abs((day - today).days) <= MAX_DAYS_AHEAD


def match_names(text, names):
    """Keys of ``names`` (``{key: name}``) that ``text`` names, best first:
    ``[(key, score)]``. A whole name counts more than one of its distinctive
    words ("301" for "Office 301", "Seine")."""
    low = " " + _plain(text) + " "
    plains = {key: _plain(name or "").strip() for key, name in names.items()}
    counts = {}
    for plain in plains.values():
        for word in set(re.findall(r"[\w']+", plain)):
            counts[word] = counts.get(word, 0) + 1
    scores = {}
    for key, plain in plains.items():
        if not plain:
            continue
        if re.search(rf"(?<!\w){re.escape(plain)}(?!\w)", low):
            scores[key] = 100 + len(plain)
            continue
        # a word of one name only tells that space ("Seine", "301")
        words = [
            word
            for word in re.findall(r"[\w']+", plain)
            if len(word) > 1 and word not in GENERIC_NAME_WORDS and counts[word] == 1
        ]
        best = max(
            (
                len(word)
                for word in words
                if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", low)
            ),
            default=0,
        )
        if best:
            scores[key] = best
    return sorted(scores.items(), key=lambda item: -item[1])


def best_names(text, names):
    """The keys of the best matches of ``match_names`` (several when they
    tie: the caller asks which one)."""
    ranked = match_names(text, names)
    if not ranked:
        return []
    top = ranked[0][1]
    return [key for key, score in ranked if score == top]
