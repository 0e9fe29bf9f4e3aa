"""Plain-language checks for what fellows write: word counts, reading ease and sensitive subjects.

The editor's writing-help script (projects/static/projects/js/writing-help.js) counts in the same
way, so the live hint and the hint shown after saving agree.
"""

import json
import re
from dataclasses import dataclass, field

from django.utils.html import strip_tags

WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
CLOSERS = "'\"’”)"
SENTENCE_END = re.compile(rf"[.!?]+[{CLOSERS}]*(?=\s|$)")
FINAL_STOP = re.compile(rf"[.!?]+[{CLOSERS}]*$")
# Silent endings ("make", "hoped", "services") do not add a syllable; "table" keeps its "le".
SILENT_ENDING = re.compile(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$")
VOWEL_GROUP = re.compile(r"[aeiouy]{1,2}")

# Advice starts above these: GOV.UK asks for sentences of about 15 to 20 words, and a Flesch
# score of 60 is the usual line for plain English.
LONG_SENTENCE = 20
PLAIN_ENGLISH = 60
LONG_WORD_SYLLABLES = 4
# Below this many words a score says little, so no advice is given.
MIN_WORDS_FOR_ADVICE = 12

# "Trauma" is left out on purpose: the whole programme is about adversity and trauma, so it would
# flag every project. Words are matched whole, so "abuse" does not match "disabused".
SENSITIVE = re.compile(
    r"\b(?:abus(?:e|ed|er|ers|es|ing|ive)"
    r"|self[\s-]?harm(?:s|ed|ing)?"
    r"|suicid(?:e|es|al)"
    r"|violen(?:t|ce|tly)"
    r"|neglect(?:s|ed|ful|ing)?"
    r"|sexual(?:ly|ity)?"
    r"|assault(?:s|ed|ing)?"
    r"|rape(?:s|d)?|raping)\b",
    re.IGNORECASE,
)


def syllables(word):
    """An estimate of the syllables in ``word``, good enough for a reading-ease score."""
    word = word.lower()
    if any(ch.isdigit() for ch in word):
        return 1
    word = re.sub(r"[^a-z]", "", word)
    if len(word) <= 3:
        return 1
    word = SILENT_ENDING.sub("", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(VOWEL_GROUP.findall(word)))


@dataclass(frozen=True)
class Readability:
    """Counts for a piece of text and the Flesch reading ease they give."""

    words: int
    sentences: int
    syllables: int
    long_words: list = field(default_factory=list)

    @property
    def average_sentence_length(self):
        return self.words / self.sentences if self.sentences else 0

    @property
    def reading_ease(self):
        """Flesch reading ease: about 60 to 70 is plain English; higher is easier. None if empty."""
        if not self.words:
            return None
        return 206.835 - 1.015 * self.average_sentence_length - 84.6 * (self.syllables / self.words)

    @property
    def level(self):
        score = self.reading_ease
        if score is None:
            return ""
        if score >= 70:
            return "easy to read"
        if score >= PLAIN_ENGLISH:
            return "plain English"
        if score >= 50:
            return "fairly hard to read"
        if score >= 30:
            return "hard to read"
        return "very hard to read"


def analyse(text):
    """Count the words, sentences, syllables and long words of ``text`` (plain text or HTML)."""
    text = strip_tags(text or "")
    words = WORD.findall(text)
    if not words:
        return Readability(words=0, sentences=0, syllables=0)
    text = text.strip()
    sentences = len(SENTENCE_END.findall(text))
    # A last sentence without a full stop still counts.
    if not FINAL_STOP.search(text):
        sentences += 1
    counts = [syllables(w) for w in words]
    long_words = []
    for word, count in zip(words, counts, strict=True):
        if count >= LONG_WORD_SYLLABLES and word.lower() not in long_words:
            long_words.append(word.lower())
    return Readability(
        words=len(words), sentences=sentences, syllables=sum(counts), long_words=long_words
    )


def hint(text):
    """Kind, plain advice on making ``text`` easier to read, or None when it already reads well."""
    result = analyse(text)
    if result.words < MIN_WORDS_FOR_ADVICE:
        return None
    long_sentences = result.average_sentence_length > LONG_SENTENCE
    hard = result.reading_ease < PLAIN_ENGLISH
    if not (long_sentences or hard):
        return None
    parts = [
        f"This reads as {result.level} (reading ease {round(result.reading_ease)} out of 100; "
        f"{PLAIN_ENGLISH} or more is plain English)."
    ]
    if long_sentences:
        parts.append(
            f"Sentences average {round(result.average_sentence_length)} words: try splitting "
            f"them so that most have fewer than {LONG_SENTENCE}."
        )
    if result.long_words:
        examples = ", ".join(f"'{w}'" for w in result.long_words[:3])
        parts.append(f"Shorter words could replace long ones such as {examples}.")
    return " ".join(parts)


def sensitive_words(*texts):
    """The distinct sensitive words found in ``texts``, lower-cased, in the order first seen."""
    found = []
    for text in texts:
        for match in SENSITIVE.finditer(strip_tags(text or "")):
            word = re.sub(r"\s+", " ", match.group(0).lower())
            if word not in found:
                found.append(word)
    return found


def stream_text(value):
    """Every piece of text in a StreamField's raw data, joined with spaces."""
    pieces = []

    def walk(node):
        if isinstance(node, str):
            pieces.append(node)
        elif isinstance(node, dict):
            for key, item in node.items():
                # Block types and ids are not prose.
                if key not in ("type", "id"):
                    walk(item)
        elif isinstance(node, list | tuple):
            for item in node:
                walk(item)

    raw = value
    if hasattr(value, "get_prep_value"):
        raw = value.get_prep_value()
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            pass
    walk(raw)
    return " ".join(pieces)
