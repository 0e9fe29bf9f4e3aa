"""Citation downloads are counted per month, format and kind of record, and nothing else is kept."""

from datetime import date
from types import SimpleNamespace

from django.urls import reverse

import pytest

from reuse import citation_counts
from reuse.models import CitationDownloads

pytestmark = pytest.mark.django_db


def on(monkeypatch, day):
    """Count as if today were ``day``."""
    monkeypatch.setattr(citation_counts, "timezone", SimpleNamespace(localdate=lambda: day))


def download(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response


def counts():
    return {
        (row.month.isoformat(), row.cited, row.format): row.count
        for row in CitationDownloads.objects.all()
    }


def test_each_download_adds_one_to_its_month_format_and_kind(client, project, monkeypatch):
    finding = project.findings.first()
    project_bibtex = reverse("reuse_citation", args=[project.pk, "bibtex"])
    finding_ris = reverse("reuse_finding_citation", args=[finding.pk, "ris"])
    on(monkeypatch, date(2026, 3, 31))
    download(client, project_bibtex)
    download(client, project_bibtex)
    download(client, finding_ris)
    on(monkeypatch, date(2026, 4, 1))
    download(client, project_bibtex)
    assert counts() == {
        ("2026-03-01", "project", "bibtex"): 2,
        ("2026-03-01", "finding", "ris"): 1,
        ("2026-04-01", "project", "bibtex"): 1,
    }


def test_counting_keeps_no_address_browser_cookie_or_project(client, project):
    response = download(
        client,
        reverse("reuse_citation", args=[project.pk, "csl-json"]),
        HTTP_USER_AGENT="Reader/1.0",
        REMOTE_ADDR="203.0.113.9",
    )
    assert not response.cookies
    fields = {f.name for f in CitationDownloads._meta.get_fields()}
    assert fields == {"id", "month", "cited", "format", "count"}
    stored = " ".join(str(v) for v in CitationDownloads.objects.values().get().values())
    assert "203.0.113.9" not in stored and "Reader" not in stored and project.slug not in stored


def test_refused_and_head_requests_are_not_counted(client, project, draft_project):
    assert client.get(reverse("reuse_citation", args=[draft_project.pk, "bibtex"])).status_code == (
        404
    )
    assert client.get(reverse("reuse_citation", args=[project.pk, "docx"])).status_code == 404
    assert client.head(reverse("reuse_citation", args=[project.pk, "ris"])).status_code == 200
    assert not CitationDownloads.objects.exists()


def test_the_month_row_is_created_once_and_then_incremented(db, monkeypatch):
    on(monkeypatch, date(2026, 5, 17))
    for _ in range(3):
        citation_counts.count_download("finding", "bibtex")
    assert CitationDownloads.objects.get().count == 3
