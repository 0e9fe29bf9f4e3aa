"""What changed in a draft since the last review, field by field, for the review page.

Wagtail's revision comparison does the diffing; this turns its result into what a reviewer reads
first: which texts changed (with the words added and removed), and which findings or links were
added, removed or edited. The full side-by-side comparison stays one link away.
"""

from dataclasses import dataclass, field


@dataclass
class ChildChange:
    """One finding (or link) added, removed or edited, with its changed fields if edited."""

    kind: str  # "added", "removed", "edited" or "moved"
    name: str
    fields: list = field(default_factory=list)


@dataclass
class FieldChange:
    """One field of the draft that changed: its label, its diff, or the children that changed."""

    label: str
    diff: str = ""
    children: list = field(default_factory=list)


def _child_change(comparison):
    if comparison.is_addition():
        return ChildChange("added", str(comparison.obj_b))
    if comparison.is_deletion():
        return ChildChange("removed", str(comparison.obj_a))
    changed = [c for c in comparison.get_field_comparisons() if c.has_changed()]
    if changed:
        fields = [(c.field_label(), c.htmldiff()) for c in changed]
        return ChildChange("edited", str(comparison.obj_b), fields)
    if comparison.get_position_change():
        return ChildChange("moved", str(comparison.obj_b))
    return None


def changes_between(page, old_revision, new_revision, request):
    """The fields that differ between two revisions of ``page``, in the editor's order."""
    old, new = old_revision.as_object(), new_revision.as_object()
    panel = page.get_edit_handler().get_bound_panel(instance=page, request=request, form=None)
    changes = []
    for comparison_class in panel.get_comparison():
        comparison = comparison_class(old, new)
        if not comparison.has_changed():
            continue
        if comparison.is_child_relation:
            children = [_child_change(child) for child in comparison.get_child_comparisons()]
            children = [child for child in children if child is not None]
            if children:
                changes.append(FieldChange(comparison.field_label(), children=children))
        else:
            diff = comparison.htmldiff()
            # A write-up saved again with new block ids counts as changed while no word has:
            # only what marks words added or removed is worth the reviewer's attention.
            if 'class="addition"' in diff or 'class="deletion"' in diff:
                changes.append(FieldChange(comparison.field_label(), diff=diff))
    return changes
