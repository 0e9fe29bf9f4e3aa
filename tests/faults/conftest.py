"""Real servers for the fault tests: one PostgreSQL for the whole package, and the site's own
commands run as separate processes against it, so that they can be killed and cut off for real.

The server is started with scripts/services/postgres, migrated and given the demo content once;
each test module then gets its own copy of that database (``CREATE DATABASE ... TEMPLATE``), which
takes a fraction of a second instead of a migration's ten.
"""

import json
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from tests.processes import child_environment

REPO = Path(__file__).resolve().parents[2]
POSTGRES_SCRIPT = REPO / "scripts" / "services" / "postgres"
PYTHON = sys.executable
DEMO_CONTENT = REPO / "demo" / "demo_content.json"


def site_env(database_url):
    """The environment for a process of the site: test settings, the given database, and
    database search (the Elasticsearch faults have tests of their own)."""
    return child_environment(
        ("ELASTICSEARCH_URL", "DJANGO_SETTINGS_MODULE", "DATABASE_URL"),
        DJANGO_SETTINGS_MODULE="fellowship.settings.test",
        DATABASE_URL=database_url,
        PYTHONUNBUFFERED="1",
        # The bursts come from one address; the search limit is tested elsewhere.
        SEARCH_RATE_LIMIT="off",
    )


def manage(database_url, *args, timeout=180):
    """Run ``manage.py`` against ``database_url`` (never the developer's own database)."""
    assert database_url, "a database must be named explicitly"
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=REPO,
        env=site_env(database_url),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, (
        f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    )
    return result


# Read back through the ORM in a fresh process, as the next visitor's request would see it.
SITE_STATE = """
import json
from django.contrib.auth import get_user_model
from wagtail.models import Page, PageLogEntry, Revision
from cohorts.models import CohortPage, Fellow, Mentor
from projects.models import Finding, ProjectPage, Theme
from events.models import EventPage
problems = Page.find_problems()
print(json.dumps({
    "counts": {
        "pages": Page.objects.count(),
        "live pages": Page.objects.live().count(),
        "revisions": Revision.objects.count(),
        "page log entries": PageLogEntry.objects.count(),
        "cohorts": CohortPage.objects.count(),
        "fellows": Fellow.objects.count(),
        "mentors": Mentor.objects.count(),
        "projects": ProjectPage.objects.count(),
        "findings": Finding.objects.count(),
        "themes": Theme.objects.count(),
        "events": EventPage.objects.count(),
        "users": get_user_model().objects.count(),
    },
    "tree problems": {
        name: [str(item) for item in found]
        for name, found in zip(
            ["bad characters", "bad step length", "orphans", "wrong depth", "wrong numchild"],
            problems,
        )
        if found
    },
    "live paths": sorted(Page.objects.live().values_list("url_path", flat=True)),
}))
"""


def site_state(database_url):
    """Counts of everything an import writes, the page tree's problems, and the live pages' paths."""
    result = manage(database_url, "shell", "--no-imports", "-c", SITE_STATE)
    return json.loads(result.stdout.strip().splitlines()[-1])


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """A PostgreSQL started with scripts/services/postgres in a directory of its own."""

    def __init__(self, directory):
        self.directory = Path(directory)
        self.url = None

    def _script(self, command):
        result = subprocess.run(
            [str(POSTGRES_SCRIPT), command, str(self.directory / "postgres")],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, (
            f"postgres {command} failed:\n{result.stdout}\n{result.stderr}"
        )
        for line in result.stdout.splitlines():
            if line.startswith("DATABASE_URL="):
                return line.removeprefix("DATABASE_URL=")
        return None

    def start(self):
        self.url = self._script("start")

    def stop(self):
        self._script("stop")

    def restart(self):
        """Start again on the same port with the same data (stopping first if it runs)."""
        url = self._script("restart")
        assert url == self.url, "PostgreSQL came back on another address"

    def database_url(self, name):
        parts = urlsplit(self.url)
        return urlunsplit(parts._replace(path=f"/{name}"))

    def connect(self, name="postgres"):
        return psycopg.connect(self.database_url(name), autocommit=True, connect_timeout=5)

    def copy_database(self, name):
        """A new database holding what the template (migrated, with demo content) holds."""
        template = urlsplit(self.url).path.lstrip("/")
        with self.connect() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.database_url(name)


@pytest.fixture(scope="session")
def postgres_server():
    """One PostgreSQL for the fault tests, its main database migrated and holding the demo content.

    Nothing connects to that database after set-up: it is the template the tests copy.
    """
    # Under /tmp, not pytest's tmp_path: the server runs as an unprivileged user when the tests
    # run as root, and pytest's directories are closed to other users.
    directory = Path(tempfile.mkdtemp(prefix="fellowship-faults-"))
    directory.chmod(0o755)
    server = PostgresServer(directory)
    try:
        server.start()
        manage(server.url, "migrate", "--verbosity", "0")
        manage(server.url, "import_fellowship", str(DEMO_CONTENT))
        yield server
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)


def http_get(url, timeout=10):
    """GET ``url``: (status, headers, body), errors included; a refused or dropped connection
    raises as urllib does."""
    request = urllib.request.Request(url, headers={"Accept": "text/html,application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read().decode("utf-8", "replace")


class WebServer:
    """The site under gunicorn, as in production: a master and worker processes with threads."""

    WORKERS = 2
    THREADS = 4

    def __init__(self, database_url, log_path):
        self.database_url = database_url
        self.log_path = log_path
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self, timeout=60):
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "fellowship.wsgi:application",
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={self.WORKERS}",
                "--worker-class=gthread",
                f"--threads={self.THREADS}",
                "--timeout=30",
                "--graceful-timeout=5",
                # Several servers may run at once on this machine; none needs to be controlled.
                "--no-control-socket",
            ],
            cwd=REPO,
            env=site_env(self.database_url),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"gunicorn exited:\n{self.log_tail()}"
            try:
                if http_get(self.url("/health/"), timeout=5)[0] == 200 and (
                    len(self.workers()) == self.WORKERS
                ):
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"gunicorn did not answer in {timeout}s:\n{self.log_tail()}")

    def stop(self):
        if self.process and self.process.poll() is None:
            # Quick shutdown: nothing is left to finish once the tests are done.
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def url(self, path):
        return self.base_url + path

    def workers(self):
        """The worker processes' ids, read from the master's children."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return sorted(int(pid) for pid in children.read_text().split())

    def log_tail(self, lines=60):
        self.log.flush()
        return "\n".join(Path(self.log_path).read_text().splitlines()[-lines:])
