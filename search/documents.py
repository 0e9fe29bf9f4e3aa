"""Elasticsearch documents for projects and their findings.

Each ``SearchDocument`` knows its alias, which objects belong in the index (``get_queryset``) and
how to turn one into a document (``prepare``, with a ``prepare_<field>`` hook per field that is
not a plain attribute). Only live, public pages are indexed, and editor-only fields such as
mentor notes are never read here.
"""

from functools import cache

from django.conf import settings
from django.utils.html import strip_tags

from wagtail.models import Page

from elasticsearch_dsl import Date, Document, Integer, Keyword, Object, Text

from cohorts.models import CohortPage
from core.vocabularies import Place
from projects.models import Finding, FindingTheme, ProjectPage

# Analyser names; their definitions (search.analysis) are added when an index is created, so the
# synonyms file is read then and not at import.
INDEX_ANALYSER = "british_english"
SEARCH_ANALYSER = "british_english_search"


# The field every searchable text is copied into, so that a query is matched against one field
# (with typo tolerance) rather than against each in turn; the fields themselves then only rank.
ALL_TEXT = "all_text"
# Raised whenever a change to the documents or their mapping needs a rebuild; an index built
# for another version is reported by ``search_index status`` and the health endpoint.
SCHEMA_VERSION = 4


def english_text(**kwargs):
    return Text(analyzer=INDEX_ANALYSER, search_analyzer=SEARCH_ANALYSER, **kwargs)


def searchable_text(**kwargs):
    """A text field the query is matched against, through ``all_text``."""
    return english_text(copy_to=ALL_TEXT, **kwargs)


class SearchDocument(Document):
    """A kind of document with its own alias, and the objects that belong in it."""

    # The alias is the prefix from settings plus this; concrete indices add a version to it.
    alias_suffix = ""

    @classmethod
    def alias(cls):
        """The alias searches read through."""
        return f"{settings.SEARCH_INDEX_PREFIX}-{cls.alias_suffix}"

    @classmethod
    def write_alias(cls):
        """The alias updates are written through: during a rebuild it already points at the new
        index, so that nothing published meanwhile is missing from it."""
        return f"{cls.alias()}-write"

    @classmethod
    def get_queryset(cls):
        """Everything that should be in the index, with what ``prepare`` needs fetched up front."""
        raise NotImplementedError

    @classmethod
    def prepare_batch(cls, objects, context):
        """Fetch what a batch of ``objects`` shares, in a few queries, before each is prepared."""

    @classmethod
    def field_values(cls, obj, context=None):
        """``obj``'s value for each field: from ``prepare_<field>(obj, context)`` if defined,
        else from the attribute of the same name."""
        context = context if context is not None else IndexingContext()
        return {
            name: hook(obj, context) if hook else getattr(obj, name)
            for name, hook in _field_hooks(cls)
        }

    @classmethod
    def prepare(cls, obj, context=None):
        """A document for ``obj``, from ``field_values``."""
        return cls(meta={"id": cls.document_id(obj)}, **cls.field_values(obj, context))

    @classmethod
    def source(cls, obj, context=None):
        """What ``prepare(obj, context).to_dict()`` gives, built straight from the values: the
        document classes' own serialising took a third of a rebuild's time. The fields are
        plain values, lists, dates and (for what a hit shows) dicts, which need no converting;
        like ``to_dict`` it leaves out empty values."""
        return {
            name: list(value) if isinstance(value, tuple) else value
            for name, value in cls.field_values(obj, context).items()
            if value not in ([], {}, None, ())
        }

    @classmethod
    def document_id(cls, obj):
        return obj.pk


@cache
def _field_hooks(document):
    """(field, its ``prepare_<field>`` hook or None) for each field a document's source holds,
    looked up once per kind of document rather than once per document."""
    return [
        (name, getattr(document, f"prepare_{name}", None))
        for name in document._doc_type.mapping
        # Filled by Elasticsearch from the fields copied into it.
        if name != ALL_TEXT
    ]


