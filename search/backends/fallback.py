"""A backend that answers from a second one when the first cannot: built by composition.

``get_backend`` wraps a search server's backend in ``FallbackBackend(primary, fallback)`` with
the database as the fallback. Neither backend knows about the other: the primary raises
``BackendUnavailable`` and this class decides what happens next (Wagtail's own search does the
same by wrapping its results, see ``search.wagtail_backend``).
"""

import logging

from search.backends.base import BackendUnavailable, BaseSearchBackend

logger = logging.getLogger(__name__)

REDUCED_MODE = (
    "Search is running in a reduced mode: results may be less complete than usual, and typing "
    "mistakes are not corrected."
)


class FallbackBackend(BaseSearchBackend):
    """``primary``'s answers, or ``fallback``'s with a note when ``primary`` is unavailable.

    Once the primary has failed, the rest of the same search (its suggestion, a second page
    request) goes straight to the fallback rather than waiting on it again: make one of these
    per search.
    """

    def __init__(self, primary, fallback):
        self.primary = primary
        self.fallback = fallback
        self.unavailable = False

    @property
    def name(self):
        return self.primary.name

    def _fail(self, action, error):
        logger.warning(
            "%s %s failed, answering from the %s backend: %s",
            self.primary.name.capitalize(),
            action,
            self.fallback.name,
            error,
        )
        self.unavailable = True

    def search(self, request, offset, limit):
        if not self.unavailable:
            try:
                return self.primary.search(request, offset, limit)
            except BackendUnavailable as error:
                self._fail("search", error)
        response = self.fallback.search(request, offset, limit)
        response.warnings = [*response.warnings, REDUCED_MODE]
        return response

    def suggest(self, request):
        if not self.unavailable:
            try:
                return self.primary.suggest(request)
            except BackendUnavailable as error:
                self._fail("suggestion", error)
        return self.fallback.suggest(request)
