"""Share links: what they show, when they stop, and what they leave behind."""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import PageLogEntry

from sharing import links
from sharing.models import ShareComment, ShareLink


def test_shared_link_shows_the_draft_as_the_public_page_content_note_first(client, shared):
    link, url = shared
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "A draft shared with you for review" in html
    assert "Mentions exclusion from school." in html
    assert "Continue to the project" in html
    following = client.get(url + "?continue=1").content.decode()
    assert "Continue to the project" not in following
    assert "How schools write to families about exclusion." in following
    assert 'id="comment"' in following


def test_shared_link_shows_the_draft_not_the_live_page(client, people):
    project = people.project(live=True, summary="The summary readers see today.")
    project.summary = "The summary of the new draft."
    project.save_revision(user=people.users["listed_fellow"])
    link, token = links.create(project, people.users["listed_fellow"], 14)
    html = client.get(f"/share/{token}/").content.decode()
    assert "The summary of the new draft." in html
    assert "The summary readers see today." not in html


def test_token_is_kept_only_as_a_hash(shared):
    link, url = shared
    token = url.strip("/").split("/")[-1]
    assert len(token) >= 40
    stored = ShareLink.objects.get(pk=link.pk)
    assert stored.token_hash == links.hash_token(token)
    assert token not in stored.token_hash


def test_an_unknown_token_gets_the_calm_page_not_a_404(client, db):
    response = client.get("/share/not-a-real-token/")
    assert response.status_code == 410
    html = response.content.decode()
    assert "This link no longer works" in html
    assert "ask the person who shared it with you" in html


def test_a_closed_link_stops_working_and_says_whom_to_ask(client, people, shared):
    link, url = shared
    links.revoke(link, people.users["listed_fellow"])
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 410
    assert "This link has been closed" in html
    assert f"ask {people.listed.name}, who shared it with you" in html
    assert "Mentions exclusion from school." not in html
    assert people.users["listed_fellow"].email not in html


def test_an_expired_link_stops_working(client, shared):
    link, url = shared
    ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(url)
    assert response.status_code == 410
    assert "come to its end" in response.content.decode()


def test_saving_the_draft_again_stops_the_old_link(client, people, shared):
    link, url = shared
    link.page.specific.save_revision(user=people.users["listed_fellow"])
    response = client.get(url)
    assert response.status_code == 410
    assert "The draft has changed since this link was made" in response.content.decode()


def test_an_autosave_over_the_shared_revision_stops_the_old_link(client, people, shared):
    link, url = shared
    page = link.page.specific
    page.summary = "Typed after the link was made."
    page.save_revision(user=people.users["listed_fellow"], overwrite_revision=link.revision)
    page.refresh_from_db()
    assert page.latest_revision_id == link.revision_id
    response = client.get(url)
    assert response.status_code == 410
    assert "Typed after the link was made." not in response.content.decode()


def test_a_stopped_link_takes_no_comment(client, people, shared):
    link, url = shared
    links.revoke(link, people.users["listed_fellow"])
    response = client.post(url, {"name": "", "text": "Too late?"})
    assert response.status_code == 410
    assert not ShareComment.objects.exists()


def test_reviewer_leaves_a_comment_without_a_name_and_is_thanked(client, shared):
    link, url = shared
    response = client.post(url, {"name": "", "text": "The second finding is clear."})
    assert response.status_code == 302
    comment = ShareComment.objects.get()
    assert (comment.link, comment.name, comment.text) == (link, "", "The second finding is clear.")
    html = client.get(response["Location"]).content.decode()
    assert "Thank you. Your comment has been sent." in html
    assert "error-summary" not in html


def test_reviewer_comment_passes_the_csrf_check_of_a_real_browser(shared):
    from django.test import Client

    link, url = shared
    browser = Client(enforce_csrf_checks=True)
    html = browser.get(url).content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert "csrftoken" in browser.cookies
    response = browser.post(
        url,
        {"csrfmiddlewaretoken": token, "text": "Clear."},
        headers={"Origin": "http://testserver"},
    )
    assert response.status_code == 302
    assert ShareComment.objects.filter(text="Clear.").exists()


def test_comment_is_checked_in_plain_words(client, shared):
    link, url = shared
    empty = client.post(url, {"name": "", "text": "   "})
    assert empty.status_code == 400
    assert "Write your comment before sending it." in empty.content.decode()
    too_long = client.post(url, {"name": "x" * 81, "text": "y" * 2001})
    html = too_long.content.decode()
    assert too_long.status_code == 400
    assert "Keep your name to 80 characters or fewer." in html
    assert "keep it to 2000 characters or fewer" in html
    assert not ShareComment.objects.exists()


def test_comment_text_is_shown_as_plain_text(client, people, shared):
    link, url = shared
    client.post(url, {"name": "<b>Sam</b>", "text": "<script>alert(1)</script>\x07 fine"})
    comment = ShareComment.objects.get()
    assert "\x07" not in comment.text
    client.force_login(people.users["listed_fellow"])
    html = client.get(f"/admin/sharing/{link.page_id}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Sam&lt;/b&gt;" in html


def test_every_view_and_comment_is_in_the_audit_log(client, people, shared):
    link, url = shared
    client.get(url)
    client.get(url + "?continue=1")
    client.post(url, {"name": "Sam", "text": "Clear."})
    actions = list(
        PageLogEntry.objects.filter(page=link.page).order_by("pk").values_list("action", flat=True)
    )
    assert actions.count(links.CREATED) == 1
    assert actions.count(links.VIEWED) == 2
    assert actions.count(links.COMMENTED) == 1
    entry = PageLogEntry.objects.filter(action=links.COMMENTED).get()
    assert entry.message == "Comment from Sam through the link for “Leeds Mind reviewer”"


def test_closing_a_link_is_in_the_audit_log(people, shared):
    link, url = shared
    links.revoke(link, people.users["programme_team"])
    entry = PageLogEntry.objects.get(action=links.REVOKED)
    assert entry.user == people.users["programme_team"]
    assert entry.message == "Closed the link for “Leeds Mind reviewer”"


def test_links_are_rate_limited_per_client(client, settings, shared):
    link, url = shared
    settings.SHARE_LINK_RATE_LIMIT = (3, 3600)
    for _ in range(3):
        assert client.get("/share/wrong-guess/").status_code == 410
    response = client.get(url)
    assert response.status_code == 429
    assert "Please wait" in response.content.decode()
    assert response["Retry-After"]


def test_comments_are_rate_limited_per_client(client, settings, shared):
    link, url = shared
    settings.SHARE_COMMENT_RATE_LIMIT = (2, 3600)
    for _ in range(2):
        assert client.post(url, {"text": "Again."}).status_code == 302
    assert client.post(url, {"text": "Again."}).status_code == 429
    assert ShareComment.objects.count() == 2