class IndexingContext:
    """What a batch of documents shares: each cohort looked up once, not once per project."""

    def __init__(self):
        self._cohorts = {}
        self._urls = {}
        self._themes = {}

    def cohort_for(self, page):
        parent_path = page.path[: -Page.steplen]
        if parent_path not in self._cohorts:
            self._cohorts[parent_path] = CohortPage.objects.filter(path=parent_path).first()
        return self._cohorts[parent_path]

    def themes_of(self, page):
        """The project's themes, read once per project rather than once per finding."""
        if page.pk not in self._themes:
            self._themes[page.pk] = list(page.themes.all())
        return self._themes[page.pk]

    def page_url(self, page):
        """The page's address, worked out once per page rather than once per finding."""
        if page.pk not in self._urls:
            self._urls[page.pk] = page.get_url()
        return self._urls[page.pk]


def _theme_slugs(themes):
    return sorted({theme.slug for theme in themes})


def _theme_names(themes):
    return sorted({theme.name for theme in themes}, key=str.casefold)


# Read once: Django works its enumerations' choices out afresh on every reading.
PLACE_LABELS = dict(Place.choices)


def _place_names(page):
    """The project's places as words to search for: "West Yorkshire (region-wide)" finds "West
    Yorkshire"."""
    return [PLACE_LABELS.get(place, place) for place in page.places or []]


def _theme_list(themes):
    """The themes as a hit shows them, by name: read back from the document, not searched."""
    return [{"slug": theme.slug, "name": theme.name} for theme in themes]


def shown():
    """Stored with the document for showing with a hit, and neither searched nor counted."""
    return Object(enabled=False)


def _write_up_text(page):
    """The write-up as plain text, from each block's own idea of its searchable content."""
    parts = []
    for block in page.body:
        parts.extend(block.block.get_searchable_content(block.value))
    return "\n".join(strip_tags(str(part)) for part in parts if part)


def facet():
    """A keyword field the search page counts: its ordinals are built when the index refreshes,
    not by the first search after each refresh. (Years are keywords too: counting a numeric
    field has no ordinals to use and cost more than the other six facets together.)"""
    return Keyword(eager_global_ordinals=True)


class HitDocument(SearchDocument):
    """What every kind of hit carries: its kind, all its words in one field for the English
    analysis, the facets the search page counts and filters on, and what a hit shows."""

    all_text = english_text()
    kind = facet()
    themes = facet()
    cohort = facet()
    year = facet()
    places = facet()
    status = facet()
    url = Keyword(index=False)
    theme_list = shown()
    first_published_at = Date()


class ProjectDocument(HitDocument):
    """A project page: its title, summary, write-up, themes and places, with the facets of the
    search page."""

    alias_suffix = "projects"

    title = searchable_text(fields={"raw": Keyword()})
    summary = searchable_text()
    body = searchable_text()
    theme_names = searchable_text()
    place_names = searchable_text()
    cohort_title = Text()
    last_published_at = Date()

    @classmethod
    def get_queryset(cls):
        return ProjectPage.objects.live().public().prefetch_related("themes").order_by("path")

    @staticmethod
    def prepare_kind(page, context):
        return "project"

    @staticmethod
    def prepare_body(page, context):
        return _write_up_text(page)

    @staticmethod
    def prepare_place_names(page, context):
        return _place_names(page)

    @staticmethod
    def prepare_theme_names(page, context):
        return _theme_names(page.themes.all())

    @staticmethod
    def prepare_themes(page, context):
        return _theme_slugs(page.themes.all())

    @staticmethod
    def prepare_cohort(page, context):
        cohort = context.cohort_for(page)
        return cohort.slug if cohort else None

    @staticmethod
    def prepare_cohort_title(page, context):
        cohort = context.cohort_for(page)
        return cohort.title if cohort else None

    @staticmethod
    def prepare_year(page, context):
        cohort = context.cohort_for(page)
        return cohort.year if cohort else None

    @staticmethod
    def prepare_places(page, context):
        return list(page.places or [])

    @staticmethod
    def prepare_url(page, context):
        return context.page_url(page)

    @staticmethod
    def prepare_theme_list(page, context):
        return _theme_list(sorted(page.themes.all(), key=lambda t: t.name.casefold()))


