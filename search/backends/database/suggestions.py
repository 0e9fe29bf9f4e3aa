"""Spelling suggestions for the database backend: each word the index does not know replaced by
the closest word that it does.

The words come from the full-text index (``search.backends.database.index``), which holds live,
public content only, so a suggestion can never give away a draft or a private page (and
``search.suggestions`` offers one only if searching for it finds something):

- SQLite: the FTS5 table's own vocabulary (``fts5vocab``), words of about the same length;
- PostgreSQL: the index's words by trigram similarity (``pg_trgm``), and those of about the
  same length that start with the same letter, since a short word or swapped letters leave
  too few trigrams in common ("rnet" and "rent", "truama" and "trauma"). Without pg_trgm,
  words of about the same length.

Of those, the closest by ``difflib``'s ratio wins, and among equally close words the one in
most entries.
"""

import difflib

from django.db import connection

from search.analysis import stem
from search.backends.database.index import (
    ENTRY_TABLE,
    FTS_TABLE,
    VOCAB_TABLE,
    WORD_TABLE,
    has_trigram_index,
)

# How alike a word and its respelling must be, as difflib's ratio.
CUTOFF = 0.75
# The most words compared with one query word.
CANDIDATES = 100


def _length_bounds(word):
    # Lengths outside these cannot reach CUTOFF: the ratio is at most 2 * shorter / (sum).
    n = len(word)
    return int(n * CUTOFF / (2 - CUTOFF)), int(n * (2 - CUTOFF) / CUTOFF) + 1


def _known(word):
    """Whether a word of the index starts with the word's stem, as a search would match it."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT 1",
                [f'"{stem(word)}"*'],
            )
        else:
            cursor.execute(
                f"SELECT 1 FROM {ENTRY_TABLE} WHERE vector @@ to_tsquery('simple', %s) LIMIT 1",
                [f"'{stem(word)}':*"],
            )
        return cursor.fetchone() is not None


def _sqlite_candidates(word):
    low, high = _length_bounds(word)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term, doc FROM {VOCAB_TABLE} WHERE length(term) BETWEEN %s AND %s",
            [low, high],
        )
        return dict(cursor.fetchall())


# Words still in the index: the table of words is only ever added to between rebuilds.
_IN_INDEX = (
    f"EXISTS (SELECT 1 FROM {ENTRY_TABLE} e WHERE e.vector @@ to_tsquery('simple', "
    "quote_literal(w.word)))"
)


def _postgresql_candidates(word):
    low, high = _length_bounds(word)
    queries = []
    if has_trigram_index(connection):
        queries.append(
            (
                f"SELECT w.word FROM {WORD_TABLE} w WHERE w.word %% %s AND {_IN_INDEX} "
                "ORDER BY similarity(w.word, %s) DESC LIMIT %s",
                [word, word, CANDIDATES],
            )
        )
        # Trigrams also miss swapped letters in a middle-sized word ("truama", "trauma"):
        # words of about the same length with the same first letter are compared too.
        queries.append(
            (
                f"SELECT w.word FROM {WORD_TABLE} w WHERE left(w.word, 1) = %s "
                "AND length(w.word) BETWEEN %s AND %s",
                [word[:1], low, high],
            )
        )
    else:
        queries.append(
            (
                f"SELECT w.word FROM {WORD_TABLE} w WHERE length(w.word) BETWEEN %s AND %s",
                [low, high],
            )
        )
    words = set()
    with connection.cursor() as cursor:
        for sql, params in queries:
            cursor.execute(sql, params)
            words.update(row[0] for row in cursor.fetchall())
    return dict.fromkeys(words, 0)


def _entries_with(words):
    """How many entries hold each word (PostgreSQL, for the few words close enough)."""
    counts = {}
    with connection.cursor() as cursor:
        for word in words:
            cursor.execute(
                f"SELECT count(*) FROM {ENTRY_TABLE} WHERE vector @@ to_tsquery('simple', "
                "quote_literal(%s))",
                [word],
            )
            counts[word] = cursor.fetchone()[0]
    return counts


def closest_word(word):
    """The word of the index closest to ``word``, or None when none is close enough."""
    if connection.vendor == "sqlite":
        candidates = _sqlite_candidates(word)
    else:
        candidates = _postgresql_candidates(word)
    matcher = difflib.SequenceMatcher(b=word)
    scored = {}
    for candidate in candidates:
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() >= CUTOFF and matcher.quick_ratio() >= CUTOFF:
            ratio = matcher.ratio()
            if ratio >= CUTOFF:
                scored[candidate] = ratio
    if connection.vendor != "sqlite":
        # The table of words keeps words no longer in the index until the next rebuild:
        # only those the index still holds may be offered.
        candidates = _entries_with(scored)
        scored = {w: ratio for w, ratio in scored.items() if candidates[w]}
    if not scored:
        return None
    return max(sorted(scored), key=lambda w: (scored[w], candidates[w]))


def suggest_respelling(request):
    """The query with each word the index does not know replaced by the closest one that it
    does, or None when no word changed."""
    words, changed = [], False
    for group in request.groups:
        for word in group.label.split():
            if word.isdigit() or len(word) < 3 or _known(word):
                words.append(word)
                continue
            close = closest_word(word)
            if close:
                words.append(close)
                changed = True
            else:
                words.append(word)
    return " ".join(words) if changed else None
