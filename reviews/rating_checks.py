"""Record which mentor checked each finding's rating, when a reviewed project is published.

The fellows rate their own findings; the mentor's approval in the "Mentor review" step is the
check. It is written when the whole review ends and the page is published, rather than when
the mentor approves, because Wagtail publishes the page's latest revision: a finding edited
after the mentor's approval keeps no check for a rating the mentor never saw.
"""

from wagtail.models import Revision, TaskState, WorkflowState
from wagtail.signals import workflow_approved

from cohorts.models import Mentor
from projects.models import Finding, ProjectPage
from reviews.models import MentorReviewTask

FINDING_RATING = ("evidence_type", "confidence", "participants")


def _rating(finding):
    return tuple(finding.get(name) for name in FINDING_RATING)


def mentor_approval(workflow_state):
    """The latest approved mentor review in ``workflow_state`` with the mentor who gave it."""
    approval = (
        TaskState.objects.filter(
            workflow_state=workflow_state,
            status=TaskState.STATUS_APPROVED,
            task__in=MentorReviewTask.objects.all(),
            finished_by__isnull=False,
        )
        .select_related("revision")
        .order_by("-finished_at", "-pk")
        .first()
    )
    if approval is None:
        return None, None
    # A project with no mentor assigned is reviewed by the programme team: no mentor checked it.
    mentor = Mentor.objects.filter(user=approval.finished_by_id).first()
    return approval, mentor


def record_mentor_checks(sender, instance, user=None, **kwargs):
    """Mark the published findings whose rating the approving mentor saw as checked by them."""
    page = instance.content_object
    page = getattr(page, "specific", page)
    if not isinstance(page, ProjectPage):
        return
    approval, mentor = mentor_approval(instance)
    if mentor is None or approval.revision is None:
        return
    seen = {f.get("key"): _rating(f) for f in approval.revision.content.get("findings") or []}
    checked_at = approval.finished_at.date()

    # The revision just published (or scheduled): the page and any later publish read it.
    published = page.get_latest_revision()
    content = published.content
    checked, unchecked = [], []
    for finding in content.get("findings") or []:
        key = finding.get("key")
        if key in seen and seen[key] == _rating(finding):
            finding["checked_by"], finding["checked_at"] = mentor.pk, checked_at.isoformat()
            checked.append(key)
        else:
            finding["checked_by"], finding["checked_at"] = None, None
            unchecked.append(key)
    Revision.objects.filter(pk=published.pk).update(content=content)

    # The live rows were already written from the revision; a scheduled page gets them on publish.
    if page.live_revision_id == published.pk:
        live = Finding.objects.filter(page=page)
        live.filter(key__in=checked).update(checked_by=mentor, checked_at=checked_at)
        live.filter(key__in=unchecked).update(checked_by=None, checked_at=None)


def register_signal_handlers():
    workflow_approved.connect(
        record_mentor_checks, sender=WorkflowState, dispatch_uid="reviews_record_mentor_checks"
    )
