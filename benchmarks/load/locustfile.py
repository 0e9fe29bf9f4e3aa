"""Practitioners browsing and searching the site: the locust side of ``benchmarks/load/run``.

Which addresses are asked for, and how often, lives in ``scenario.py``; this file only drives
them. Each simulated person waits 5 to 15 seconds between requests, reading, as people do, and
every response other than a 200 counts as an error. Every request's time is written to the file
named by LOAD_SAMPLES when the run ends, so that ``report.py`` can give exact percentiles for
search as a whole as well as for each kind of request.
"""

import json
import os
import resource
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from locust import FastHttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scenario import (  # noqa: E402
    FACETS_PATH,
    REDIRECTING_PATHS,
    Catalogue,
    Scenario,
    sitemap_addresses,
)

# The site runs with production settings, which send plain-HTTP visitors to HTTPS. Locust stands
# where the TLS-terminating proxy would, and says so with the header that proxy would add.
# The notice the search page and API show when the database answers in Elasticsearch's place.
REDUCED_MODE = "Search is running in a reduced mode"
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
THINK_TIME = (
    float(os.environ.get("LOAD_THINK_MIN", "5")),
    float(os.environ.get("LOAD_THINK_MAX", "15")),
)

catalogue = None
samples = []


def fetch(host, path, saved=None):
    """The page at ``path``, or the copy the run script saved before measuring began."""
    if saved:
        return Path(saved).read_bytes()
    request = urllib.request.Request(host.rstrip("/") + path, headers=PROXY_HEADERS)
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.read()


@events.init.add_listener
def discover_site(environment, **kwargs):
    """Read the site's addresses once, before anyone arrives; stop at once if that fails."""
    global catalogue
    try:
        saved = os.environ.get("LOAD_SITEMAP")
        if saved:
            addresses = Path(saved).read_text(encoding="utf-8").split()
        else:
            addresses = sitemap_addresses(lambda path: fetch(environment.host, path))
        catalogue = Catalogue.from_site(
            addresses,
            json.loads(fetch(environment.host, FACETS_PATH, os.environ.get("LOAD_FACETS"))),
        )
    except (OSError, ValueError) as error:
        sys.exit(f"Could not read the site's addresses from {environment.host}: {error}")
    print(
        f"Scenario: {len(catalogue.cohorts)} cohorts, {len(catalogue.projects)} projects, "
        f"{len(catalogue.findings)} findings, {len(catalogue.themes)} themes, "
        f"{len(catalogue.fellows)} fellows",
        flush=True,
    )


@events.test_start.add_listener
def started(environment, **kwargs):
    samples.append({"event": "start", "at": time.time()})


@events.spawning_complete.add_listener
def all_arrived(user_count, **kwargs):
    samples.append({"event": "spawned", "at": time.time(), "users": user_count})


@events.request.add_listener
def record(name, response_time, exception, start_time=None, **kwargs):
    samples.append(
        {
            "name": name,
            "ms": response_time,
            "at": start_time or time.time(),
            "error": None if exception is None else str(exception)[:200],
        }
    )


@events.test_stop.add_listener
def save_samples(environment, **kwargs):
    usage = resource.getrusage(resource.RUSAGE_SELF)
    samples.append({"event": "stop", "at": time.time(), "cpu": usage.ru_utime + usage.ru_stime})
    target = os.environ.get("LOAD_SAMPLES")
    if target:
        Path(target).write_text(json.dumps(samples), encoding="utf-8")


class Practitioner(FastHttpUser):
    """Someone from a West Yorkshire service reading and searching the Fellowship Hub."""

    wait_time = between(*THINK_TIME)
    default_headers = PROXY_HEADERS
    network_timeout = 30.0
    connection_timeout = 10.0

    def on_start(self):
        self.scenario = Scenario(catalogue)

    @task
    def next_request(self):
        name, path = self.scenario.next_request()
        if path.startswith(REDIRECTING_PATHS):
            # The redirect names the page by an absolute https address, which exists only at the
            # proxy; follow it by its path, as a second request of the same kind.
            with self.client.get(
                path, name=name, catch_response=True, allow_redirects=False
            ) as response:
                location = response.headers.get("Location", "")
                if response.status_code != 302 or not location:
                    response.failure(f"{response.status_code} for {path}, not a redirect")
                    return
            path = urlunsplit(urlsplit(location)._replace(scheme="", netloc=""))
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {path}")
            elif REDUCED_MODE in (response.text or ""):
                # Elasticsearch missed its deadline and the database answered: not an error for
                # the visitor, but the report counts these separately.
                samples.append({"degraded": name, "at": time.time()})
