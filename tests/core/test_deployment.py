"""What the deployment files promise: gunicorn behind whitenoise with PostgreSQL, Elasticsearch and
media on a volume. No Docker engine runs where the tests run, so the images are not built here;
the site is run the way the image runs it instead."""

import json
import re

from django.conf import settings

from tests.core.test_production_settings import production_environment, run_manage

COMPOSE = (settings.BASE_DIR / "docker-compose.yml").read_text()
DOCKERFILE = (settings.BASE_DIR / "Dockerfile").read_text()


def service(name):
    """The text of one service in docker-compose.yml, up to the next service or section."""
    match = re.search(rf"^  {name}:\n(.*?)(?=^  \S|^\S)", COMPOSE, re.MULTILINE | re.DOTALL)
    assert match, f"no service {name} in docker-compose.yml"
    return match.group(1)


def test_compose_runs_the_site_under_gunicorn_with_postgresql_and_elasticsearch():
    web = service("web")
    assert "gunicorn fellowship.wsgi" in web
    # Migrations and the cache table come before the site, on every start.
    assert web.index("migrate") < web.index("createcachetable") < web.index("gunicorn")
    assert "postgres://" in web and "@db:5432/" in web
    assert "ELASTICSEARCH_URL: http://search:9200" in web
    assert re.search(r"image: postgres:15\b", service("db"))
    assert re.search(r"image: elasticsearch:8\.19\.\d+", service("search"))
    # The site waits for both to be healthy, and only the site is published, on loopback.
    assert "condition: service_healthy" in web
    assert '"127.0.0.1:8000:8000"' in web
    assert "ports:" not in service("db") and "ports:" not in service("search")


def test_uploads_and_data_live_on_named_volumes():
    assert "- media:/app/media" in service("web")
    assert "- pgdata:/var/lib/postgresql/data" in service("db")
    volumes = re.search(r"^volumes:\n((?:  \S.*\n?)+)", COMPOSE, re.MULTILINE).group(1)
    assert {"media", "pgdata", "esdata"} <= {line.strip(" :") for line in volumes.splitlines()}
    # The image runs as an unprivileged user who can write only the media folder.
    assert "USER fellowship" in DOCKERFILE
    assert "chown fellowship /app/media" in DOCKERFILE


def test_the_image_starts_the_site_as_compose_does():
    assert "collectstatic --noinput" in DOCKERFILE
    command = re.search(r'^CMD \["sh", "-c", "(.*)"\]$', DOCKERFILE, re.MULTILINE).group(1)
    assert command.index("migrate") < command.index("createcachetable") < command.index("gunicorn")


def test_production_serves_collected_static_files_through_whitenoise(tmp_path):
    environment = production_environment(tmp_path / "db.sqlite3")
    environment["STATIC_ROOT"] = str(tmp_path / "static")
    collected = run_manage(environment, "collectstatic", "--noinput", "-v", "0")
    assert collected.returncode == 0, collected.stderr

    result = run_manage(
        environment,
        "shell",
        "-c",
        "import json\n"
        "from django.contrib.staticfiles.storage import staticfiles_storage\n"
        "from django.test import Client\n"
        "url = staticfiles_storage.url('css/site.css')\n"
        "response = Client().get(url, HTTP_HOST='example.org', secure=True)\n"
        "body = b''.join(response.streaming_content)\n"
        "print(json.dumps({'url': url, 'status': response.status_code,\n"
        "    'cache': response.get('Cache-Control'), 'size': len(body)}))",
    )
    assert result.returncode == 0, result.stderr
    served = json.loads(result.stdout.strip().splitlines()[-1])
    # A file name with its content's hash, served with a year-long cache by whitenoise.
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", served["url"])
    assert served["status"] == 200
    collected_file = tmp_path / "static" / served["url"].removeprefix("/static/")
    assert served["size"] == collected_file.stat().st_size > 0
    assert "immutable" in served["cache"] and "max-age=" in served["cache"]
