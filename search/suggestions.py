"""What a search offers besides its hits: a theme its words name, or a respelling that finds
something.

Both are worked out here, the same for every backend: the backend proposes a respelling
(``suggest``), and it is offered only if searching for it finds something. A query that names a
public theme, or nearly does ("seeking saftey", "ACEs"), is offered that theme's filter instead
of a spelling guess, since a theme gathers everything on the subject whatever its words.
"""

import difflib
import itertools
from functools import lru_cache

from projects.models import Theme
from search.analysis import analyse, content_words, read_synonyms
from search.backends.base import HitTheme, SearchRequest
from search.public import themes_in_use

# How alike the query and a theme's name must be, as difflib's ratio, to count as naming it
# when their stems differ: "zero tolerence" and "staff welbeing" do, "zero tolerance schools"
# does not.
CLOSE_ENOUGH = 0.85
# Spelling out every synonym of a long query would make many keys for nothing: a theme's
# name is a few words.
LONGEST_THEME = 4
# A respelling that finds nothing is tried without the words it left alone only if there are
# at most this many of them, since each is searched for on its own first.
MOST_KEPT_WORDS = 2


def _stem_keys(groups):
    """Every way of reading the analysed words as one string of stems (synonyms spelt out)."""
    if not groups or len(groups) > LONGEST_THEME:
        return set()
    return {
        " ".join(stem for alternative in combination for stem in alternative)
        for combination in itertools.product(*(group.stems for group in groups))
    }


@lru_cache(maxsize=2)
def _analysed_names(synonyms):
    """``{theme name: (its stem keys, its content words)}``, filled as names are met and kept
    while the synonyms stay the same: analysing every theme's name again on every search cost
    more than the rest of the suggestion."""
    return {}


def _name_keys(name, analysed):
    if name not in analysed:
        analysed[name] = (_stem_keys(analyse(name)), " ".join(content_words(name)))
    return analysed[name]


def named_theme(request, counted=()):
    """The public theme in use that the query names, or nearly names, unless it is already
    chosen; None when there is none. ``counted``: slugs of themes the search's own facet
    counted, known to be in use without asking the database."""
    words = " ".join(content_words(request.text))
    if len(words) < 4:
        return None
    keys = _stem_keys(request.groups)
    named, best, best_ratio = [], None, CLOSE_ENOUGH
    # Names are compared first and only the few that come close are checked for being in use:
    # that check reads the site's taggings, which on a large site costs more than the search.
    themes = Theme.objects.exclude(slug__in=request.themes).order_by("pk")
    analysed = _analysed_names(read_synonyms())
    for slug, name in themes.values_list("slug", "name"):
        name_keys, name_words = _name_keys(name, analysed)
        if name_keys & keys:
            named.append((slug, name, None))
            continue
        matcher = difflib.SequenceMatcher(None, words, name_words)
        # The quick upper bounds rule out most names before the full comparison.
        if matcher.real_quick_ratio() < CLOSE_ENOUGH or matcher.quick_ratio() < CLOSE_ENOUGH:
            continue
        ratio = matcher.ratio()
        if ratio >= CLOSE_ENOUGH:
            named.append((slug, name, ratio))
    if not named:
        return None
    in_use = {slug for slug, _name, _ratio in named if slug in counted}
    unknown = [slug for slug, _name, _ratio in named if slug not in in_use]
    if unknown:
        in_use |= set(themes_in_use().filter(slug__in=unknown).values_list("slug", flat=True))
    for slug, name, ratio in named:
        if slug not in in_use:
            continue
        if ratio is None:
            return HitTheme(slug, name)
        if ratio >= best_ratio:
            best, best_ratio = HitTheme(slug, name), ratio
    return best


def _finds_something(backend, request, text):
    """Whether searching for ``text`` finds anything on the site. The filters are left out: a
    search with filters that find nothing offers to remove them as well as the respelling."""
    candidate = SearchRequest(text=text, groups=analyse(text), cohorts=request.cohorts)
    response = backend.search(candidate, 0, 1)
    return response.total > 0 and not response.stopped


def useful_respelling(backend, request):
    """The backend's respelling of the query if searching for it finds something.

    When it does not, the words it respelt are tried alone, provided that each word it left
    alone finds nothing by itself (so "kinshop zzzzzq" offers "kinship", but "seeking safety",
    respelt "asking safety", does not offer "asking": "safety" meant something).
    """
    text = backend.suggest(request)
    if not text:
        return None
    if _finds_something(backend, request, text):
        return text
    typed = {word.casefold() for word in request.text.split()}
    respelt = [word for word in text.split() if word.casefold() not in typed]
    kept = [word for word in text.split() if word.casefold() in typed]
    if not respelt or not kept or len(kept) > MOST_KEPT_WORDS:
        return None
    if any(_finds_something(backend, request, word) for word in kept):
        return None
    shorter = " ".join(respelt)
    return shorter if _finds_something(backend, request, shorter) else None
