"""An import killed half way (SIGKILL: no clean-up runs) leaves nothing of itself behind, and the
same file imported again afterwards gives the full content."""

import json
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.faults.conftest import PYTHON, REPO, manage, site_env, site_state

# Enough projects that the import runs for several seconds; it is killed once a third are written.
PROJECTS = 40
KILL_AFTER = "projects 15/40"
DATABASE_NAME = "faults_import"


def write_import_file(path):
    """One new cohort of PROJECTS fellows, each with a project of two findings."""
    fellows = [
        {"slug": f"fault-fellow-{n}", "name": f"Fault Fellow {n}", "place": "Leeds"}
        for n in range(PROJECTS)
    ]
    projects = [
        {
            "slug": f"fault-project-{n}",
            "title": f"Fault project {n}",
            "summary": "A project imported while the importer is killed.",
            "fellows": [f"fault-fellow-{n}"],
            "status": "complete",
            "themes": ["Recovering from faults"],
            "sections": [{"heading": "Background", "text": "Why the project was done."}],
            "findings": [
                {
                    "headline": f"Finding {m} of fault project {n}.",
                    "evidence_type": "interviews",
                    "confidence": "emerging",
                }
                for m in range(2)
            ],
        }
        for n in range(PROJECTS)
    ]
    document = {
        "format": "fellowship-import/1",
        "cohorts": [
            {
                "slug": "class-of-2031",
                "title": "Class of 2031",
                "year": 2031,
                "fellows": fellows,
                "projects": projects,
            }
        ],
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture(params=[pytest.param("postgresql", marks=pytest.mark.postgres), "sqlite"])
def database(request, tmp_path):
    """A site database: a copy of the fault tests' PostgreSQL template (with the demo content),
    or a new SQLite file (the site tree only: importing the demo as well would only add time)."""
    if request.param == "postgresql":
        server = request.getfixturevalue("postgres_server")
        return request.param, server.copy_database(DATABASE_NAME)
    url = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    manage(url, "migrate", "--verbosity", "0")
    return request.param, url


def write_transaction_open(vendor, url, postgres_server=None):
    """Whether some connection has an open transaction that has written to the database."""
    if vendor == "sqlite":
        # SQLite keeps a rollback journal exactly while a write transaction is open.
        return Path(url.removeprefix("sqlite:///") + "-journal").exists()
    with postgres_server.connect() as connection:
        (count,) = connection.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND backend_xid IS NOT NULL",
            [DATABASE_NAME],
        ).fetchone()
    return count > 0


def wait_for_sessions_to_end(postgres_server, timeout=15):
    """PostgreSQL notices a killed client's connection is gone and rolls its transaction back."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with postgres_server.connect() as connection:
            (count,) = connection.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [DATABASE_NAME]
            ).fetchone()
        if count == 0:
            return
        time.sleep(0.1)
    raise AssertionError(f"the killed import's session was still open after {timeout}s")


def start_and_kill_import(url, path, vendor, postgres_server):
    process = subprocess.Popen(
        [PYTHON, "manage.py", "import_fellowship", "--verbosity", "2", str(path)],
        cwd=REPO,
        env=site_env(url),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    watchdog = threading.Timer(120, process.kill)
    watchdog.start()
    output = []
    try:
        for line in process.stdout:
            output.append(line)
            if line.strip() == KILL_AFTER:
                break
        else:
            raise AssertionError("the import ended before it could be killed:\n" + "".join(output))
        assert write_transaction_open(vendor, url, postgres_server), "nothing was being written"
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        watchdog.cancel()
        process.kill()
        process.stdout.close()


def test_an_import_killed_half_way_leaves_nothing_and_can_be_run_again(database, tmp_path, request):
    vendor, url = database
    postgres_server = request.getfixturevalue("postgres_server") if vendor != "sqlite" else None
    path = write_import_file(tmp_path / "class-of-2031.json")
    before = site_state(url)
    assert before["tree problems"] == {}

    start_and_kill_import(url, path, vendor, postgres_server)
    if postgres_server:
        wait_for_sessions_to_end(postgres_server)

    # Not one cohort, fellow, page, revision or tree node of the killed import remains.
    assert site_state(url) == before

    result = manage(url, "import_fellowship", str(path))
    assert f"projects:  {PROJECTS} created" in result.stdout
    after = site_state(url)
    assert after["tree problems"] == {}
    added = {name: after["counts"][name] - before["counts"][name] for name in before["counts"]}
    assert added == {
        "pages": PROJECTS + 1,
        "live pages": PROJECTS + 1,
        # One revision a page; created, edited and published in the log.
        "revisions": PROJECTS + 1,
        "page log entries": 3 * (PROJECTS + 1),
        "cohorts": 1,
        "fellows": PROJECTS,
        "mentors": 0,
        "projects": PROJECTS,
        "findings": 2 * PROJECTS,
        "themes": 1,
        "events": 0,
        "users": 0,
    }
    assert f"/home/cohorts/class-of-2031/fault-project-{PROJECTS - 1}/" in after["live paths"]
