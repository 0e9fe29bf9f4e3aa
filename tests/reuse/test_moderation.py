"""The programme team moderates "I used this finding" reports in the admin."""

from django.contrib.auth.models import Group

import pytest

from reuse.models import FindingUse, ModerationStatus
from tests.factories import UserFactory
from tests.reuse.conftest import SCRIPT

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/reuse/findinguse/"


@pytest.fixture
def team_member(db):
    user = UserFactory(username="team")
    user.groups.add(Group.objects.get(name="Programme team"))
    return user


@pytest.fixture
def fellow_user(db):
    user = UserFactory(username="fellow")
    user.groups.add(Group.objects.get(name="Fellows"))
    return user


@pytest.fixture
def report(project):
    finding = project.findings.get(headline="Warm letters reduced missed appointments.")
    return FindingUse.objects.create(
        finding=finding, who=f"Sam {SCRIPT}", organisation_type="police", how_used=SCRIPT
    )


def moderate_url(report, decision):
    return f"{LIST}moderate/{report.pk}/{decision}/"


def test_team_sees_waiting_reports_with_approve_and_reject(client, team_member, report):
    client.force_login(team_member)

    response = client.get(LIST)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Warm letters reduced missed appointments." in html
    assert moderate_url(report, "approve") in html
    assert moderate_url(report, "reject") in html
    assert SCRIPT not in html


def test_listing_filters_by_status(client, team_member, report):
    FindingUse.objects.create(
        finding=report.finding,
        organisation_type="nhs",
        how_used="Approved already",
        status=ModerationStatus.APPROVED,
        who="Approved person",
    )
    client.force_login(team_member)

    html = client.get(f"{LIST}?status=approved").content.decode()

    assert "Approved person" in html
    assert "Sam &lt;script&gt;" not in html


def test_approving_needs_a_post_after_confirmation(client, team_member, report):
    client.force_login(team_member)

    confirm = client.get(moderate_url(report, "approve"))
    assert confirm.status_code == 200
    assert "Approve this report?" in confirm.content.decode()
    assert SCRIPT not in confirm.content.decode()
    report.refresh_from_db()
    assert report.status == ModerationStatus.PENDING

    response = client.post(moderate_url(report, "approve"))

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ModerationStatus.APPROVED
    assert FindingUse.objects.approved().count() == 1


def test_rejecting(client, team_member, report):
    client.force_login(team_member)

    client.post(moderate_url(report, "reject"))

    report.refresh_from_db()
    assert report.status == ModerationStatus.REJECTED
    assert not FindingUse.objects.approved().exists()


def test_an_unknown_decision_or_report_is_refused(client, team_member, report):
    client.force_login(team_member)

    assert client.post(moderate_url(report, "publish")).status_code == 403
    assert client.post(f"{LIST}moderate/999999/approve/").status_code == 404
    report.refresh_from_db()
    assert report.status == ModerationStatus.PENDING


def test_fellows_cannot_see_or_moderate_reports(client, fellow_user, report):
    client.force_login(fellow_user)

    # Wagtail sends people it refuses back to the admin's dashboard with a message.
    response = client.get(LIST)
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert client.post(moderate_url(report, "approve")).status_code == 403
    report.refresh_from_db()
    assert report.status == ModerationStatus.PENDING


def test_team_can_edit_a_report_status(client, team_member, report):
    client.force_login(team_member)

    response = client.post(
        f"{LIST}edit/{report.pk}/",
        {
            "who": "",
            "organisation_type": "police",
            "how_used": "Trimmed by the team.",
            "status": "approved",
        },
    )

    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.who, report.finding_id) == ("approved", "", report.finding_id)


def test_nobody_adds_reports_in_the_admin(client, report):
    client.force_login(UserFactory(username="root", is_superuser=True))

    listing = client.get(LIST).content.decode()
    assert f'href="{LIST}add/"' not in listing
    response = client.post(
        f"{LIST}add/", {"organisation_type": "nhs", "how_used": "x", "status": "pending"}
    )

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert FindingUse.objects.count() == 1
