"""The programme team's listings of fellows and mentors, and who may reach them."""

from django.contrib.auth.models import Permission
from django.urls import reverse

import pytest

from cohorts.models import Fellow, Mentor
from core.vocabularies import Place
from tests.factories import (
    CohortPageFactory,
    FellowFactory,
    MentorFactory,
    ProjectPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

FELLOWS_URL = reverse("wagtailsnippets_cohorts_fellow:list")
MENTORS_URL = reverse("wagtailsnippets_cohorts_mentor:list")
THEMES_URL = reverse("wagtailsnippets_projects_theme:list")


def admin_user(username, *codenames):
    """A user who may log in to the admin, with only the given permissions besides."""
    user = UserFactory(username=username)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def admin_only(db):
    return admin_user("adminonly")


DENIED = "Sorry, you do not have permission to access this area."


@pytest.mark.parametrize("url", [FELLOWS_URL, MENTORS_URL, THEMES_URL])
def test_user_with_only_admin_access_is_turned_away_from_the_listings(client, admin_only, url):
    FellowFactory(name="Amina Hussain")
    client.force_login(admin_only)
    # Wagtail answers a refused page with a redirect home and a message ...
    response = client.get(url, follow=True)
    assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert DENIED in response.content.decode()
    assert "Amina Hussain" not in response.content.decode()
    # ... and a refused background request with a plain 403.
    assert client.get(url, headers={"x-requested-with": "XMLHttpRequest"}).status_code == 403


def test_user_with_only_admin_access_cannot_add_a_fellow(client, admin_only):
    cohort = CohortPageFactory()
    client.force_login(admin_only)
    response = client.post(
        reverse("wagtailsnippets_cohorts_fellow:add"),
        {"name": "Sneaky", "slug": "sneaky", "cohort": cohort.pk},
    )
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert not Fellow.objects.filter(slug="sneaky").exists()


def test_user_with_only_admin_access_does_not_see_the_fellowship_menu(client, admin_only):
    client.force_login(admin_only)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert FELLOWS_URL not in response.content.decode()


@pytest.mark.parametrize("url", [FELLOWS_URL, MENTORS_URL, THEMES_URL])
def test_programme_team_can_open_the_listings(programme_team_client, url):

    assert programme_team_client.get(url).status_code == 200


def test_fellowship_menu_holds_fellows_mentors_and_themes(programme_team_client):

    html = programme_team_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Fellowship" in html
    for url in (FELLOWS_URL, MENTORS_URL, THEMES_URL):
        assert url in html


def test_fellows_listing_shows_cohort_organisation_and_place(programme_team_client):
    cohort = CohortPageFactory(title="Class of 2024")
    FellowFactory(
        name="Amina Hussain", cohort=cohort, organisation="Bradford Council", place=Place.BRADFORD
    )
    html = programme_team_client.get(FELLOWS_URL).content.decode()
    for text in ("Amina Hussain", "Class of 2024", "Bradford Council", "Bradford"):
        assert text in html


def test_fellows_listing_filters_by_cohort(programme_team_client):
    older, newer = (
        CohortPageFactory(title="Class of 2023"),
        CohortPageFactory(title="Class of 2024"),
    )
    FellowFactory(name="Fellow of twenty three", cohort=older)
    FellowFactory(name="Fellow of twenty four", cohort=newer)
    response = programme_team_client.get(FELLOWS_URL, {"cohort": newer.pk})
    names = [fellow.name for fellow in response.context["object_list"]]
    assert names == ["Fellow of twenty four"]


def test_fellows_listing_filters_by_place(programme_team_client):
    FellowFactory(name="Leeds fellow", place=Place.LEEDS)
    FellowFactory(name="Wakefield fellow", place=Place.WAKEFIELD)
    response = programme_team_client.get(FELLOWS_URL, {"place": Place.WAKEFIELD})
    assert [f.name for f in response.context["object_list"]] == ["Wakefield fellow"]


def test_fellows_listing_searches_by_name_and_organisation(programme_team_client):
    FellowFactory(name="Priya Patel", organisation="Kirklees Council")
    FellowFactory(name="Tom Briggs", organisation="Leeds Teaching Hospitals")
    by_name = programme_team_client.get(FELLOWS_URL, {"q": "priya"}).context["object_list"]
    by_organisation = programme_team_client.get(FELLOWS_URL, {"q": "hospitals"}).context[
        "object_list"
    ]
    assert [f.name for f in by_name] == ["Priya Patel"]
    assert [f.name for f in by_organisation] == ["Tom Briggs"]


def test_mentors_listing_filters_by_organisation(programme_team_client):
    MentorFactory(name="Dr Ruth Okafor", organisation="University of Leeds")
    MentorFactory(name="Sam Wood", organisation="West Yorkshire Police")
    response = programme_team_client.get(MENTORS_URL, {"organisation": "West Yorkshire Police"})
    assert [m.name for m in response.context["object_list"]] == ["Sam Wood"]


def test_mentors_listing_counts_their_projects(programme_team_client):
    mentor = MentorFactory(name="Dr Ruth Okafor")
    ProjectPageFactory(mentors=[mentor])
    ProjectPageFactory(mentors=[mentor])
    response = programme_team_client.get(MENTORS_URL)
    [listed] = response.context["object_list"]
    assert listed.project_count == 2


def test_programme_team_can_add_a_fellow(programme_team_client):
    cohort = CohortPageFactory()
    response = programme_team_client.post(
        reverse("wagtailsnippets_cohorts_fellow:add"),
        {"name": "Grace Ellis", "slug": "grace-ellis", "cohort": cohort.pk, "place": Place.LEEDS},
    )
    assert response.status_code == 302
    assert Fellow.objects.get(slug="grace-ellis").cohort == cohort


def test_mentor_email_differing_only_by_case_is_refused_beside_the_field(programme_team_client):
    MentorFactory(email="ruth.okafor@example.org")
    response = programme_team_client.post(
        reverse("wagtailsnippets_cohorts_mentor:add"),
        {"name": "Ruth again", "email": "Ruth.Okafor@Example.org", "organisation": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "A mentor with the email address ruth.okafor@example.org already exists."
    ]
    assert Mentor.objects.count() == 1


def test_superuser_can_edit_a_mentor(client):
    mentor = MentorFactory(name="Sam Wood", email="sam@example.org")
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailsnippets_cohorts_mentor:edit", args=[mentor.pk]),
        {"name": "Sam Wood", "email": "sam@example.org", "organisation": "Calderdale Council"},
    )
    assert response.status_code == 302
    mentor.refresh_from_db()
    assert mentor.organisation == "Calderdale Council"
