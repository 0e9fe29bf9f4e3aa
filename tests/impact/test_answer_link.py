"""The emailed link: it opens one follow-up, expires, cannot be forged, and works only once."""

import time
from unittest import mock

from django.urls import reverse

import pytest

from impact.follow_ups import make_token
from impact.models import FollowUp, FollowUpStatus
from tests.impact.conftest import make_follow_up

ANSWER = {
    "practice_change": "Ward staff now ask before touching a patient's bed space.",
    "people_reached": "250",
    "partners": "The hospital's patient experience team.",
    "evidence_links": "https://example.org/minutes\nhttps://example.org/training",
}


@pytest.fixture
def follow_up(completed, fellow):
    return make_follow_up(completed, fellow)


def link(follow_up):
    return reverse("impact_follow_up", args=[make_token(follow_up)])


def test_the_link_shows_the_form_for_its_project_and_asks_not_to_be_indexed(client, follow_up):
    response = client.get(link(follow_up))
    assert response.status_code == 200
    assert "Warm letters" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_an_answer_is_saved_and_waits_for_review(client, follow_up):
    response = client.post(link(follow_up), ANSWER)
    assert response.status_code == 302
    assert response["Location"] == reverse("impact_follow_up_thanks")
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.AWAITING_REVIEW
    assert follow_up.answered_at is not None
    assert follow_up.people_reached == 250
    assert follow_up.practice_change == ANSWER["practice_change"]
    # The fellow answers; only the programme team decides what is public.
    assert not any(getattr(follow_up, flag) for flag in ("public_practice_change",))


def test_a_used_link_cannot_answer_again(client, follow_up):
    client.post(link(follow_up), ANSWER)
    response = client.post(link(follow_up), {**ANSWER, "practice_change": "OVERWRITTEN"})
    assert response.status_code == 410
    assert "already been answered" in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.practice_change == ANSWER["practice_change"]
    assert client.get(link(follow_up)).status_code == 410


def test_an_expired_link_is_explained_and_saves_nothing(client, follow_up, settings):
    settings.FOLLOW_UP_LINK_DAYS = 60
    url = link(follow_up)
    later = time.time() + 61 * 24 * 60 * 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.post(url, ANSWER)
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    follow_up.refresh_from_db()
    assert follow_up.answered_at is None


def test_a_link_still_works_on_its_last_day(client, follow_up, settings):
    settings.FOLLOW_UP_LINK_DAYS = 60
    url = link(follow_up)
    later = time.time() + 59 * 24 * 60 * 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "token",
    ["nonsense", "1", "eyJ0eXAiOiJKV1QifQ:1abc:def", "%00", "a" * 300],
)
def test_a_wrong_link_is_not_found_with_a_plain_message(client, follow_up, token):
    response = client.get(f"/follow-up/{token}/")
    assert response.status_code in (400, 404)
    assert "Warm letters" not in response.content.decode()


def test_a_link_altered_to_name_another_follow_up_is_refused(client, follow_up, completed):
    other_fellow = follow_up.fellow.__class__.objects.create(
        name="Other", slug="other", cohort=follow_up.fellow.cohort, email="o@example.org"
    )
    other = make_follow_up(completed, other_fellow, months=6)
    token = make_token(follow_up)
    value, rest = token.split(":", 1)
    forged = make_token(other).split(":", 1)[0] + ":" + rest
    response = client.get(f"/follow-up/{forged}/")
    assert response.status_code == 404
    assert "We do not recognise this link" in response.content.decode()


def test_a_link_for_a_deleted_follow_up_is_not_found(client, follow_up):
    url = link(follow_up)
    FollowUp.objects.all().delete()
    assert client.get(url).status_code == 404


def test_an_empty_answer_is_refused_in_plain_english(client, follow_up):
    response = client.post(link(follow_up), {})
    assert response.status_code == 400
    assert "Tell us about at least one change" in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.answered_at is None


@pytest.mark.parametrize(
    "links",
    ["javascript:alert(1)", "not a link", "\n".join(f"https://e.org/{i}" for i in range(11))],
)
def test_evidence_must_be_web_addresses(client, follow_up, links):
    response = client.post(link(follow_up), {**ANSWER, "evidence_links": links})
    assert response.status_code == 400
    follow_up.refresh_from_db()
    assert follow_up.answered_at is None


def test_a_number_of_people_that_is_not_a_number_is_explained(client, follow_up):
    response = client.post(link(follow_up), {**ANSWER, "people_reached": "lots"})
    assert response.status_code == 400
    assert "whole number" in response.content.decode()


def test_opening_links_over_and_over_is_limited(client, follow_up, settings):
    settings.FOLLOW_UP_RATE_LIMIT = (3, 3600)
    for _ in range(3):
        assert client.get("/follow-up/guess/").status_code == 404
    response = client.get(link(follow_up))
    assert response.status_code == 429
    assert response["Retry-After"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_an_oversized_answer_is_refused_before_it_is_read(client, follow_up):
    response = client.post(link(follow_up), {**ANSWER, "practice_change": "x" * 70_000})
    assert response.status_code == 413
    follow_up.refresh_from_db()
    assert follow_up.answered_at is None
