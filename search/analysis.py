"""British English analysis for the search index: stemming, folding and the sector's synonyms.

Documents are indexed with ``british_english`` and queried with ``british_english_search``, which
adds the synonyms from ``search/synonyms.txt``. Synonyms apply at query time only, so editing the
file changes search on the next rebuild of the index settings without touching stored documents.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from elasticsearch_dsl import analyzer, token_filter

# Light stemming keeps real words ("organisations" -> "organisation"), which keeps typo
# tolerance and spelling suggestions meaningful; Porter would cut it to "organis".
british_stemmer = token_filter("british_stemmer", type="stemmer", language="light_english")
english_possessive = token_filter(
    "english_possessive", type="stemmer", language="possessive_english"
)

# The stemmer runs before the synonyms, so the rules are stemmed too and "ACE" expands as "ACEs" does.
INDEX_FILTERS = ["lowercase", "asciifolding", english_possessive, british_stemmer]


def read_synonyms(path=None):
    """Read the synonym groups: one group of equivalent terms a line, separated by commas.

    Blank lines and lines starting with ``#`` are ignored. A line with fewer than two terms or an
    empty term is a mistake in the file, reported with its line number.
    """
    path = path or settings.SEARCH_SYNONYMS_FILE
    rules = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        terms = [term.strip() for term in line.split(",")]
        if len(terms) < 2 or not all(terms):
            raise ImproperlyConfigured(
                f"{path.name}, line {number}: write two or more terms separated by commas."
            )
        if any(character in line for character in "=>\\"):
            raise ImproperlyConfigured(
                f"{path.name}, line {number}: use only words and commas, no '=>' or backslashes."
            )
        rules.append(", ".join(terms))
    return rules


def sector_synonyms(path=None):
    return token_filter("sector_synonyms", type="synonym_graph", synonyms=read_synonyms(path))


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
