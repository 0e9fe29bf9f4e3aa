"""Factories for the content model; pages are built under the tree the migrations create."""

from django.contrib.auth import get_user_model

import factory
import wagtail_factories

from cohorts.models import CohortIndexPage, CohortPage, Fellow, Mentor
from core.vocabularies import Confidence, EvidenceType, Status
from events.models import EventIndexPage, EventPage, EventSession
from projects.models import Finding, ProjectPage, Theme


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Theme {n}")


def cohort_index():
    return CohortIndexPage.objects.get()


def event_index():
    return EventIndexPage.objects.get()


class CohortPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CohortPage

    title = factory.Sequence(lambda n: f"Class of {2000 + n}")
    slug = factory.LazyAttribute(lambda o: o.title.lower().replace(" ", "-"))
    # Kept within the model's 2000-2100 range however many cohorts a test run creates.
    year = factory.Sequence(lambda n: 2000 + n % 100)
    strand = "Adversity, Trauma and Resilience"
    parent = factory.LazyFunction(cohort_index)


class FellowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fellow

    name = factory.Sequence(lambda n: f"Fellow {n}")
    slug = factory.Sequence(lambda n: f"fellow-{n}")
    cohort = factory.SubFactory(CohortPageFactory)
    job_title = "Practitioner"
    organisation = "Example Trust"


class MentorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mentor

    name = factory.Sequence(lambda n: f"Mentor {n}")
    email = factory.Sequence(lambda n: f"mentor{n}@example.org")


class ProjectPageFactory(wagtail_factories.PageFactory):
    """A project page; pass ``fellows=[...]``, ``mentors=[...]`` and ``themes=[...]`` as lists."""

    class Meta:
        model = ProjectPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    summary = "A plain-language summary of the project."
    status = Status.IN_PROGRESS
    parent = factory.SubFactory(CohortPageFactory)

    @factory.post_generation
    def fellows(self, create, extracted, **kwargs):
        if extracted:
            self.fellows.set(extracted)
            if create:
                self.save()

    @factory.post_generation
    def mentors(self, create, extracted, **kwargs):
        if extracted:
            self.mentors.set(extracted)
            if create:
                self.save()

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if extracted:
            self.themes.set(extracted)
            if create:
                self.save()


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    page = factory.SubFactory(ProjectPageFactory)
    headline = factory.Sequence(lambda n: f"Finding number {n} says something useful.")
    detail = "What supports the finding."
    evidence_type = EvidenceType.INTERVIEWS
    confidence = Confidence.MODERATE
    recommendation = "What practitioners could do."
    # Findings added through the admin or an import always have a position.
    sort_order = factory.Sequence(lambda n: n)


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Knowledge Exchange {n}")
    slug = factory.Sequence(lambda n: f"knowledge-exchange-{n}")
    start_date = "2024-03-05"
    end_date = "2024-03-07"
    format = "hybrid"
    parent = factory.LazyFunction(event_index)


class EventSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSession

    page = factory.SubFactory(EventPageFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
