"""Hits of the database backend, built from the rows it loads, with the matched words marked.

A page of hits takes four queries at most whatever its size: the projects, their themes, the
findings and theirs. Themes are read as plain values and kept beside the objects, not in
Django's prefetch cache.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from projects.models import Finding, FindingTheme, ProjectPage, ProjectPageTheme
from search.backends.base import SNIPPET_LENGTH, Hit, HitTheme
from search.backends.database.matching import highlighter
from search.backends.snippets import without_title


def highlight(text, pattern, length=None):
    """Escape ``text`` and wrap the matches of ``pattern`` in <mark>; optionally cut a window of
    about ``length`` characters around the first match."""
    text = text or ""
    spans = [m.span() for m in pattern.finditer(text)] if pattern else []
    prefix = suffix = ""
    if length and len(text) > length:
        start = max(0, spans[0][0] - length // 4) if spans else 0
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < spans[0][0] else start
            prefix = "…"
        end = start + length
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start else end
            suffix = "…"
        text = text[start:end]
        spans = [(max(s - start, 0), min(e - start, len(text))) for s, e in spans]
        spans = [(s, e) for s, e in spans if s < e <= len(text)]
    parts, last = [], 0
    for start, end in spans:
        parts.append(escape(text[last:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    parts.append(escape(text[last:]))
    # Safe: every piece of the text went through escape() above.
    return mark_safe(prefix + "".join(parts) + suffix)


def _snippet(texts, pattern):
    texts = [t for t in texts if t]
    if not texts:
        return ""
    chosen = next((t for t in texts if pattern and pattern.search(t)), texts[0])
    return highlight(chosen, pattern, SNIPPET_LENGTH)


def themes_by_object(through, object_ids):
    """``{object id: [HitTheme, ...]}`` for these projects or findings, in one query.

    What ``prefetch_related("themes")`` would give, as plain values: Django's prefetch builds a
    filtered themes queryset for every object before filling it, and through taggit that was a
    quarter of a search's time.
    """
    themes = {pk: [] for pk in object_ids}
    if not themes:
        return themes
    taggings = (
        through.objects.filter(content_object_id__in=list(themes))
        .order_by("tag__name", "tag_id")
        .values_list("content_object_id", "tag__slug", "tag__name")
    )
    for object_id, slug, name in taggings:
        themes[object_id].append(HitTheme(slug, name))
    return themes


def _by_name(themes):
    """Themes without repeats, by name, as ``Finding.all_themes`` orders them."""
    unique = {theme.slug: theme for theme in themes}
    return tuple(sorted(unique.values(), key=lambda t: t.name.casefold()))


def load_hit_objects(project_ids, finding_ids):
    """The projects and findings of a page of hits, by ``(kind, pk)``, with their themes by
    ``(kind, pk)`` too, in four queries at most.

    ``project_ids`` are the ids of every project on the page, those hit themselves and those
    of the findings hit. A finding whose project has gone is left out, and the count of queries
    stays the same whatever the page size and whichever kinds of hit are on it.
    """
    objects, themes = {}, {}
    if not project_ids:
        return objects, themes
    # The write-up and the mentors' notes are never shown with a hit: not read at all.
    projects = ProjectPage.objects.filter(pk__in=project_ids).defer("body", "mentor_notes")
    by_pk = {p.pk: p for p in projects}
    for pk, project_themes in themes_by_object(ProjectPageTheme, by_pk).items():
        objects["project", pk] = by_pk[pk]
        themes["project", pk] = project_themes
    if finding_ids:
        findings = list(Finding.objects.filter(pk__in=finding_ids, page_id__in=list(by_pk)))
        finding_themes = themes_by_object(FindingTheme, [f.pk for f in findings])
        for finding in findings:
            finding.page = by_pk[finding.page_id]
            objects["finding", finding.pk] = finding
            # The project's themes first, as ``Finding.all_themes`` reads them.
            themes["finding", finding.pk] = [
                *themes["project", finding.page_id],
                *finding_themes[finding.pk],
            ]
    return objects, themes


def build_hits(request, rows):
    """``Hit`` values for the page's rows (kind, id, project id and score), in their order."""
    objects, themes = load_hit_objects(
        {row["project_id"] for row in rows},
        [row["obj_id"] for row in rows if row["kind"] == "finding"],
    )
    pattern = highlighter(request.groups)
    hits = []
    for row in rows:
        key = (row["kind"], row["obj_id"])
        obj = objects.get(key)
        if obj is None:  # deleted between the two queries
            continue
        if row["kind"] == "project":
            project, title, texts = obj, obj.title, [without_title(obj.summary, obj.title)]
            finding_fields = {}
        else:
            project, title = obj.page, obj.headline
            # Never the headline itself: the hit shows it already.
            texts = [without_title(obj.detail, title), without_title(obj.recommendation, title)]
            finding_fields = {
                "evidence_type": obj.evidence_type,
                "confidence": obj.confidence,
                "anchor": obj.anchor,
            }
        hits.append(
            Hit(
                kind=row["kind"],
                pk=obj.pk,
                title=title,
                score=float(row["score"] or 0),
                snippet=_snippet(texts, pattern),
                title_html=highlight(title, pattern),
                project_id=project.pk,
                project_title=project.title,
                cohort=request.cohorts_by_path.get(project.path[: -project.steplen]),
                places=tuple(project.places or ()),
                themes=_by_name(themes[key]),
                page=project,
                content_note=project.content_note,
                **finding_fields,
            )
        )
    return hits
