# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What a message to the assistant asks for, and in which language, free of
the ORM: a TF-IDF (character and word n-grams) + logistic regression model
trained once per process from the phrases shipped with the addon
(``data/assistant_phrases.csv``), and cached.

Below ``CONFIDENCE`` the intent is ``UNCLEAR``: the assistant asks back.
The held-out phrases (``data/assistant_phrases_heldout.csv``) are never
learned from; the tests and ``bench/ai/assistant.py`` measure on them.
"""

import csv
import os
import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

# what the assistant can do; "other" is what it is not for (weather, jokes…)
INTENTS = (
    "greeting",
    "thanks",
    "help",
    "free_slots",
    "book",
    "cancel",
    "my_bookings",
    "my_credits",
    "revenue",
    "occupancy",
    "other",
)
UNCLEAR = "unclear"
LANGS = ("en", "fr")
# below this probability of the best intent, the assistant asks back
CONFIDENCE = 0.3
# below this probability of the language, the user's own language is used
LANG_CONFIDENCE = 0.8
MAX_TEXT = 500
MAX_PHRASES = 20000

DATA_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data")
TRAINING_FILE = os.path.join(DATA_DIR, "assistant_phrases.csv")
HELD_OUT_FILE = os.path.join(DATA_DIR, "assistant_phrases_heldout.csv")

REFERENCE_RE = re.compile(r"\b[a-z]{1,6}/\d{4}/\d{2,7}\b", re.IGNORECASE)
YES_WORDS = {
    "yes",
    "y",
    "yep",
    "yeah",
    "sure",
    "ok",
    "okay",
    "confirm",
    "confirmed",
    "go",
    "go ahead",
    "please do",
    "do it",
    "yes please",
    "oui",
    "ouais",
    "o",
    "d'accord",
    "daccord",
    "dac",
    "confirme",
    "je confirme",
    "confirmer",
    "vas-y",
    "vas y",
    "allez-y",
    "c'est bon",
    "parfait",
    "oui merci",
    "oui stp",
    "oui s'il te plait",
    "oui s'il vous plait",
    "ok merci",
    "yes thanks",
    "ok thanks",
}
NO_WORDS = {
    "no",
    "n",
    "nope",
    "nah",
    "no thanks",
    "stop",
    "cancel",
    "never mind",
    "nevermind",
    "forget it",
    "not now",
    "non",
    "non merci",
    "annule",
    "laisse tomber",
    "pas maintenant",
    "surtout pas",
    "oublie",
}


def strip_accents(text):
    """``text`` without its diacritics."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalize(text):
    """The form the model reads: lower case, no accents, booking references
    and digits generalised, one space between words."""
    text = strip_accents((text or "")[:MAX_TEXT]).lower()
    text = text.replace("\u2019", "'")
    text = REFERENCE_RE.sub(" bkref ", text)
    text = re.sub(r"\d+", "0", text)
    return re.sub(r"\s+", " ", text).strip()


def yes_no(text):
    """``True`` for a yes, ``False`` for a no, ``None`` for anything else."""
    words = normalize(text).strip(" .!?,;")
    words = re.sub(r"[!?.,;]+", "", words).strip()
    if words in YES_WORDS:
        return True
    if words in NO_WORDS:
        return False
    return None


def read_phrases(path):
    """``[(intent, lang, text)]`` of a phrase file (``intent,lang,text``);
    rows of unknown intents or languages are refused."""
    rows = []
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            intent, lang, text = row["intent"], row["lang"], (row["text"] or "")
            if intent not in INTENTS or lang not in LANGS:
                raise ValueError(f"{path}: unknown intent or language in {row!r}")
            if text.strip():
                rows.append((intent, lang, text.strip()[:MAX_TEXT]))
            if len(rows) > MAX_PHRASES:
                raise ValueError(f"{path}: more than {MAX_PHRASES} phrases")
    return rows


