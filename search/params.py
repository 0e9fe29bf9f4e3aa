"""Reading a search's GET parameters into a ``SearchRequest``, with plain-English problems.

``SearchFilterSet`` declares the parameters and checks their form; this module adds the limits
(query length, words, themes) and the checks against the site's content: a theme or cohort is
accepted only when it is public (``search.public``), and one that exists only in a draft or
behind a restriction gets the same message as one that does not exist.
"""

import re
from dataclasses import dataclass, field

from search.analysis import analyse
from search.backends.base import SearchRequest
from search.filters import SearchFilterSet
from search.public import live_cohorts, public_theme_names

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
MAX_THEMES = 20

# Characters with a meaning in search engine query syntax; here they only separate words.
# "?" and "!" are left out: people end questions with them, and they mean nothing here either.
SYNTAX_CHARACTERS = set('"()[]{}:*~/\\^&|<>+=')
OPERATORS = re.compile(r"\b(AND|OR|NOT)\b")


@dataclass
class ParsedRequest:
    """A ``SearchRequest`` with the problems found while reading the parameters.

    ``errors`` are parameters that were wrong and ignored or corrected (the API refuses them);
    ``warnings`` explain how the query was read (the API passes them on).
    """

    request: SearchRequest
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    theme_names: dict[str, str] = field(default_factory=dict)


def _truncate(text, limit):
    cut = text[:limit]
    if len(text) > limit and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.strip()


def _read_query(text, errors, warnings):
    """The query text within its limits, and its analysed term groups."""
    if len(text) > MAX_QUERY_LENGTH:
        errors.setdefault("q", []).append(
            f"Searches can be up to {MAX_QUERY_LENGTH} characters long. Yours had "
            f"{len(text):,}, so only the start of it was used."
        )
        text = _truncate(text, MAX_QUERY_LENGTH)
    if SYNTAX_CHARACTERS & set(text):
        warnings.append(
            "Quotation marks, brackets and other symbols are ignored: the search looked for "
            "your words only."
        )
    if OPERATORS.search(text):
        warnings.append(
            "AND, OR and NOT are not search commands here: results contain all your other words."
        )
    groups = analyse(text)
    if len(groups) > MAX_TERMS:
        warnings.append(f"Only the first {MAX_TERMS} words of your search were used.")
        groups = groups[:MAX_TERMS]
    if text and not groups:
        warnings.append(
            "Your search had no words to look for, so everything matching the filters is shown."
        )
    return text, groups


def _read_themes(themes, errors):
    """The public themes among ``themes``, and their names; the others are reported as unknown."""
    if len(themes) > MAX_THEMES:
        errors.setdefault("theme", []).append(
            f"Choose up to {MAX_THEMES} themes at a time; the first {MAX_THEMES} were used."
        )
        themes = themes[:MAX_THEMES]
    names = public_theme_names(themes)
    for slug in themes:
        if slug not in names:
            errors.setdefault("theme", []).append(f"There is no theme called “{slug[:60]}”.")
    return [slug for slug in themes if slug in names], names


def parse(params):
    """Validate GET parameters into a ``ParsedRequest``; never raises on bad input."""
    filterset = SearchFilterSet(params)
    filterset.is_valid()
    errors = filterset.plain_errors()
    data = filterset.form.cleaned_data
    warnings = []

    text, groups = _read_query(data.get("q") or "", errors, warnings)
    themes, theme_names = _read_themes(data.get("theme") or [], errors)

    cohorts = live_cohorts()
    cohort = data.get("cohort") or None
    if cohort and cohort not in cohorts:
        errors.setdefault("cohort", []).append(f"There is no cohort called “{cohort[:60]}”.")
        cohort = None

    request = SearchRequest(
        text=text,
        groups=groups,
        themes=themes,
        kind=data.get("kind") or None,
        cohort=cohort,
        place=data.get("place") or None,
        evidence=data.get("evidence") or None,
        confidence=data.get("confidence") or None,
        status=data.get("status") or None,
        year=data.get("year"),
        sort=data.get("sort") or "relevance",
        page=data.get("page") or 1,
        cohorts=cohorts,
    )
    return ParsedRequest(request, errors, warnings, theme_names)
