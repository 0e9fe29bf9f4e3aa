"""Who reaches the impact page, its downloads, publishing, the evaluation export and follow-up review."""

from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest

from impact import figures
from impact.evaluation import LOG_ACTION
from impact.models import EvaluationExport, FollowUpStatus, PublishedFigure
from tests.impact.conftest import UNREVIEWED, answered
from tests.reviews.helpers import ROLES

TEAM = ["programme_team", "superuser"]
OTHERS = [role for role in ROLES if role not in TEAM]


def admin_gets():
    """Every GET address of the programme team's impact screens, from the URL names."""
    return [
        reverse("impact_page"),
        *[reverse("impact_csv", args=[slug]) for slug in figures.BUILDERS],
        reverse("wagtailsnippets_impact_followup:list"),
    ]


def sign_in(client, people, role):
    if people.users[role] is not None:
        client.force_login(people.users[role])


@pytest.mark.parametrize("role", OTHERS)
def test_only_the_programme_team_opens_the_impact_screens(client, people, role, unreviewed):
    sign_in(client, people, role)
    for url in [*admin_gets(), f"/admin/snippets/impact/followup/edit/{unreviewed.pk}/"]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert UNREVIEWED not in response.content.decode()


@pytest.mark.parametrize("role", OTHERS)
def test_only_the_programme_team_publishes_figures_or_exports(client, people, role):
    sign_in(client, people, role)
    response = client.post(reverse("impact_publish"), {"figure": "findings-by-cohort"})
    assert response.status_code in (302, 403)
    assert not PublishedFigure.objects.exists()
    response = client.post(reverse("impact_evaluation"))
    assert response.status_code in (302, 403)
    assert not EvaluationExport.objects.exists()


@pytest.mark.parametrize("role", TEAM)
def test_the_programme_team_opens_every_impact_screen(client, people, role, unreviewed):
    sign_in(client, people, role)
    for url in admin_gets():
        assert client.get(url).status_code == 200, url
    edit = client.get(f"/admin/snippets/impact/followup/edit/{unreviewed.pk}/")
    assert edit.status_code == 200
    assert UNREVIEWED in edit.content.decode()


def test_the_menu_shows_impact_to_the_programme_team_only(client, people):
    sign_in(client, people, "programme_team")
    assert reverse("impact_page") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(people.users["listed_fellow"])
    assert reverse("impact_page") not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_publishing_keeps_exactly_the_ticked_publishable_figures(client, people):
    sign_in(client, people, "programme_team")
    PublishedFigure.objects.create(figure="uses-by-month")
    response = client.post(
        reverse("impact_publish"),
        {"figure": ["findings-by-cohort", "unmet-searches", "no-such-figure"]},
    )
    assert response.status_code == 302
    assert list(PublishedFigure.objects.values_list("figure", flat=True)) == ["findings-by-cohort"]


def test_a_non_superuser_cannot_take_the_identifiable_export(client, people):
    sign_in(client, people, "programme_team")
    response = client.post(reverse("impact_evaluation"), {"identifiable": "on"})
    assert response.status_code == 302
    assert not EvaluationExport.objects.exists()
    page = client.get(reverse("impact_page")).content.decode()
    assert "names fellows" not in page.split("Evaluation export")[-1].split("</form>")[0]


def test_the_programme_team_takes_the_pseudonymised_export(client, people):
    sign_in(client, people, "programme_team")
    response = client.post(reverse("impact_evaluation"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    export = EvaluationExport.objects.get()
    assert not export.identifiable
    assert export.created_by == people.users["programme_team"]


def test_a_superusers_identifiable_export_is_recorded_in_the_log(client, people):
    sign_in(client, people, "superuser")
    response = client.post(reverse("impact_evaluation"), {"identifiable": "on"})
    assert response.status_code == 200
    assert "identifiable" in response["Content-Disposition"]
    entry = ModelLogEntry.objects.get(action=LOG_ACTION)
    assert entry.user == people.users["superuser"]
    assert EvaluationExport.objects.get().identifiable


def test_reviewing_records_who_and_when_and_publishes_ticked_parts(
    client, people, completed, fellow
):
    follow_up = answered(completed, fellow, practice_change="Staff ask first.")
    sign_in(client, people, "programme_team")
    url = f"/admin/snippets/impact/followup/edit/{follow_up.pk}/"
    response = client.post(url, {"status": FollowUpStatus.REVIEWED, "public_practice_change": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.REVIEWED
    assert follow_up.reviewed_by == people.users["programme_team"]
    assert follow_up.public_practice_change
    # The fellow's words are not changed by the review form.
    assert follow_up.practice_change == "Staff ask first."
    assert "Staff ask first." in client.get(completed.url).content.decode()


def test_an_unanswered_follow_up_cannot_be_marked_reviewed(client, people, completed, fellow):
    from tests.impact.conftest import make_follow_up

    follow_up = make_follow_up(completed, fellow)
    sign_in(client, people, "programme_team")
    response = client.post(
        f"/admin/snippets/impact/followup/edit/{follow_up.pk}/",
        {"status": FollowUpStatus.REVIEWED},
    )
    assert response.status_code == 200
    assert "nothing to review" in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.AWAITING_ANSWER


def test_nobody_adds_a_follow_up_by_hand(client, people):
    sign_in(client, people, "superuser")
    assert client.get("/admin/snippets/impact/followup/add/").status_code in (302, 403)