@dataclass
class Prediction:
    """What a message asks (``intent``, ``UNCLEAR`` below the threshold),
    the model's best guess whatever its confidence (``best``), and the
    message's language (``lang``, ``None`` when unsure)."""

    intent: str
    best: str
    confidence: float
    lang: str | None
    lang_confidence: float
    ranked: list = field(default_factory=list)


def _features():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    return FeatureUnion(
        [
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True
                ),
            ),
            (
                "words",
                TfidfVectorizer(
                    analyzer="word",
                    ngram_range=(1, 2),
                    sublinear_tf=True,
                    token_pattern=r"(?u)\b\w+\b",
                ),
            ),
        ]
    )


def _classifier():
    """A logistic regression fitted by stochastic gradient descent: as good
    as lbfgs on these phrases (cross-validated) and a hundred times faster
    to train, so that a worker answers its first message at once."""
    from sklearn.linear_model import SGDClassifier

    return SGDClassifier(loss="log_loss", alpha=1e-4, max_iter=50, random_state=0)


class IntentModel:
    """The intent and language classifiers, trained on phrases."""

    def __init__(self, rows):
        from sklearn.pipeline import make_pipeline

        texts = [normalize(text) for _intent, _lang, text in rows]
        self.intents = make_pipeline(_features(), _classifier())
        self.intents.fit(texts, [intent for intent, _lang, _text in rows])
        self.langs = make_pipeline(_features(), _classifier())
        self.langs.fit(texts, [lang for _intent, lang, _text in rows])
        self.size = len(rows)

    def predict(self, text, threshold=CONFIDENCE):
        """The ``Prediction`` of one message."""
        normalized = normalize(text)
        if not normalized:
            return Prediction(UNCLEAR, "other", 0.0, None, 0.0)
        probabilities = self.intents.predict_proba([normalized])[0]
        ranked = sorted(
            zip(self.intents.classes_, probabilities, strict=True),
            key=lambda pair: -pair[1],
        )
        best, confidence = ranked[0]
        lang_probabilities = self.langs.predict_proba([normalized])[0]
        lang, lang_confidence = max(
            zip(self.langs.classes_, lang_probabilities, strict=True),
            key=lambda pair: pair[1],
        )
        return Prediction(
            intent=str(best) if confidence >= threshold else UNCLEAR,
            best=str(best),
            confidence=float(confidence),
            lang=str(lang) if lang_confidence >= LANG_CONFIDENCE else None,
            lang_confidence=float(lang_confidence),
            ranked=[(str(name), float(p)) for name, p in ranked[:3]],
        )


_lock = threading.Lock()
_cache = {}


def get_model(path=TRAINING_FILE):
    """The model trained on ``path``, once per process."""
    key = (path, os.path.getmtime(path))
    model = _cache.get(key)
    if model is None:
        with _lock:
            model = _cache.get(key)
            if model is None:
                model = IntentModel(read_phrases(path))
                _cache.clear()
                _cache[key] = model
    return model


def classify(text, threshold=CONFIDENCE):
    """The ``Prediction`` of ``text`` by the shipped model."""
    return get_model().predict(text, threshold=threshold)


def is_correct(expected, predicted):
    """Whether a prediction answers a phrase right: a phrase the assistant
    is not for ("other") is answered right by a question back too."""
    if expected == "other":
        return predicted in ("other", UNCLEAR)
    return predicted == expected


def evaluate(rows, model=None, threshold=CONFIDENCE):
    """Accuracy on ``rows`` (``[(intent, lang, text)]``) per language and in
    all: ``{lang: {"total", "correct", "accuracy", "errors"}}`` plus
    ``"all"``."""
    model = model or get_model()
    figures = defaultdict(lambda: {"total": 0, "correct": 0, "errors": []})
    for intent, lang, text in rows:
        predicted = model.predict(text, threshold=threshold)
        for key in (lang, "all"):
            figures[key]["total"] += 1
            if is_correct(intent, predicted.intent):
                figures[key]["correct"] += 1
            elif key != "all":
                figures[key]["errors"].append((text, intent, predicted.intent))
    for values in figures.values():
        values["accuracy"] = values["correct"] / values["total"]
    return dict(figures)
