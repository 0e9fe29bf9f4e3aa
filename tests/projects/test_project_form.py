"""The project editor rejects invalid values with a message beside the field."""

from django.contrib.auth import get_user_model

import pytest

from projects.models import ProjectPage
from tests.factories import CohortPageFactory, FellowFactory, ProjectPageFactory


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def cohort(home):
    return CohortPageFactory(title="Class of 2024", slug="class-of-2024", year=2024)


def formset(prefix, forms=()):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(forms)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, form in enumerate(forms):
        data.update({f"{prefix}-{i}-{k}": v for k, v in form.items()})
        data.update({f"{prefix}-{i}-ORDER": str(i + 1), f"{prefix}-{i}-id": ""})
    return data


def project_post(fellow, **overrides):
    data = {
        "title": "Letters that do no harm",
        "slug": "letters-that-do-no-harm",
        "summary": "Rewriting appointment letters.",
        "fellows": [str(fellow.pk)],
        "status": "in_progress",
        "themes": "Trauma informed communications",
        "body-count": "0",
        "mentor_notes": "",
        "action-publish": "publish",
    }
    data.update(formset("findings"))
    data.update(formset("links"))
    data.update(formset("comments"))
    data.update(overrides)
    return data


def add_url(cohort):
    return f"/admin/pages/add/projects/projectpage/{cohort.pk}/"


def field_errors(response):
    form = response.context["form"]
    errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
    for name, fs in form.formsets.items():
        for i, form_errors in enumerate(fs.errors):
            for field, errs in form_errors.items():
                errors[f"{name}-{i}-{field}"] = [str(e) for e in errs]
    return errors


def test_project_with_findings_and_their_own_themes_is_saved(editor, cohort):
    fellow = FellowFactory(cohort=cohort)
    data = project_post(fellow)
    data.update(
        formset(
            "findings",
            [
                {
                    "headline": "Warm letters helped.",
                    "evidence_type": "survey",
                    "confidence": "strong",
                    "themes": "Belonging",
                },
                {
                    "headline": "Threats were remembered.",
                    "evidence_type": "interviews",
                    "confidence": "emerging",
                    "themes": "",
                },
            ],
        )
    )
    response = editor.post(add_url(cohort), data)
    assert response.status_code == 302
    project = ProjectPage.objects.get(slug="letters-that-do-no-harm")
    assert project.live
    findings = list(project.findings.all())
    assert [f.headline for f in findings] == ["Warm letters helped.", "Threats were remembered."]
    assert [t.name for t in findings[0].themes.all()] == ["Belonging"]
    assert [t.name for t in project.themes.all()] == ["Trauma informed communications"]
    assert findings[0].key != findings[1].key


def test_end_date_before_start_date_is_rejected_beside_the_field(editor, cohort):
    fellow = FellowFactory(cohort=cohort)
    response = editor.post(
        add_url(cohort), project_post(fellow, start_date="2024-05-01", end_date="2024-04-01")
    )
    assert response.status_code == 200
    assert "on or after the start date" in " ".join(field_errors(response)["end_date"])
    assert not ProjectPage.objects.exists()


def test_fellow_from_another_cohort_is_rejected(editor, cohort):
    outsider = FellowFactory(cohort=CohortPageFactory(), name="Olu Outsider")
    response = editor.post(add_url(cohort), project_post(outsider))
    assert "Olu Outsider" in " ".join(field_errors(response)["fellows"])
    assert not ProjectPage.objects.exists()


def test_project_address_must_be_unique_across_cohorts(editor, cohort):
    ProjectPageFactory(parent=CohortPageFactory(), slug="letters-that-do-no-harm")
    fellow = FellowFactory(cohort=cohort)
    response = editor.post(add_url(cohort), project_post(fellow))
    assert "already uses this address" in " ".join(field_errors(response)["slug"])
    assert ProjectPage.objects.count() == 1


def test_link_must_be_http_or_https(editor, cohort):
    fellow = FellowFactory(cohort=cohort)
    data = project_post(fellow)
    data.update(formset("links", [{"title": "Slides", "url": "javascript:alert(1)"}]))
    response = editor.post(add_url(cohort), data)
    assert response.status_code == 200
    assert "links-0-url" in field_errors(response)
    assert not ProjectPage.objects.exists()


def test_finding_confidence_outside_the_vocabulary_is_rejected(editor, cohort):
    fellow = FellowFactory(cohort=cohort)
    data = project_post(fellow)
    data.update(
        formset("findings", [{"headline": "H", "evidence_type": "survey", "confidence": "high"}])
    )
    response = editor.post(add_url(cohort), data)
    assert "findings-0-confidence" in field_errors(response)
    assert not ProjectPage.objects.exists()


def test_unknown_place_is_rejected(editor, cohort):
    fellow = FellowFactory(cohort=cohort)
    response = editor.post(add_url(cohort), project_post(fellow, places=["Atlantis"]))
    assert "places" in field_errors(response)
    assert not ProjectPage.objects.exists()


def test_summary_longer_than_600_characters_is_rejected(editor, cohort):
    fellow = FellowFactory(cohort=cohort)
    response = editor.post(add_url(cohort), project_post(fellow, summary="x" * 601))
    assert "summary" in field_errors(response)
