"""Undoing a theme merge from what its audit log entry recorded.

Before a merge, ``snapshot`` notes each merged theme (name, address, description), which projects,
findings and saved revisions carried it, which of those already carried the theme kept, and
which redirects pointed at its address. The merge's log entry keeps that record, so ``undo`` can
bring the themes back with their taggings, later, from the merge history.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.functions import Lower
from django.urls import reverse

from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Revision

from projects.models import Finding, FindingTheme, ProjectPage, ProjectPageTheme, Theme
from projects.models.themes import merge_undone

MERGE_ACTION = "fellowship.theme_merge"
UNDO_ACTION = "fellowship.theme_merge_undo"


class UndoError(Exception):
    """A merge that cannot be undone; the message says why, in plain words."""


def _theme_url(slug):
    return reverse("theme_detail", kwargs={"slug": slug})


def _tag_lists(content):
    """Each list of taggings in a project revision: the project's own, then each finding's."""
    yield "page", content.get("tagged_items") or []
    for index, finding in enumerate(content.get("findings") or []):
        yield index, finding.get("tagged_items") or []


def _revision_record(themes, target):
    project_type = ContentType.objects.get_by_natural_key("projects", "projectpage")
    source_ids = {theme.pk for theme in themes}
    records = []
    for revision in Revision.objects.filter(content_type=project_type).iterator():
        lists = []
        for where, items in _tag_lists(revision.content):
            tags = {item.get("tag") for item in items}
            if tags & source_ids:
                lists.append(
                    {
                        "where": where,
                        "sources": sorted(tags & source_ids),
                        "had_target": target.pk in tags,
                    }
                )
        if lists:
            records.append({"id": revision.pk, "lists": lists})
    return records


def snapshot(themes, target):
    """What a merge of ``themes`` into ``target`` is about to change, for the log entry."""

    def ids(model, theme):
        return sorted(model.objects.filter(tag=theme).values_list("content_object_id", flat=True))

    target_projects = set(ids(ProjectPageTheme, target))
    target_findings = set(ids(FindingTheme, target))
    record = {"target": {"id": target.pk, "description": target.description}, "themes": []}
    for theme in themes:
        projects = ids(ProjectPageTheme, theme)
        findings = ids(FindingTheme, theme)
        record["themes"].append(
            {
                "id": theme.pk,
                "name": theme.name,
                "slug": theme.slug,
                "description": theme.description,
                "projects": projects,
                "projects_with_target": sorted(target_projects.intersection(projects)),
                "findings": findings,
                "findings_with_target": sorted(target_findings.intersection(findings)),
                "redirects": list(
                    Redirect.objects.filter(redirect_link=_theme_url(theme.slug)).values_list(
                        "pk", flat=True
                    )
                ),
            }
        )
    record["revisions"] = _revision_record(themes, target)
    return record


def undone_by(entry):
    """The log entry of the undo of merge ``entry``, or None."""
    return (
        ModelLogEntry.objects.filter(action=UNDO_ACTION, data__merge_entry=entry.pk)
        .order_by("pk")
        .first()
    )


def check_undo(entry):
    """Raise ``UndoError`` when merge ``entry`` cannot be undone."""
    record = (entry.data or {}).get("undo")
    if entry.action != MERGE_ACTION or not record:
        raise UndoError("This merge was made before merges could be undone.")
    if undone_by(entry):
        raise UndoError("This merge has already been undone.")
    if not Theme.objects.filter(pk=record["target"]["id"]).exists():
        raise UndoError(
            f"'{entry.data.get('target')}', the theme kept, no longer exists: undo any later "
            "merge of it first."
        )
    for theme in record["themes"]:
        clash = _clash(theme)
        if clash is not None:
            raise UndoError(
                f"'{theme['name']}' cannot come back: the theme '{clash.name}' now has its "
                "name or web address. Rename that theme first."
            )
    return record


def _clash(theme):
    by_slug = Theme.objects.filter(slug=theme["slug"]).first()
    if by_slug is not None:
        return by_slug
    return (
        Theme.objects.annotate(name_lower=Lower("name"))
        .filter(name_lower=theme["name"].lower())
        .first()
    )


def _restore_taggings(through, ids, ids_with_target, theme, target, existing_ids):
    for object_id in ids:
        if object_id not in existing_ids:
            continue
        through.objects.get_or_create(tag=theme, content_object_id=object_id)
        if object_id not in ids_with_target:
            through.objects.filter(tag=target, content_object_id=object_id).delete()


def _restore_revisions(records, theme_ids, target_id):
    for record in records:
        revision = Revision.objects.filter(pk=record["id"]).first()
        if revision is None:
            continue
        content = revision.content
        lists = dict(_tag_lists(content))
        for entry in record["lists"]:
            items = lists.get(entry["where"])
            target_items = [item for item in items or [] if item.get("tag") == target_id]
            if not target_items:
                continue  # changed since the merge: leave it as it is now
            template = target_items[0]
            if not entry["had_target"]:
                items.remove(template)
            for source in entry["sources"]:
                items.append({**template, "pk": None, "tag": theme_ids[source]})
        Revision.objects.filter(pk=revision.pk).update(content=content)


@transaction.atomic
def undo(entry, user):
    """Bring back the themes merged in ``entry`` with their taggings, and log it."""
    record = check_undo(entry)
    target = Theme.objects.get(pk=record["target"]["id"])
    theme_ids = {}
    restored = []
    project_ids = set(ProjectPage.objects.values_list("pk", flat=True))
    finding_ids = set(Finding.objects.values_list("pk", flat=True))
    for saved in record["themes"]:
        pk = saved["id"] if not Theme.objects.filter(pk=saved["id"]).exists() else None
        theme = Theme(
            pk=pk, name=saved["name"], slug=saved["slug"], description=saved["description"]
        )
        theme.save()
        theme_ids[saved["id"]] = theme.pk
        restored.append(theme)
        _restore_taggings(
            ProjectPageTheme,
            saved["projects"],
            set(saved["projects_with_target"]),
            theme,
            target,
            project_ids,
        )
        _restore_taggings(
            FindingTheme,
            saved["findings"],
            set(saved["findings_with_target"]),
            theme,
            target,
            finding_ids,
        )
        # The theme has its own page again: the merge's redirect would now only shadow it.
        Redirect.objects.filter(
            old_path=Redirect.normalise_path(_theme_url(theme.slug)),
            redirect_link=target.get_absolute_url(),
        ).delete()
        Redirect.objects.filter(pk__in=saved["redirects"]).update(
            redirect_link=_theme_url(theme.slug)
        )
    _restore_revisions(record["revisions"], theme_ids, target.pk)

    copied = [saved["description"] for saved in record["themes"] if saved["description"]]
    if not record["target"]["description"] and copied and target.description == copied[0]:
        target.description = ""
        target.save(update_fields=["description"])

    log(
        instance=target,
        action=UNDO_ACTION,
        user=user,
        data={"merge_entry": entry.pk, "restored": [theme.name for theme in restored]},
    )
    _reindex(record)
    return restored


def _reindex(record):
    """Announce every project whose themes changed, so that its search document is rebuilt."""
    project_ids = set()
    finding_ids = set()
    for saved in record["themes"]:
        project_ids.update(saved["projects"])
        finding_ids.update(saved["findings"])
    project_ids.update(Finding.objects.filter(pk__in=finding_ids).values_list("page_id", flat=True))
    merge_undone.send(sender=Theme, project_ids=sorted(project_ids))
