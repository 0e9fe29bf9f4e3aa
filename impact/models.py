"""Follow-ups after the fellowship, searches that found nothing, and the figures made public.

A follow-up is the question sent to a fellow 6, 12 or 24 months after their project completed,
and their answer. Nothing of an answer is public until the programme team has reviewed it and
ticked the parts that may be shown; :meth:`FollowUpQuerySet.public` is the one rule every public
view reads.
"""

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

# The parts of an answer, in the order the fellow and the public read them: (field, public flag,
# label). "Follow-up outcomes by kind" on the impact page counts the first four.
CHANGE_PARTS = [
    ("practice_change", "public_practice_change", "Changes to practice"),
    ("policy_change", "public_policy_change", "Changes to policy"),
    ("training_change", "public_training_change", "Changes to training"),
    ("service_change", "public_service_change", "Changes to services"),
]
OTHER_PARTS = [
    ("reach", "public_reach", "People or services reached"),
    ("partners", "public_partners", "Partners involved"),
    ("evidence_links", "public_evidence_links", "Evidence"),
]
ANSWER_PARTS = CHANGE_PARTS + OTHER_PARTS
ANSWER_MAX_LENGTH = 3000
EVIDENCE_LINK_SCHEMES = ["http", "https"]
MAX_EVIDENCE_LINKS = 10


class FollowUpStatus(models.TextChoices):
    """Where a follow-up is: waiting for the fellow, waiting for the programme team, or done."""

    AWAITING_ANSWER = "awaiting_answer", "Waiting for the fellow's answer"
    AWAITING_REVIEW = "awaiting_review", "Answered, waiting for review"
    REVIEWED = "reviewed", "Reviewed"


class FollowUpQuerySet(models.QuerySet):
    def public(self):
        """Reviewed answers on live public projects: the only follow-ups public pages may read.

        A reviewed answer shows only the parts whose public box is ticked (``public_parts``).
        """
        from projects.models import ProjectPage

        return self.filter(
            status=FollowUpStatus.REVIEWED,
            project__in=ProjectPage.objects.live().public(),
        )


