"""Wagtail's API v2 at /api/v2/: live, public pages and the images and documents they show.

Wagtail's own endpoints would also list pages behind a view restriction the requester happens to
pass, and every image and document in the library, including those uploaded for drafts. The
subclasses below narrow each endpoint to what an anonymous reader of the site can already see.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from core.ratelimit import limit_api_searches
from reuse.api_checks import CheckedListingMixin
from reuse.public_media import media_on_public_pages


@limit_api_searches
class PublicPagesAPIViewSet(CheckedListingMixin, PagesAPIViewSet):
    """Live pages with no view restriction of any kind, whoever asks."""

    def get_base_queryset(self):
        return super().get_base_queryset().public()


@limit_api_searches
class PublicImagesAPIViewSet(CheckedListingMixin, ImagesAPIViewSet):
    """Images that appear on the public site, outside restricted collections."""

    def get_queryset(self):
        # Wagtail's own queryset already leaves out view-restricted collections.
        image_ids, _ = media_on_public_pages()
        return super().get_queryset().filter(pk__in=image_ids)


@limit_api_searches
class PublicDocumentsAPIViewSet(CheckedListingMixin, DocumentsAPIViewSet):
    """Documents that appear on the public site, outside restricted collections."""

    def get_queryset(self):
        _, document_ids = media_on_public_pages()
        return super().get_queryset().filter(pk__in=document_ids)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
