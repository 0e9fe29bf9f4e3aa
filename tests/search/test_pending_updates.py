"""Missed index updates are kept, one row a page, until a replay that started after them."""

from django.utils import timezone

import pytest

from search import live
from search.models import PendingIndexUpdate
from tests.factories import ProjectPageFactory

pytestmark = pytest.mark.django_db


def closed_port_url():
    # Port 9 (discard) is not served on the loopback interface of a test machine.
    return "http://127.0.0.1:9"


def test_an_unreachable_server_leaves_every_page_of_the_batch_pending(settings):
    settings.ELASTICSEARCH_URL = closed_port_url()
    first, second = ProjectPageFactory(), ProjectPageFactory()

    assert live.sync_projects.call([first.pk, second.pk]) is False

    assert sorted(PendingIndexUpdate.objects.values_list("page_id", flat=True)) == sorted(
        [first.pk, second.pk]
    )
    assert "Connection" in PendingIndexUpdate.objects.first().error


def test_a_failure_recorded_during_a_replay_is_kept_for_the_next(settings):
    live.record_failure([1, 2], "Connection refused")
    started = timezone.now()
    # Page 2 fails again while a replay that read it earlier is still sending it.
    live.record_failure([2], "Timed out")

    live.forget([1, 2], started)

    assert list(PendingIndexUpdate.objects.values_list("page_id", "error")) == [(2, "Timed out")]


def test_without_elasticsearch_nothing_is_queued_or_recorded(
    settings, django_capture_on_commit_callbacks, sync_tasks
):
    settings.ELASTICSEARCH_URL = None
    project = ProjectPageFactory(live=False)

    with django_capture_on_commit_callbacks(execute=True):
        project.save_revision().publish()

    assert sync_tasks == []
    assert not PendingIndexUpdate.objects.exists()
    assert live.sync_projects.call([project.pk]) is False
