"""The health check's view of search, which an app above ``core`` provides.

``core`` knows no app of the domain, so the search app registers its check from its
``AppConfig.ready``. Without one, search is served by the database and is as healthy as it.
"""

_search_check = None


def register_search_check(check):
    """Have ``check(database_ok)`` answer ``(backend name, ok or None)`` for the health view."""
    global _search_check
    _search_check = check


def search_status(database_ok):
    """``(backend, ok)``: ``ok`` is None when the database serves search."""
    if _search_check is None:
        return "database", None
    return _search_check(database_ok)
