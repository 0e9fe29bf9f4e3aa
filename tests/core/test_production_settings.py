"""The production settings pass Django's deployment checks and refuse to start when unsafe."""

import json
import subprocess
import sys

from django.conf import settings

import pytest

from tests.processes import child_environment

SAFE_SECRET_KEY = "k3J#9vLq2!xR7mZp$Wb4nT8cYf6hGd1sAe5uIo0PlKjHgFdSaQwErTy"


def production_environment(database_path, unset=()):
    """The environment of a process run with the production settings, a safe secret key and a
    SQLite database at ``database_path``, without ``DEBUG`` or the variables in ``unset``."""
    return child_environment(
        {"DEBUG", *unset},
        DJANGO_SETTINGS_MODULE="fellowship.settings.production",
        SECRET_KEY=SAFE_SECRET_KEY,
        ALLOWED_HOSTS="example.org",
        DATABASE_URL=f"sqlite:///{database_path}",
    )


@pytest.fixture
def production_env(tmp_path):
    return production_environment(tmp_path / "db.sqlite3")


def run_manage(environment, *arguments):
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_a_safe_environment(production_env):
    result = run_manage(production_env, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"SECRET_KEY": None}, "Set the SECRET_KEY environment variable."),
        ({"SECRET_KEY": "short-but-random-9f8e7d"}, "SECRET_KEY must be a long random value"),
        ({"SECRET_KEY": "dev-" + SAFE_SECRET_KEY}, "SECRET_KEY must be a long random value"),
        ({"ALLOWED_HOSTS": None}, "Set the ALLOWED_HOSTS environment variable."),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS must name the site's hosts, not '*'."),
        ({"DEBUG": "true"}, "DEBUG must not be switched on in production"),
        ({"DEBUG": "1"}, "DEBUG must not be switched on in production"),
        ({"TRUSTED_PROXY_COUNT": "two"}, "TRUSTED_PROXY_COUNT must be the number of reverse"),
        ({"TRUSTED_PROXY_COUNT": "-1"}, "TRUSTED_PROXY_COUNT must be the number of reverse"),
    ],
)
def test_unsafe_setting_stops_start_up_with_a_clear_message(production_env, changes, message):
    for key, value in changes.items():
        if value is None:
            production_env.pop(key, None)
        else:
            production_env[key] = value

    result = run_manage(production_env, "check")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_shares_its_cache_through_the_database(production_env):
    production_env["MEDIA_ROOT"] = "/srv/fellowship/media"
    result = run_manage(
        production_env,
        "shell",
        "-c",
        "from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND']); print(settings.MEDIA_ROOT)",
    )

    assert result.returncode == 0, result.stderr
    assert "django.core.cache.backends.db.DatabaseCache" in result.stdout
    assert "/srv/fellowship/media" in result.stdout


@pytest.mark.parametrize(
    ("proxies", "header", "secure"),
    [(None, None, False), ("0", None, False), ("1", ["HTTP_X_FORWARDED_PROTO", "https"], True)],
)
def test_the_forwarded_scheme_is_believed_only_behind_a_proxy(tmp_path, proxies, header, secure):
    environment = production_environment(tmp_path / "db.sqlite3", unset={"TRUSTED_PROXY_COUNT"})
    if proxies is not None:
        environment["TRUSTED_PROXY_COUNT"] = proxies
    result = run_manage(
        environment,
        "shell",
        "-c",
        "import json\n"
        "from django.conf import settings\n"
        "from django.test import RequestFactory\n"
        "request = RequestFactory().get('/', HTTP_X_FORWARDED_PROTO='https')\n"
        "print(json.dumps({'header': settings.SECURE_PROXY_SSL_HEADER,\n"
        "    'proxies': settings.TRUSTED_PROXY_COUNT, 'secure': request.is_secure()}))",
    )

    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer == {"header": header, "proxies": int(proxies or 0), "secure": secure}


SIGN_IN_SCRIPT = """
import json
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
# The lockout page names its stylesheet; no files are collected for this test.
override_settings(STORAGES={
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}).enable()
get_user_model().objects.create_user("alice", password="correct horse battery staple")
client = Client()
def attempt(password):
    return client.post("/_util/login/", {"username": "alice", "password": password},
                       HTTP_HOST="example.org", secure=True).status_code
statuses = [attempt("wrong") for _ in range(5)] + [attempt("correct horse battery staple")]
print(json.dumps(statuses))
"""


def test_sign_in_lockout_works_with_the_production_cache(production_env):
    # Counted in the database cache every worker shares, the way a deployment runs.
    # Only the tables a sign-in needs, to keep the test quick.
    for command in (
        ["migrate", "auth", "-v", "0"],
        ["migrate", "sessions", "-v", "0"],
        ["createcachetable"],
    ):
        result = run_manage(production_env, *command)
        assert result.returncode == 0, result.stderr

    result = run_manage(production_env, "shell", "-c", SIGN_IN_SCRIPT)

    assert result.returncode == 0, result.stderr
    statuses = json.loads(result.stdout.strip().splitlines()[-1])
    assert statuses == [200, 200, 200, 200, 429, 429]
