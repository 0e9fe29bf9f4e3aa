"""The /health/ endpoint reports database and search health without revealing configuration."""

import json
import os
import socket
import subprocess
import sys

from django.conf import settings

import pytest

pytestmark = pytest.mark.django_db


def closed_port_url():
    # Bind and release a port so that nothing is listening on it when the check runs.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_health_is_ok_with_the_database_serving_search(client, settings):
    settings.ELASTICSEARCH_URL = None

    response = client.get("/health/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "ok",
        "database": {"ok": True},
        "search": {"backend": "database", "ok": True},
    }
    assert "no-cache" in response["Cache-Control"]


def test_health_is_degraded_but_200_when_elasticsearch_is_unreachable(client, settings):
    url = closed_port_url()
    settings.ELASTICSEARCH_URL = url

    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": {"ok": True},
        "search": {"backend": "elasticsearch", "ok": False},
    }
    body = response.content.decode()
    assert "127.0.0.1" not in body
    assert url.rsplit(":", 1)[1] not in body


def test_health_refuses_other_methods(client):
    assert client.post("/health/").status_code == 405


@pytest.mark.elasticsearch
def test_health_is_ok_with_a_running_elasticsearch(client, settings):
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]

    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json()["search"] == {"backend": "elasticsearch", "ok": True}
    assert response.json()["status"] == "ok"


def test_health_is_down_with_503_when_the_database_cannot_be_opened(tmp_path):
    # A real unreachable database: a SQLite file in a directory that does not exist.
    missing = tmp_path / "no-such-directory" / "db.sqlite3"
    environment = dict(os.environ, DATABASE_URL=f"sqlite:///{missing}", ELASTICSEARCH_URL="")
    environment["DJANGO_SETTINGS_MODULE"] = "fellowship.settings.test"
    script = (
        "import django, json; django.setup(); "
        "from django.test import Client; "
        "response = Client().get('/health/'); "
        "print(json.dumps({'code': response.status_code, 'body': response.content.decode()}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["code"] == 503
    assert json.loads(outcome["body"]) == {
        "status": "down",
        "database": {"ok": False},
        "search": {"backend": "database", "ok": False},
    }
    assert "no-such-directory" not in outcome["body"]
    assert "unable" not in outcome["body"].lower()


def test_a_healthy_search_server_is_sent_what_it_missed_when_the_health_check_runs(
    client, settings, monkeypatch
):
    class Cluster:
        def health(self, timeout):
            return {"status": "yellow"}

    class Client:
        cluster = Cluster()

    settings.ELASTICSEARCH_URL = "http://search.internal:9200"
    monkeypatch.setattr("search.health.health_client", Client)
    caught_up = []
    monkeypatch.setattr("search.health.catch_up_soon", lambda: caught_up.append(True))

    response = client.get("/health/")

    assert response.json()["search"] == {"backend": "elasticsearch", "ok": True}
    assert response.json()["status"] == "ok"
    assert caught_up == [True]
