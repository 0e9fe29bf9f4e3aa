"""Text analysis for search, one definition for both backends: words, British stems, synonyms.

The database backend analyses a query here (``analyse``): tokenised, stop words dropped, each word
reduced to a light British stem, and phrases from ``synonyms.txt`` expanded to every way of
writing them. Elasticsearch does the same with its own analysers, defined at the end of this
module: documents are indexed with ``british_english`` and queried with
``british_english_search``, which adds the same synonyms. Synonyms apply at query time only, so
editing the file changes search on the next rebuild of the index settings without touching
stored documents.

``synonyms.txt`` is read by one function (``read_synonyms``), whichever backend asks. A line it
cannot use is left out and reported with its line number, by ``manage.py check`` and in the
log: a mistake in the file never stops a search.
"""

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from django.conf import settings

from elasticsearch_dsl import analyzer, token_filter

from search.backends.base import TermGroup

logger = logging.getLogger(__name__)

SYNONYMS_FILE = Path(__file__).resolve().parent / "synonyms.txt"

# Words too common to search for. "and", "or" and "not" are here too: they are not operators.
STOP_WORDS = frozenset(
    "a an and are as at be by for from in into is it its not of on or so that the their this "
    "to was were with".split()
)
WORD = re.compile(r"[a-z0-9]+")


# Words and stems ----------------------------------------------------------------------------


def tokenise(text):
    """Lower-case ASCII words: accents dropped, possessive "'s" removed, punctuation splits."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’]s\b", "", text)
    return WORD.findall(text)


def content_words(text):
    """The words of ``text`` worth searching for: stop words left out."""
    return tuple(w for w in tokenise(text) if w not in STOP_WORDS)


def stem(word):
    """A light British English stem, used as a word prefix when matching.

    It strips plurals and -ing/-ed, so "behaviours" and "behaviour" share a stem, as do
    "organisations" and "organisation", "informed" and "inform", "families" and "family".
    American -ize and -avior spellings are read as British. A final e stays: dropping it would
    make "police" find "policy".
    """
    w = word.lower()
    w = re.sub(r"iz(e|es|ed|ing|ation|ations)$", r"is\1", w)
    w = re.sub(r"avior(s?)$", r"aviour\1", w)
    if len(w) <= 3 or w.isdigit():
        return w
    if w.endswith(("ies", "ied")) and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def word_prefixes(word):
    """The prefixes a word matches as: its stem, and for "family" also "familie" (families)."""
    base = stem(word)
    if len(base) > 3 and base.endswith("y") and base[-2] not in "aeiou":
        return (base, base[:-1] + "ie")
    return (base,)


def inflections(word):
    """Whole word forms (plural, -ing, -ed) for full-text indexes that may not stem."""
    base = stem(word)
    forms = {word, base}
    if len(base) > 3:
        forms |= {base + s for s in ("s", "es", "e", "ed", "ing", "y", "ies")}
    else:
        forms.add(base + "s")
    return sorted(f for f in forms if f.isalnum())


# Synonyms -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SynonymEntry:
    """One way of writing a term of a synonym group, as words and as their stems."""

    words: tuple[str, ...]
    stems: tuple[str, ...]


@dataclass(frozen=True)
class Synonyms:
    """The usable lines of a synonyms file, and a plain-English note on each line that is not.

    ``lines`` holds each usable line's terms as written.
    """

    lines: tuple[tuple[str, ...], ...]
    problems: tuple[str, ...]

    @property
    def rules(self):
        """The lines as Elasticsearch's synonym filter reads them."""
        return [", ".join(terms) for terms in self.lines]

    @cached_property
    def groups(self):
        """The groups as the database backend matches them: each term's words and stems."""
        groups = []
        for terms in self.lines:
            entries = []
            for term in terms:
                words = content_words(term)
                if words:
                    entries.append(SynonymEntry(words, tuple(stem(w) for w in words)))
            if len(entries) > 1:
                groups.append(tuple(entries))
        return tuple(groups)


def _problem(path, number, line):
    if any(character in line for character in "=>\\"):
        return f"{path.name}, line {number}: use only words and commas, no '=>' or backslashes."
    terms = [term.strip() for term in line.split(",")]
    if len(terms) < 2 or not all(terms):
        return f"{path.name}, line {number}: write two or more terms separated by commas."
    return None


@lru_cache(maxsize=4)
def _read(path, mtime):
    path = Path(path)
    lines, problems = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        problem = _problem(path, number, line)
        if problem:
            problems.append(problem)
        else:
            lines.append(tuple(term.strip() for term in line.split(",")))
    for problem in problems:
        logger.error("Synonyms: %s The line is left out until it is corrected.", problem)
    return Synonyms(tuple(lines), tuple(problems))


def read_synonyms(path=None):
    """The synonyms file (``SEARCH_SYNONYMS_FILE``): one group of equivalent terms a line,
    separated by commas; blank lines and lines starting with ``#`` are ignored.

    The file is read again whenever it changes. A missing or unreadable file gives no synonyms
    and one problem.
    """
    path = Path(path or getattr(settings, "SEARCH_SYNONYMS_FILE", SYNONYMS_FILE))
    try:
        return _read(str(path), path.stat().st_mtime)
    except (OSError, UnicodeDecodeError) as error:
        return Synonyms((), (f"{path.name} could not be read: {error}",))


# Query analysis -----------------------------------------------------------------------------


def analyse(text, synonyms=None):
    """Turn query text into term groups: one per word, or per synonym phrase found in it.

    Every group must match for a hit; within a group any alternative will do.
    """
    synonyms = read_synonyms().groups if synonyms is None else synonyms
    words = list(content_words(text))
    stems = [stem(w) for w in words]
    groups, seen, i = [], set(), 0
    while i < len(words):
        best = None
        for group in synonyms:
            for entry in group:
                n = len(entry.stems)
                if tuple(stems[i : i + n]) == entry.stems and (best is None or n > best[0]):
                    best = (n, group)
        if best:
            n, group = best
            term = TermGroup(
                label=" ".join(words[i : i + n]),
                stems=tuple(e.stems for e in group),
                words=tuple(e.words for e in group),
            )
        else:
            n = 1
            prefixes = word_prefixes(words[i])
            term = TermGroup(
                label=words[i],
                stems=tuple((p,) for p in prefixes),
                words=((words[i],),),
            )
        if term.stems not in seen:
            seen.add(term.stems)
            groups.append(term)
        i += n
    return groups


# Elasticsearch's analysers ------------------------------------------------------------------

# Light stemming keeps real words ("organisations" -> "organisation"), which keeps typo
# tolerance and spelling suggestions meaningful; Porter would cut it to "organis".
british_stemmer = token_filter("british_stemmer", type="stemmer", language="light_english")
english_possessive = token_filter(
    "english_possessive", type="stemmer", language="possessive_english"
)

# The stemmer runs before the synonyms, so the rules are stemmed too and "ACE" expands as "ACEs" does.
INDEX_FILTERS = ["lowercase", "asciifolding", english_possessive, british_stemmer]


def sector_synonyms(path=None):
    return token_filter("sector_synonyms", type="synonym_graph", synonyms=read_synonyms(path).rules)


def british_english():
    """The analyser documents are indexed with."""
    return analyzer("british_english", tokenizer="standard", filter=INDEX_FILTERS)


def british_english_search(path=None):
    """The analyser queries go through: the index analyser plus the sector's synonyms."""
    return analyzer(
        "british_english_search",
        tokenizer="standard",
        filter=[*INDEX_FILTERS, sector_synonyms(path)],
    )
