"""A signal sent when a search for words finds nothing, for any app that counts unmet need.

Only the words searched for are sent: never who searched, from which address, or when.
"""

from django.dispatch import Signal

# Sent with ``text``: the words of the query as the search read them.
search_found_nothing = Signal()


def announce(results):
    """Send ``search_found_nothing`` if ``results`` is a completed search for words with no hits."""
    request = results.request
    if results.total == 0 and request.has_query and not results.stopped and not results.errors:
        search_found_nothing.send(sender=announce, text=request.text)
