"""Who may make, see and close share links: server-enforced, for every role of the review tests."""

from django.test import RequestFactory

import pytest

from sharing import links
from sharing.models import ShareLink
from sharing.panels import share_section
from tests.reviews.helpers import ROLES, login_as

MANAGERS = {"listed_fellow", "programme_team", "superuser"}
SEERS = MANAGERS | {"assigned_mentor"}
SIGNED_IN = [role for role in ROLES if role != "anonymous"]


def refused(response):
    """Not found, or the admin's own refusal for a draft the user may not open (a redirect home)."""
    if response.status_code == 302:
        return response["Location"] == "/admin/"
    return response.status_code in (403, 404)


def manage_url(project):
    return f"/admin/sharing/{project.pk}/"


def close_url(link):
    return f"/admin/sharing/links/{link.pk}/close/"


@pytest.mark.parametrize("role", SIGNED_IN)
def test_only_the_projects_fellows_and_the_programme_team_can_open_the_share_page(
    client, people, project, shared, role
):
    login_as(client, people, role)
    response = client.get(manage_url(project))
    if role in MANAGERS:
        assert response.status_code == 200
        assert "Leeds Mind reviewer" in response.content.decode()
    else:
        assert refused(response)
        assert "Leeds Mind reviewer" not in response.content.decode()


@pytest.mark.parametrize("role", SIGNED_IN)
def test_only_the_projects_fellows_and_the_programme_team_can_make_a_link(
    client, people, project, role
):
    login_as(client, people, role)
    response = client.post(manage_url(project), {"days": "14", "label": "For Sam"})
    made = ShareLink.objects.filter(page=project, label="For Sam").exists()
    if role in MANAGERS:
        assert response.status_code == 302
        assert made
    else:
        assert refused(response)
        assert not made


@pytest.mark.parametrize("role", SIGNED_IN)
def test_only_the_projects_fellows_and_the_programme_team_can_close_a_link(
    client, people, shared, role
):
    link, url = shared
    login_as(client, people, role)
    confirm = client.get(close_url(link))
    assert confirm.status_code == 200 if role in MANAGERS else refused(confirm)
    response = client.post(close_url(link))
    link.refresh_from_db()
    if role in MANAGERS:
        assert response.status_code == 302
        assert link.is_revoked
    else:
        assert refused(response)
        assert not link.is_revoked


@pytest.mark.parametrize("role", SIGNED_IN)
def test_links_of_a_published_project_are_refused_with_not_found(client, people, role):
    # A live project passes the admin's draft check, so the view's own rule is what refuses.
    live = people.project(live=True, title="Published", slug="published")
    link, token = links.create(live, people.users["listed_fellow"], 14, "Leeds Mind reviewer")
    login_as(client, people, role)
    for response in (client.get(manage_url(live)), client.post(close_url(link))):
        if role in MANAGERS:
            assert response.status_code in (200, 302)
        else:
            assert response.status_code == 404
            assert "Leeds Mind reviewer" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_the_editor_section_is_shown_only_to_those_who_may_see_the_links(
    people, project, shared, role
):
    request = RequestFactory().get("/")
    request.user = people.users[role] or _anonymous()
    section = share_section(project, request)
    if role not in SEERS:
        assert section is None
        return
    assert "Leeds Mind reviewer" in section.html
    # Mentors read the links and comments; only fellows and the team make and close them.
    assert ("Close this link" in section.html) == (role in MANAGERS)
    assert ("Share for review</a>" in section.html) == (role in MANAGERS)


def test_anonymous_visitors_are_sent_to_sign_in(client, project, shared):
    link, url = shared
    for address in (manage_url(project), close_url(link)):
        response = client.get(address)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_a_fellow_cannot_share_a_project_in_their_cohort_they_are_not_listed_on(
    client, people, project
):
    client.force_login(people.users["same_cohort_fellow"])
    assert refused(client.post(manage_url(project), {"days": "7"}))
    assert not links.links_of(project)


def test_only_projects_can_be_shared(client, people):
    client.force_login(people.users["programme_team"])
    assert client.get(f"/admin/sharing/{people.cohort.pk}/").status_code == 404


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()
