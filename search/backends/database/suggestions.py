"""Spelling suggestions for the database backend: each unknown word replaced by the closest word
of the public site."""

import difflib

from search.analysis import stem, tokenise
from search.public import suggestion_texts


def suggest_respelling(request):
    """The query with each word the site does not use replaced by the closest one that it does,
    or None when no word changed. Words come from public content only."""
    vocabulary = set()
    for text in suggestion_texts():
        vocabulary.update(w for w in tokenise(text) if len(w) >= 3)
    stems = {stem(w) for w in vocabulary}

    words, changed = [], False
    for group in request.groups:
        for word in group.label.split():
            if stem(word) in stems or word.isdigit():
                words.append(word)
                continue
            close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
            if close:
                words.append(close[0])
                changed = True
            else:
                words.append(word)
    return " ".join(words) if changed else None
