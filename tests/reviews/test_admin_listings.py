"""What fellows see in the admin's page explorer and page chooser."""

from django.urls import reverse

from tests.reviews.helpers import edit_url


def explore(client, page):
    return client.get(reverse("wagtailadmin_explore", args=[page.pk])).content.decode()


def test_fellow_sees_an_edit_link_only_for_projects_they_are_listed_on(client, people):
    theirs = people.project(live=True)
    mine = people.project(
        title="Belonging in schools", slug="belonging", fellows=[people.same_cohort]
    )
    client.force_login(people.users["same_cohort_fellow"])
    listing = explore(client, people.cohort)
    assert edit_url(mine) in listing
    # A colleague's published project is listed, as it is on the public site, but not editable.
    assert theirs.title in listing
    assert edit_url(theirs) not in listing


def test_fellow_does_not_see_another_fellows_draft_in_the_explorer(client, people):
    draft = people.project()
    client.force_login(people.users["same_cohort_fellow"])
    assert draft.title not in explore(client, people.cohort)
    client.force_login(people.users["listed_fellow"])
    assert draft.title in explore(client, people.cohort)
    client.force_login(people.users["programme_team"])
    assert draft.title in explore(client, people.cohort)


def test_fellow_does_not_find_another_fellows_draft_in_the_page_chooser(client, people):
    draft = people.project()
    client.force_login(people.users["same_cohort_fellow"])
    browse = client.get(reverse("wagtailadmin_choose_page_child", args=[people.cohort.pk]))
    assert browse.status_code == 200
    assert draft.title not in browse.content.decode()
    search = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Letters"})
    assert draft.title not in search.content.decode()
    client.force_login(people.users["listed_fellow"])
    browse = client.get(reverse("wagtailadmin_choose_page_child", args=[people.cohort.pk]))
    assert draft.title in browse.content.decode()


def test_fellow_is_offered_to_add_projects_only_in_their_own_cohort(client, people):
    client.force_login(people.users["listed_fellow"])
    own = explore(client, people.cohort)
    other = explore(client, people.other_cohort)
    add_here = reverse("wagtailadmin_pages:add_subpage", args=[people.cohort.pk])
    add_there = reverse("wagtailadmin_pages:add_subpage", args=[people.other_cohort.pk])
    assert add_here in own
    assert add_there not in other


def test_fellow_cannot_edit_or_add_cohorts(client, people):
    client.force_login(people.users["listed_fellow"])
    response = client.get(edit_url(people.cohort))
    assert response["Location"] == reverse("wagtailadmin_home")
    index = people.cohort.get_parent()
    add_cohort = reverse("wagtailadmin_pages:add", args=["cohorts", "cohortpage", index.pk])
    assert client.get(add_cohort)["Location"] == reverse("wagtailadmin_home")
    client.force_login(people.users["programme_team"])
    assert client.get(edit_url(people.cohort)).status_code == 200
    assert client.get(add_cohort).status_code == 200


def test_mentor_has_no_page_explorer(client, people):
    client.force_login(people.users["assigned_mentor"])
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    response = client.get(reverse("wagtailadmin_explore", args=[people.cohort.pk]))
    assert response.status_code == 302


def test_admin_page_api_does_not_reveal_another_fellows_draft(client, people):
    draft = people.project()
    client.force_login(people.users["same_cohort_fellow"])
    listing = client.get("/admin/api/main/pages/", {"child_of": people.cohort.pk})
    assert listing.status_code == 200
    assert draft.title not in listing.content.decode()
    assert client.get(f"/admin/api/main/pages/{draft.pk}/").status_code == 404
    client.force_login(people.users["listed_fellow"])
    assert client.get(f"/admin/api/main/pages/{draft.pk}/").json()["title"] == draft.title


def test_fellow_cannot_read_another_fellows_draft_through_side_doors(client, people):
    draft = people.project(summary="Nobody else should read this yet.")
    revision = draft.get_latest_revision()
    side_doors = [
        reverse("wagtailadmin_pages:view_draft", args=[draft.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[draft.pk]),
        reverse("wagtailadmin_pages:history", args=[draft.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[draft.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[draft.pk, revision.pk]),
        reverse("wagtailadmin_pages:usage", args=[draft.pk]),
    ]
    client.force_login(people.users["same_cohort_fellow"])
    for url in side_doors:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Nobody else should read this yet." not in response.content.decode(), url
    client.force_login(people.users["listed_fellow"])
    own = client.get(reverse("wagtailadmin_pages:view_draft", args=[draft.pk]))
    assert "Nobody else should read this yet." in own.content.decode()
