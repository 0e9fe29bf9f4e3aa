"""Keeping a hit's snippet from repeating its title, for both backends.

A hit shows its title (a project's title, a finding's headline) above its snippet, so a snippet
that says the same words again tells the reader nothing. Many findings open their detail with
the headline, or have no text but the headline: their snippet comes from the rest of the text,
or there is none.
"""

import html
import re
from functools import lru_cache

WORD = re.compile(r"\w+")
# The only tags in a highlighted fragment: the rest of its text is escaped.
MARK = re.compile(r"</?mark>")
# A title shorter than this is a word or two that a text may well use in passing ("Belonging"):
# only a text that is nothing but the title repeats it.
SHORTEST_RUN = 3


def _run(title):
    words = WORD.findall(title or "")
    if not words:
        return None
    return re.compile(r"\W*".join(re.escape(w) for w in words), re.IGNORECASE)


def _same_words(text, title):
    return [w.casefold() for w in WORD.findall(text)] == [w.casefold() for w in WORD.findall(title)]


def without_title(text, title):
    """``text`` with a copy of ``title`` in it cut out; "" when nothing else would be left."""
    text = text or ""
    if not text or not title:
        return text
    if _same_words(text, title):
        return ""
    run = _run(title)
    if run is None or len(WORD.findall(title)) < SHORTEST_RUN:
        return text
    match = run.search(text)
    if not match:
        return text
    rest = (text[: match.start()].rstrip() + " " + text[match.end() :].lstrip(" .,;:!?-–—")).strip()
    return "" if not WORD.search(rest) else rest


def without_title_html(fragment, title):
    """The same for a highlighted fragment: escaped HTML whose words may be in <mark>s."""
    fragment = fragment or ""
    if not fragment or not title:
        return fragment
    if _same_words(html.unescape(MARK.sub("", fragment)), title):
        return ""
    run = _marked_run(title)
    if run is None:
        return fragment
    match = run.search(fragment)
    if not match:
        return fragment
    before = fragment[: match.start()].rstrip()
    after = fragment[match.end() :].lstrip(" .,;:!?-–—")
    rest = (before + " " + after).strip()
    return rest if WORD.search(MARK.sub("", rest)) else ""


@lru_cache(maxsize=512)
def _marked_run(title):
    """A pattern for ``title``'s words in a highlighted fragment; None for a short title."""
    words = WORD.findall(title)
    if len(words) < SHORTEST_RUN:
        return None
    # Between the title's words: spaces, punctuation and the highlighter's tags.
    gap = r"(?:</?mark>|[^\w<])*"
    return re.compile(
        r"(?:<mark>)?" + gap.join(re.escape(w) for w in words) + r"(?:</mark>)?", re.IGNORECASE
    )