def split_links(text):
    """The evidence links of an answer, one a line, blank lines left out."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def validate_evidence_links(text):
    from django.core.exceptions import ValidationError

    links = split_links(text)
    if len(links) > MAX_EVIDENCE_LINKS:
        raise ValidationError(f"Give up to {MAX_EVIDENCE_LINKS} links, one a line.")
    check = URLValidator(schemes=EVIDENCE_LINK_SCHEMES)
    for link in links:
        try:
            check(link)
        except ValidationError:
            raise ValidationError(
                f"“{link[:80]}” is not a web address. Give each link on its own line, starting "
                "with https:// or http://."
            ) from None


class FollowUp(models.Model):
    """One fellow's follow-up on one project at 6, 12 or 24 months, and their answer."""

    project = models.ForeignKey(
        "projects.ProjectPage", related_name="follow_ups", on_delete=models.CASCADE
    )
    fellow = models.ForeignKey(
        "cohorts.Fellow", related_name="follow_ups", on_delete=models.CASCADE
    )
    months = models.PositiveSmallIntegerField(help_text="Months after the project completed.")
    due_on = models.DateField(help_text="The day the follow-up fell due.")
    sent_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=20,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.AWAITING_ANSWER,
        db_index=True,
    )

    practice_change = models.TextField(
        "changes to practice", max_length=ANSWER_MAX_LENGTH, blank=True
    )
    policy_change = models.TextField("changes to policy", max_length=ANSWER_MAX_LENGTH, blank=True)
    training_change = models.TextField(
        "changes to training", max_length=ANSWER_MAX_LENGTH, blank=True
    )
    service_change = models.TextField(
        "changes to services", max_length=ANSWER_MAX_LENGTH, blank=True
    )
    people_reached = models.PositiveIntegerField(
        null=True, blank=True, help_text="Roughly how many people, if known."
    )
    reach = models.TextField("people or services reached", max_length=ANSWER_MAX_LENGTH, blank=True)
    partners = models.TextField("partners involved", max_length=ANSWER_MAX_LENGTH, blank=True)
    evidence_links = models.TextField(
        "evidence links",
        max_length=ANSWER_MAX_LENGTH,
        blank=True,
        validators=[validate_evidence_links],
        help_text="One web address a line.",
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    public_practice_change = models.BooleanField("show changes to practice", default=False)
    public_policy_change = models.BooleanField("show changes to policy", default=False)
    public_training_change = models.BooleanField("show changes to training", default=False)
    public_service_change = models.BooleanField("show changes to services", default=False)
    public_reach = models.BooleanField("show people or services reached", default=False)
    public_partners = models.BooleanField("show partners involved", default=False)
    public_evidence_links = models.BooleanField("show evidence links", default=False)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = FollowUpQuerySet.as_manager()

    panels = [
        FieldRowPanel(
            [
                FieldPanel("project", read_only=True),
                FieldPanel("fellow", read_only=True),
                FieldPanel("months", read_only=True),
            ],
            heading="Follow-up",
        ),
        MultiFieldPanel(
            [
                FieldPanel("practice_change", read_only=True),
                FieldPanel("public_practice_change"),
                FieldPanel("policy_change", read_only=True),
                FieldPanel("public_policy_change"),
                FieldPanel("training_change", read_only=True),
                FieldPanel("public_training_change"),
                FieldPanel("service_change", read_only=True),
                FieldPanel("public_service_change"),
                FieldPanel("people_reached", read_only=True),
                FieldPanel("reach", read_only=True),
                FieldPanel("public_reach"),
                FieldPanel("partners", read_only=True),
                FieldPanel("public_partners"),
                FieldPanel("evidence_links", read_only=True),
                FieldPanel("public_evidence_links"),
            ],
            heading="The fellow's answer, and which parts the public may read",
        ),
        FieldPanel(
            "status",
            help_text="Choose “Reviewed” to publish the ticked parts on the project page as "
            "“What happened next”. Nothing is shown until then.",
        ),
    ]

    class Meta:
        ordering = ["-due_on", "project__title"]
        constraints = [
            # The command that sends follow-ups relies on this: one per fellow, project and interval.
            models.UniqueConstraint(
                fields=["project", "fellow", "months"], name="impact_one_follow_up_per_interval"
            )
        ]
        verbose_name = "follow-up"

    def __str__(self):
        return f"{self.months}-month follow-up: {self.project.title} ({self.fellow.name})"

    @property
    def answered(self):
        return self.answered_at is not None

    def public_parts(self):
        """(label, text) of each part the programme team chose to show, links as a list."""
        parts = []
        for field, flag, label in ANSWER_PARTS:
            value = getattr(self, field)
            if not getattr(self, flag) or not value:
                continue
            if field == "evidence_links":
                value = split_links(value)
            elif field == "reach" and self.people_reached:
                value = f"About {self.people_reached:,} people. {value}"
            parts.append((label, field, value))
        return parts

    def change_kinds(self):
        """The kinds of change an answer reports (practice, policy, training, services)."""
        return [label for field, _flag, label in CHANGE_PARTS if getattr(self, field).strip()]

    def mark_reviewed(self, user):
        self.status = FollowUpStatus.REVIEWED
        self.reviewed_at = timezone.now()
        self.reviewed_by = user


class UnmetSearch(models.Model):
    """How often a query, normalised, found nothing in one month.

    Only the words and a month are kept: no person, address, session or time of day, so the
    table says what people looked for and did not find, never who.
    """

    query = models.CharField(max_length=200)
    month = models.DateField(help_text="The first day of the month of the searches.")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-month", "-count", "query"]
        constraints = [
            models.UniqueConstraint(fields=["query", "month"], name="impact_unmet_search_month")
        ]
        verbose_name = "search that found nothing"
        verbose_name_plural = "searches that found nothing"

    def __str__(self):
        return f"“{self.query}” ({self.count} in {self.month:%B %Y})"


class PublishedFigure(models.Model):
    """A figure of the impact page that the programme team chose to show on "Our impact"."""

    figure = models.SlugField(max_length=64, unique=True)
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return self.figure


class EvaluationExport(models.Model):
    """A record of each evaluation export: who, when, how, and whether fellows were named."""

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    identifiable = models.BooleanField(default=False)
    via = models.CharField(max_length=16, choices=[("admin", "Admin"), ("command", "Command")])

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        kind = "identifiable" if self.identifiable else "pseudonymised"
        return f"Evaluation export ({kind}), {self.created_at:%d %B %Y %H:%M}"