class FindingDocument(HitDocument):
    """One finding, a hit of its own, carrying its project's facets so that filters apply to it,
    and its project's words (title, summary, themes, places) so that a search for what the
    project is about finds its findings too, ranked below a finding that says it itself."""

    alias_suffix = "findings"

    headline = searchable_text()
    detail = searchable_text()
    recommendation = searchable_text()
    # The finding's own themes; its project's are in project_theme_names.
    theme_names = searchable_text()
    project_title = searchable_text(fields={"raw": Keyword()})
    project_summary = searchable_text()
    project_theme_names = searchable_text()
    project_place_names = searchable_text()
    evidence_type = facet()
    confidence = facet()
    project_id = Integer()

    @classmethod
    def get_queryset(cls):
        # Projects and themes are fetched by prepare_batch, a batch at a time.
        return Finding.objects.public().order_by("page__path", "sort_order")

    @classmethod
    def prepare_batch(cls, findings, context):
        """Give the findings their projects, each fetched once with its themes (but not its
        write-up, which no finding document reads), and their own themes in one query."""
        page_field = Finding._meta.get_field("page")
        missing = {f.page_id for f in findings if not page_field.is_cached(f)}
        if missing:
            projects = (
                ProjectPage.objects.filter(pk__in=missing).defer("body").prefetch_related("themes")
            )
            by_pk = {project.pk: project for project in projects}
            for finding in findings:
                if not page_field.is_cached(finding):
                    finding.page = by_pk[finding.page_id]
        own = {finding.pk: [] for finding in findings}
        for tagging in FindingTheme.objects.filter(content_object_id__in=own).select_related("tag"):
            own[tagging.content_object_id].append(tagging.tag)
        for finding in findings:
            # What Finding.all_themes gives, without a queryset per finding.
            themes = {t.pk: t for t in context.themes_of(finding.page)}
            themes.update({t.pk: t for t in own[finding.pk]})
            finding.__dict__["all_themes"] = sorted(
                themes.values(), key=lambda t: t.name.casefold()
            )
            finding.__dict__["own_themes"] = sorted(
                own[finding.pk], key=lambda t: t.name.casefold()
            )

    @staticmethod
    def prepare_kind(finding, context):
        return "finding"

    @staticmethod
    def prepare_project_title(finding, context):
        return finding.page.title

    @staticmethod
    def prepare_project_summary(finding, context):
        return finding.page.summary

    @staticmethod
    def prepare_theme_names(finding, context):
        # Read by prepare_batch for a batch; asked for here when one finding is prepared alone.
        own = finding.__dict__.get("own_themes")
        return _theme_names(own if own is not None else finding.themes.all())

    @staticmethod
    def prepare_project_theme_names(finding, context):
        return _theme_names(context.themes_of(finding.page))

    @staticmethod
    def prepare_project_place_names(finding, context):
        return _place_names(finding.page)

    @staticmethod
    def prepare_themes(finding, context):
        return _theme_slugs(finding.all_themes)

    @staticmethod
    def prepare_project_id(finding, context):
        return finding.page_id

    @staticmethod
    def prepare_cohort(finding, context):
        return ProjectDocument.prepare_cohort(finding.page, context)

    @staticmethod
    def prepare_year(finding, context):
        return ProjectDocument.prepare_year(finding.page, context)

    @staticmethod
    def prepare_places(finding, context):
        return list(finding.page.places or [])

    @staticmethod
    def prepare_status(finding, context):
        return finding.page.status

    @staticmethod
    def prepare_url(finding, context):
        # The same address as finding.get_url(), with the project's part worked out once.
        return f"{context.page_url(finding.page)}#{finding.anchor}"

    @staticmethod
    def prepare_theme_list(finding, context):
        return _theme_list(finding.all_themes)

    @staticmethod
    def prepare_first_published_at(finding, context):
        return finding.page.first_published_at


DOCUMENTS = [ProjectDocument, FindingDocument]
