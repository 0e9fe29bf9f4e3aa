"""What the API v2 endpoints check in a request before the database sees it.

Wagtail's endpoints pass ``offset`` straight to the database (SQLite cannot bind a number beyond
64 bits) and ``search`` to the database search index, where SQLite's full-text engine rejects
unbalanced quotes and stray operators. Both were answered with a 500 or a false "database could
not be reached" 503; both are the request's fault, so they are a 400 with a plain message.
"""

from django.db import DatabaseError, transaction

from wagtail.api.v2.utils import BadRequestError

from core.outage import database_unreachable

# Far beyond any real listing, far below what a database can bind.
MAX_OFFSET = 10**9

SEARCH_MESSAGE = (
    "The search could not be read. Check that quotation marks come in pairs, and search for "
    "words rather than symbols."
)


class CheckedListingMixin:
    """For an API v2 viewset: a bad ``offset`` or an unreadable ``search`` is a 400."""

    def listing_view(self, request):
        offset = request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        if request.GET.get("search_operator", "and") not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        if "search" not in request.GET:
            return super().listing_view(request)
        try:
            # A savepoint, so that on PostgreSQL a refused search leaves the connection usable.
            with transaction.atomic():
                return super().listing_view(request)
        except DatabaseError as error:
            if database_unreachable(error):
                raise
            raise BadRequestError(SEARCH_MESSAGE) from error
