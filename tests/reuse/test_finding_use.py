"""The public "I used this finding" form: saved for moderation, refused plainly when it must be."""

import re

from django.test import Client

import pytest

from reuse.models import FindingUse, ModerationStatus, OrganisationType
from tests.reuse.conftest import SCRIPT

pytestmark = pytest.mark.django_db

VALID = {
    "who": "School nurse",
    "organisation_type": OrganisationType.SCHOOL,
    "how_used": "We rewrote our appointment letters.",
    "website": "",
}


@pytest.fixture
def finding(project):
    return project.findings.get(headline="Warm letters reduced missed appointments.")


def url(finding):
    return f"/used/{finding.page_id}/{finding.key}/"


def post(client, finding, **changes):
    return client.post(url(finding), {**VALID, **changes})


def test_finding_page_shows_the_form(client, finding):
    html = client.get(finding.get_permalink()).content.decode()

    assert "I used this finding" in html
    assert f'action="{url(finding)}"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "Local authority" in html


def test_a_report_is_saved_as_pending_and_thanked(client, finding):
    response = post(client, finding)

    assert response.status_code == 302
    assert response["Location"] == f"{url(finding)}thanks/"
    use = FindingUse.objects.get()
    assert (use.finding, use.who, use.organisation_type) == (finding, "School nurse", "school")
    assert use.status == ModerationStatus.PENDING
    thanks = client.get(response["Location"])
    assert "Thank you" in thanks.content.decode()


def test_who_is_optional(client, finding):
    assert post(client, finding, who="").status_code == 302
    assert FindingUse.objects.get().who == ""


def test_missing_fields_are_explained(client, finding):
    response = client.post(url(finding), {"website": ""})

    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Choose the type of organisation you work in." in html
    assert "Tell us how you used the finding." in html
    assert not FindingUse.objects.exists()


def test_an_unknown_organisation_type_is_refused(client, finding):
    response = post(client, finding, organisation_type="army")

    assert response.status_code == 400
    assert "Choose one of the types of organisation listed." in response.content.decode()
    assert not FindingUse.objects.exists()


def test_an_overlong_description_is_refused_with_the_limit(client, finding):
    response = post(client, finding, how_used="x" * 2001)

    assert response.status_code == 400
    assert "Keep this to 2000 characters or fewer (it has 2001)." in response.content.decode()


def test_a_100_kb_post_gets_a_plain_explanation(client, finding):
    response = post(client, finding, how_used="x" * 100_000)

    assert response.status_code == 413
    assert "Your report is too long" in response.content.decode()
    assert not FindingUse.objects.exists()


def test_markup_is_stored_as_text_and_escaped_when_shown_back(client, finding):
    response = post(client, finding, how_used=SCRIPT, organisation_type="")

    assert response.status_code == 400
    html = response.content.decode()
    assert SCRIPT not in html
    assert "&lt;script&gt;" in html


def test_a_filled_honeypot_saves_nothing_but_looks_accepted(client, finding):
    response = post(client, finding, website="http://spam.example")

    assert response.status_code == 302
    assert not FindingUse.objects.exists()


def test_repeated_posts_hit_the_rate_limit(client, finding):
    for _ in range(5):
        assert post(client, finding).status_code == 302

    response = post(client, finding)

    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many reports from this connection" in html
    assert "try again in about 60 minutes" in html
    assert FindingUse.objects.count() == 5


def test_the_limit_is_per_client_address(client, finding):
    for _ in range(5):
        post(client, finding)

    other = client.post(url(finding), VALID, REMOTE_ADDR="192.0.2.44")

    assert other.status_code == 302
    assert FindingUse.objects.count() == 6


def test_posts_need_a_csrf_token(finding):
    response = Client(enforce_csrf_checks=True).post(url(finding), VALID)

    assert response.status_code == 403
    assert not FindingUse.objects.exists()


def test_unknown_findings_and_projects_are_404(client, finding, draft_project, private_project):
    assert client.get(f"/used/{finding.page_id}/nokey/").status_code == 404
    assert client.post(f"/used/999999/{finding.key}/", VALID).status_code == 404
    for page in (draft_project, private_project):
        hidden = page.findings.get()
        assert client.post(f"/used/{page.pk}/{hidden.key}/", VALID).status_code == 404
    assert not FindingUse.objects.exists()


def test_only_approved_reports_are_counted_on_the_finding(client, finding):
    FindingUse.objects.create(finding=finding, organisation_type="nhs", how_used="a")
    FindingUse.objects.create(
        finding=finding, organisation_type="nhs", how_used="b", status=ModerationStatus.APPROVED
    )
    FindingUse.objects.create(
        finding=finding, organisation_type="nhs", how_used="c", status=ModerationStatus.REJECTED
    )

    html = client.get(finding.get_permalink()).content.decode()

    assert "used this finding 1 time." in html


def test_a_null_character_is_refused_plainly(client, finding):
    response = post(client, finding, how_used="Used it\x00 well")

    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()


def test_the_form_on_the_finding_page_posts_with_a_working_csrf_token(finding):
    browser = Client(enforce_csrf_checks=True)
    html = browser.get(finding.get_permalink()).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    response = browser.post(url(finding), {**VALID, "csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert FindingUse.objects.count() == 1


def test_behind_a_proxy_the_limit_follows_the_forwarded_address(client, finding, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(5):
        client.post(url(finding), VALID, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)

    # A forged first entry does not give the same client a fresh allowance.
    same = client.post(
        url(finding), VALID, HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7", **proxy
    )
    other = client.post(url(finding), VALID, HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy)

    assert same.status_code == 429
    assert other.status_code == 302


def test_a_post_over_the_sites_upload_limit_gets_a_plain_page(finding):
    # The view measures the body before anything reads it, so even a body far over Django's own
    # upload limit gets the page that explains, not a bare "Bad Request".
    client = Client(raise_request_exception=False)
    response = post(client, finding, how_used="x" * 3_000_000)

    assert response.status_code == 413
    html = response.content.decode()
    assert "<h1>Your report is too long</h1>" in html
    assert not FindingUse.objects.exists()
