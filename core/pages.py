"""Pages that belong to a site, as opposed to those waiting in Deleted items."""

from django.db.models import Q

from wagtail.models import Site


def in_a_site(pages):
    """``pages`` without those outside every site's tree. Deleted items sits beside the home page,
    under the tree's root, so what waits there drops out of the lists that show people their
    work (dashboards, the tracker, digests) without those lists knowing about Deleted items."""
    condition = Q()
    for path in Site.objects.values_list("root_page__path", flat=True):
        condition |= Q(path__startswith=path)
    return pages.filter(condition) if condition else pages
