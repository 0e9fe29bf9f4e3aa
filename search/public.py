"""What search may show: content that is live and that anyone may read, and nothing else.

A theme is created the moment a draft names it, and a cohort page can sit behind a view
restriction. Filters, facets, suggestions and messages draw their values from here, so that a
value that exists only in a draft or behind a restriction gets the same answer as one that does
not exist at all.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Exists, OuterRef, Q

from wagtail.models import Page, PageViewRestriction

from cohorts.models import CohortPage
from projects.models import Finding, FindingTheme, ProjectPage, ProjectPageTheme, Theme
from search.backends.base import CohortInfo

# Words for spelling suggestions are read from at most this many titles and headlines.
SUGGESTION_PROJECTS = 2000
SUGGESTION_FINDINGS = 5000


# Inside ``read_restrictions_once()``: a one-item list holding the paths once read, else None.
_READ_ONCE = ContextVar("search_restricted_paths", default=None)


@contextmanager
def read_restrictions_once():
    """Within the block, the view restrictions are read from the database once: a search asks
    for them while reading its parameters, checking its hits and naming a theme."""
    token = _READ_ONCE.set([None])
    try:
        yield
    finally:
        _READ_ONCE.reset(token)


def restricted_paths():
    """The tree paths of pages behind a view restriction; each covers the pages below it.

    Read here rather than through Wagtail's ``public()``, whose read of the restrictions
    (joined to their pages) SQLite answered by scanning every page of the site: 3 ms, asked
    several times a search.
    """
    remembered = _READ_ONCE.get()
    if remembered is not None and remembered[0] is not None:
        return remembered[0]
    restricted = PageViewRestriction.objects.values("page_id")
    paths = list(Page.objects.filter(pk__in=restricted).values_list("path", flat=True))
    if remembered is not None:
        remembered[0] = paths
    return paths


def _public_page(prefix="", paths=None):
    """A filter for pages (reached through ``prefix``, a lookup path such as
    ``"content_object__"``) that are live and under none of the ``paths`` (default: the view
    restrictions now): what Wagtail's ``live().public()`` keeps."""
    paths = restricted_paths() if paths is None else paths
    keep = Q(**{f"{prefix}live": True})
    for path in paths:
        keep &= ~Q(**{f"{prefix}path__startswith": path})
    return keep


def public_projects():
    """Projects that are live and carry no view restriction."""
    return ProjectPage.objects.filter(_public_page())


def _on_public_content():
    # Asked per theme, following each tagging to its page, so that the database stops at the
    # first public project or finding. (Asked as "tagged content among the public projects",
    # SQLite listed every public project first: 20 ms a theme at 100,000 findings.)
    paths = restricted_paths()
    on_projects = ProjectPageTheme.objects.filter(
        _public_page("content_object__", paths), tag=OuterRef("pk")
    )
    on_findings = FindingTheme.objects.filter(
        _public_page("content_object__page__", paths), tag=OuterRef("pk")
    )
    return Q(Exists(on_projects)) | Q(Exists(on_findings))


def public_themes():
    """Themes on a public project or a finding of one, or with a description the programme team
    wrote: the themes the themes pages and the sitemap show too."""
    return Theme.objects.filter(_on_public_content() | ~Q(description=""))


def themes_in_use():
    """Public themes that a search filtered on them would find something for."""
    return Theme.objects.filter(_on_public_content())


def public_theme_names(slugs):
    """``{slug: name}`` for those of ``slugs`` that are public themes."""
    if not slugs:
        return {}
    return dict(public_themes().filter(slug__in=list(slugs)).values_list("slug", "name"))


def counted_theme_names(slugs):
    """``{slug: name}`` for themes already known to be public: those counted in a backend's
    facets, which count live public hits only."""
    if not slugs:
        return {}
    return dict(Theme.objects.filter(slug__in=list(slugs)).values_list("slug", "name"))


def live_cohorts():
    """Every live cohort anyone may read, by slug, newest year first, then by title.

    Read as two small queries, cohorts then their pages by primary key (and the read of
    view restrictions): as one join, SQLite chose to read every page of the site (projects
    included) to find the few dozen cohorts.
    """
    years = dict(CohortPage.objects.values_list("pk", "year"))
    pages = Page.objects.filter(_public_page(), pk__in=list(years)).values_list(
        "pk", "slug", "title", "path"
    )
    ordered = sorted(pages, key=lambda p: (-years[p[0]], p[2]))
    return {slug: CohortInfo(slug, title, years[pk], path) for pk, slug, title, path in ordered}


def live_hit_ids(project_ids, finding_ids):
    """Which of these projects and findings may be shown now: projects live and public, findings
    of those projects still there. Two queries (and the read of view restrictions).

    The projects come as ``{id: content note}``: a note is read from the site, not the index, so
    a note added a moment ago is already shown instead of the text it gates.
    """
    if not project_ids:
        return {}, set()
    projects = public_projects().filter(pk__in=list(project_ids))
    live_projects = dict(projects.values_list("pk", "content_note"))
    findings = Finding.objects.filter(pk__in=list(finding_ids), page_id__in=list(live_projects))
    return live_projects, set(findings.values_list("pk", flat=True))


def suggestion_texts():
    """Texts whose words a spelling suggestion may offer: public theme names, project titles and
    finding headlines. A suggestion must not give away a draft or a private project."""
    texts = list(public_themes().values_list("name", flat=True))
    texts += public_projects().values_list("title", flat=True)[:SUGGESTION_PROJECTS]
    texts += Finding.objects.public().values_list("headline", flat=True)[:SUGGESTION_FINDINGS]
    return texts
