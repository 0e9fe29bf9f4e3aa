"""The site under gunicorn keeps its visitors informed while PostgreSQL restarts or a worker dies,
and serves every page again afterwards without being restarted itself."""

import json
import os
import signal
import threading
import time
from dataclasses import dataclass

import pytest

from tests.faults.conftest import WebServer, http_get, site_state

pytestmark = pytest.mark.postgres

# Public pages and searches, each of which reads the database.
PAGES = [
    "/",
    "/cohorts/",
    "/cohorts/class-of-2023/",
    "/cohorts/class-of-2023/trauma-informed-communications/",
    "/themes/",
    "/knowledge-exchange/",
    "/search/?q=trauma",
    "/api/search/?q=letters",
]
# An answer slower than this counts as a hang.
REQUEST_TIMEOUT = 10


@dataclass
class Answer:
    path: str
    started: float
    finished: float
    status: int | None
    retry_after: str | None = None
    body: str = ""
    error: str | None = None

    def __str__(self):
        return f"{self.path}: {self.status or self.error} after {self.finished - self.started:.1f}s"


class Burst:
    """Visitors requesting the public pages in turn, from several threads, until stopped."""

    def __init__(self, web, visitors=6):
        self.web = web
        self.visitors = visitors
        self.answers = []
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.threads = [
            threading.Thread(target=self.visit, args=(offset,), daemon=True)
            for offset in range(visitors)
        ]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopped.set()
        for thread in self.threads:
            thread.join(REQUEST_TIMEOUT + 5)

    def visit(self, offset):
        turn = offset
        while not self.stopped.is_set():
            path = PAGES[turn % len(PAGES)]
            turn += 1
            started = time.monotonic()
            try:
                status, headers, body = http_get(self.web.url(path), timeout=REQUEST_TIMEOUT)
                answer = Answer(
                    path, started, time.monotonic(), status, headers.get("Retry-After"), body
                )
            except OSError as error:
                answer = Answer(path, started, time.monotonic(), None, error=repr(error))
            with self.lock:
                self.answers.append(answer)

    def wait_for_every_page(self, since, timeout=30):
        """Let the visitors run until each page has been asked for (at least) once since ``since``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if {a.path for a in self.between(since)} == set(PAGES):
                    return
            time.sleep(0.2)

    def between(self, start, end=float("inf")):
        """Answers to requests made wholly within [start, end]."""
        return [a for a in self.answers if a.started >= start and a.finished <= end]


def get_all(web, rounds=3):
    """Every page, ``rounds`` times, as many at once as the server has threads: (path, status)s."""
    paths = PAGES * rounds
    answers = [None] * len(paths)
    at_once = WebServer.WORKERS * WebServer.THREADS

    def fetch(index):
        answers[index] = (paths[index], http_get(web.url(paths[index]), REQUEST_TIMEOUT)[0])

    for start in range(0, len(paths), at_once):
        batch = [
            threading.Thread(target=fetch, args=(index,))
            for index in range(start, min(start + at_once, len(paths)))
        ]
        for thread in batch:
            thread.start()
        for thread in batch:
            thread.join()
    return answers


def statuses(answers):
    return {status for _, status in answers}


def wait_for_health(web, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, _, body = http_get(web.url("/health/"), timeout=REQUEST_TIMEOUT)
        if status == 200:
            return json.loads(body)
        time.sleep(0.2)
    raise AssertionError(f"/health/ did not report the database back within {timeout}s")


@pytest.fixture(scope="module")
def web(postgres_server, tmp_path_factory):
    server = WebServer(
        postgres_server.copy_database("faults_web"),
        tmp_path_factory.mktemp("gunicorn") / "gunicorn.log",
    )
    server.start()
    yield server
    server.stop()


def test_every_page_answers_before_any_fault(web):
    answers = get_all(web, rounds=1)
    assert statuses(answers) == {200}, answers


def test_postgresql_restart_during_a_burst_gives_a_kind_503_then_every_page_again(
    postgres_server, web
):
    before = site_state(web.database_url)
    workers = web.workers()
    with Burst(web) as burst:
        time.sleep(1)
        try:
            postgres_server.stop()
            down_at = time.monotonic()
            status, _, body = http_get(web.url("/health/"), timeout=REQUEST_TIMEOUT)
            assert status == 503
            assert json.loads(body)["database"] == {"ok": False}
            time.sleep(2)
        finally:
            back_at = time.monotonic()
            postgres_server.restart()
        health = wait_for_health(web)
        recovered_at = time.monotonic()
        burst.wait_for_every_page(since=recovered_at)

    assert health["database"] == {"ok": True}
    report = "\n".join(map(str, burst.answers))
    # No hang and no dropped connection, at any moment.
    assert not [a for a in burst.answers if a.status is None], report
    assert max(a.finished - a.started for a in burst.answers) < REQUEST_TIMEOUT
    # Either the page, or the 503 page saying to come back: never a 500 or a stack trace.
    assert {a.status for a in burst.answers} <= {200, 503}, f"{report}\n{web.log_tail()}"
    refused = [a for a in burst.answers if a.status == 503]
    for answer in refused:
        assert answer.retry_after == "30", answer
        assert "briefly unavailable" in answer.body, answer
        assert "Traceback" not in answer.body
    # While PostgreSQL was down, every request was refused kindly...
    during = burst.between(down_at, back_at)
    assert len(during) >= len(PAGES), report
    assert {a.status for a in during} == {503}, report
    assert any(a.path.startswith("/api/") and json.loads(a.body)["errors"] for a in during)
    # ...and once it was back, every request succeeded, from the same workers.
    after = burst.between(recovered_at)
    assert {a.path for a in after} == set(PAGES), report
    assert {a.status for a in after} == {200}, report
    assert web.workers() == workers
    # Nothing published was lost.
    assert site_state(web.database_url) == before


def test_an_idle_postgresql_restart_costs_no_visitor_an_error(postgres_server, web):
    """Connections the workers keep open die with the server; each is replaced before use."""
    answers = get_all(web)
    assert statuses(answers) == {200}, answers
    postgres_server.restart()
    answers = get_all(web)
    assert statuses(answers) == {200}, answers


def test_a_worker_killed_during_a_burst_is_replaced_and_the_site_keeps_answering(web):
    before = site_state(web.database_url)
    workers = web.workers()
    with Burst(web) as burst:
        time.sleep(1)
        victim = workers[0]
        os.kill(victim, signal.SIGKILL)
        killed_at = time.monotonic()
        deadline = killed_at + 30
        while time.monotonic() < deadline:
            replaced = web.workers()
            if len(replaced) == WebServer.WORKERS and victim not in replaced:
                break
            time.sleep(0.2)
        burst.wait_for_every_page(since=killed_at + 0.2)

    report = "\n".join(map(str, burst.answers))
    assert victim not in replaced and len(replaced) == WebServer.WORKERS, replaced
    # Only requests the killed worker was already handling can be lost: at most one a visitor.
    lost = [a for a in burst.answers if a.status != 200]
    assert all(a.started < killed_at + 0.2 for a in lost), report
    assert len(lost) <= burst.visitors, report
    after = burst.between(killed_at + 0.2)
    assert len(after) >= len(PAGES), report
    assert {a.status for a in after} == {200}, report
    assert site_state(web.database_url) == before
