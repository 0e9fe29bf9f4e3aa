"""A live site with the demo content, and one headless Chromium, shared by the browser tests.

The site runs in its own process (``runserver`` on a free port) over a throwaway SQLite database
that is migrated and loaded with ``seed_demo`` once per test session. It always uses the database
search backend: a browser test checks what a reader sees, and must not write into an index that
the Elasticsearch tests are using. Chromium is Debian's (/usr/bin/chromium), driven by Playwright:
browsers downloaded by Playwright itself are never used.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser.axe import AXE, ROOT
from tests.processes import child_environment

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing_tool():
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing: run scripts/install as root, or apt-get install chromium"
    if not AXE.exists():
        return f"{AXE.relative_to(ROOT)} is missing: run npm ci (scripts/install does)"
    return None


def pytest_collection_modifyitems(config, items):
    # Outside CI a developer without Chromium still gets the rest of the suite; in CI the
    # browser tests are collected whatever happens, and fail below if Chromium is missing.
    if os.environ.get("CI") or not _missing_tool():
        return
    kept, left_out = [], []
    for item in items:
        (left_out if item.get_closest_marker("browser") else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept
        config._browser_tests_left_out = (len(left_out), _missing_tool())


def pytest_terminal_summary(terminalreporter, config):
    left_out = getattr(config, "_browser_tests_left_out", None)
    if left_out:
        count, reason = left_out
        terminalreporter.write_line(f"Left out {count} browser tests: {reason}.")


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env, *arguments, log):
    subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _wait_until_serving(url, server, log_path, timeout=180):
    # Generous: on a loaded two-core machine the first answer alone can take over a minute.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"The site stopped while starting; see {log_path}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"The site did not answer at {url} within {timeout}s; see {log_path}")


@pytest.fixture(scope="session")
def artifacts():
    """The folder for screenshots (git-ignored), kept after the run for CI to collect."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def live_site_env():
    """The environment the live site runs in (its database included), for running commands on it."""
    return {}


@pytest.fixture(scope="session")
def live_site(tmp_path_factory, artifacts, live_site_env):
    """The address of a running site loaded with the demo content and demo accounts."""
    missing = _missing_tool()
    if missing:
        pytest.fail(missing, pytrace=False)
    workdir = tmp_path_factory.mktemp("live-site")
    port = _free_port()
    env = child_environment(
        {"DATABASE_URL", "ELASTICSEARCH_URL", "DJANGO_SETTINGS_MODULE"},
        DJANGO_SETTINGS_MODULE="fellowship.settings.test",
        DATABASE_URL=f"sqlite:///{workdir / 'site.sqlite3'}",
        # The address citations and "copy link" give, as WAGTAILADMIN_BASE_URL does under make run.
        TEST_SITE_ADDRESS=f"http://127.0.0.1:{port}",
        PYTHONUNBUFFERED="1",
    )
    live_site_env.update(env)
    log_path = artifacts / "live-site.log"
    with open(log_path, "w") as log:
        _manage(env, "migrate", "--no-input", "-v", "0", log=log)
        _manage(env, "seed_demo", "--force", log=log)
        # --insecure serves the static files with DEBUG off, so that 404 pages are the real ones.
        server = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "runserver",
                "--noreload",
                "--insecure",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_serving(f"{url}/", server, log_path)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session; each test gets its own context."""
    missing = _missing_tool()
    if missing:
        pytest.fail(missing, pytrace=False)
    from playwright.sync_api import expect, sync_playwright

    # Playwright's assertions wait 5 s by default; a loaded 2-core CI machine rendering the admin
    # can take longer, and a slow page is not what these tests are about.
    expect.set_options(timeout=30_000)

    # Playwright starts Chromium with a fresh, temporary user data directory of its own.
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, live_site):
    """A fresh browser tab with no cookies, whose relative addresses go to the live site."""
    context = browser.new_context(
        base_url=live_site, viewport={"width": 1280, "height": 900}, locale="en-GB"
    )
    context.set_default_timeout(30_000)
    tab = context.new_page()
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture
def sign_in(browser, live_site):
    """Open a fresh browser context signed in to the admin as ``(username, password)``."""
    from playwright.sync_api import expect

    contexts = []

    def open_as(credentials):
        username, password = credentials
        context = browser.new_context(
            base_url=live_site, viewport={"width": 1280, "height": 900}, locale="en-GB"
        )
        context.set_default_timeout(30_000)
        contexts.append(context)
        tab = context.new_page()
        tab.goto("/admin/login/")
        tab.get_by_label("Email address").or_(tab.get_by_label("Username")).first.fill(username)
        tab.get_by_label("Password").fill(password)
        tab.get_by_role("button", name="Sign in").click()
        expect(tab).to_have_url(re.compile(r"/admin/$"))
        return tab

    yield open_as
    for context in contexts:
        context.close()
