"""What the deployment files promise: gunicorn behind nginx and whitenoise with PostgreSQL,
Elasticsearch and media on a volume. No Docker engine runs where the tests run, so the images are
not built here; the site is run the way the image runs it instead."""

import json
import re

from django.conf import settings

from tests.core.test_production_settings import production_environment, run_manage

COMPOSE = (settings.BASE_DIR / "docker-compose.yml").read_text()
DOCKERFILE = (settings.BASE_DIR / "Dockerfile").read_text()
NGINX_CONFIG = (settings.BASE_DIR / "deploy" / "nginx.conf").read_text()


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
    # The site waits for both to be healthy; none of them is published.
    assert "condition: service_healthy" in web
    for name in ("web", "db", "search"):
        assert "ports:" not in service(name), f"{name} is published past the proxy"


def test_compose_puts_a_reverse_proxy_in_front_and_trusts_exactly_it():
    proxy = service("proxy")
    assert re.search(r"image: nginx:\d+\.\d+", proxy)
    assert "./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in proxy
    # Only the proxy is published, on loopback, and it starts once the site is healthy.
    assert '"127.0.0.1:8000:80"' in proxy
    assert "condition: service_healthy" in proxy
    # One proxy in front, so the site believes one X-Forwarded-For entry and X-Forwarded-Proto.
    assert re.search(r"^\s+TRUSTED_PROXY_COUNT: 1$", service("web"), re.MULTILINE)


def test_the_proxy_passes_on_only_what_it_knows_itself():
    config = NGINX_CONFIG
    assert re.search(r"server web:8000;", config)
    assert "proxy_pass http://fellowship_web;" in config
    # It appends the address it received from, and states the scheme rather than passing the
    # visitor's own X-Forwarded-Proto on.
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in config
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in config
    assert "$http_x_forwarded_proto" not in config
    # Uploads as large as the site accepts get through.
    size = int(re.search(r"client_max_body_size (\d+)m;", config).group(1))
    assert size * 1024 * 1024 >= settings.WAGTAILDOCS_MAX_UPLOAD_SIZE


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
