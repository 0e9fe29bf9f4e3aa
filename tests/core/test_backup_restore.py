"""scripts/backup and scripts/restore, run for real against the database the suite runs on.

The default run backs up and restores SQLite; the run under scripts/services/with-services does
the same with PostgreSQL's pg_dump and pg_restore (and the ``postgres`` test checks the dump
itself). The scripts run in other processes and see only committed data, so these tests commit to the
test database (``transaction=True``); the database's first contents are put back afterwards for
the tests that follow.
"""

import io
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import connection

from wagtail.documents.models import Document
from wagtail.images.models import Image

import pytest
from PIL import Image as PILImage

from projects.models import ProjectPage
from tests.factories import CohortPageFactory, FindingFactory, ProjectPageFactory
from tests.processes import child_environment

ROOT = Path(__file__).resolve().parents[2]
BACKUP = ROOT / "scripts" / "backup"
RESTORE = ROOT / "scripts" / "restore"
HEADLINE = "Warm letters halved missed appointments in the backup."
TITLE_QUERY = "SELECT title FROM wagtailcore_page WHERE slug = 'warm-letters-kept'"


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 3), (200, 30, 90)).save(buffer, format="PNG")
    return buffer.getvalue()


class Databases:
    """The test database as a source for the scripts, and fresh empty databases to restore into."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.vendor = connection.vendor
        self.created = []

    def source_url(self):
        """The address of the test database as another process sees it."""
        if self.vendor == "sqlite":
            # The test database lives in this process's memory: the scripts get a copy of it.
            path = self.tmp_path / "site.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(path)
            connection.connection.backup(target)
            target.close()
            return f"sqlite:///{path}"
        return self._postgres_url(connection.settings_dict["NAME"])

    def fresh_url(self):
        """A new, empty database."""
        if self.vendor == "sqlite":
            return f"sqlite:///{self.tmp_path / f'fresh-{uuid.uuid4().hex[:8]}.sqlite3'}"
        name = f"restore_{uuid.uuid4().hex[:10]}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return self._postgres_url(name)

    def execute(self, url, sql):
        """Run one statement in the database at ``url`` and return the first row it gives."""
        if self.vendor == "sqlite":
            with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
                return db.execute(sql).fetchone()
        import psycopg

        with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as db:
            cursor = db.execute(sql)
            return cursor.fetchone() if cursor.description else None

    def tables(self, url):
        """The names of the tables in the database at ``url``."""
        if self.vendor == "sqlite":
            with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
                rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                return {name for (name,) in rows}
        import psycopg

        with psycopg.connect(url.replace("postgres://", "postgresql://")) as db:
            rows = db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            return {name for (name,) in rows}

    def _postgres_url(self, name):
        s = connection.settings_dict
        return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{name}"

    def drop_created(self):
        with connection.cursor() as cursor:
            for name in self.created:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(script, *args, database_url, media_root, check=True):
    env = child_environment(
        ("ELASTICSEARCH_URL", "DATABASE_URL", "MEDIA_ROOT"),
        DJANGO_SETTINGS_MODULE="fellowship.settings.dev",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
        PYTHON=sys.executable,
    )
    result = subprocess.run(
        [str(script), *map(str, args)], env=env, capture_output=True, text=True, timeout=60
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def serve(path, database_url, media_root):
    """Fetch ``path`` from the site running on the database at ``database_url``."""
    code = (
        "import json; from django.test import Client; "
        "from projects.models import Finding, ProjectPage; "
        "page = ProjectPage.objects.get(slug='warm-letters-kept'); "
        f"response = Client().get({path!r}, HTTP_HOST='localhost'); "
        "print('RESULT', json.dumps({'status': response.status_code, "
        "'body': response.content.decode(), 'title': page.title, "
        "'findings': Finding.objects.filter(page=page).count()}))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k != "ELASTICSEARCH_URL"},
            "DJANGO_SETTINGS_MODULE": "fellowship.settings.dev",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(media_root),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


COMMITTED = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(scope="module", autouse=True)
def _first_contents_afterwards(django_db_setup, django_db_blocker):
    # A transactional test ends by emptying the database; the next one with serialized_rollback
    # refills it, but later tests that only borrow the database (the demo's) need it refilled now.
    yield
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents:
        with django_db_blocker.unblock():
            connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def site_content(tmp_path, settings):
    """A live cohort and project with a finding, an image and a document, committed."""
    databases = Databases(tmp_path)
    cohort = CohortPageFactory(title="Class of 2031", slug="class-of-2031", year=2031)
    project = ProjectPageFactory(parent=cohort, title="Warm letters kept", slug="warm-letters-kept")
    FindingFactory(page=project, headline=HEADLINE)
    project.save_revision().publish()
    project.refresh_from_db()
    image = Image.objects.create(
        title="Letter photo", file=ImageFile(io.BytesIO(png_bytes()), name="letter.png")
    )
    document = Document.objects.create(
        title="Letter template",
        file=ContentFile(b"Dear colleague,\nA kinder letter.\n", name="letter.txt"),
    )
    media = Path(settings.MEDIA_ROOT)
    files = {
        path.relative_to(media): path.read_bytes() for path in media.rglob("*") if path.is_file()
    }
    try:
        yield {
            "databases": databases,
            "project": project,
            "image": image,
            "document": document,
            "media": media,
            "files": files,
        }
    finally:
        databases.drop_created()


def media_files(media):
    return {
        path.relative_to(media): path.read_bytes() for path in media.rglob("*") if path.is_file()
    }


def change_everything(content):
    """What a bad day does after the backup: an edit published, a finding and a file gone."""
    project = ProjectPage.objects.get(pk=content["project"].pk)
    project.title = "Renamed after the backup"
    project.findings.all().delete()
    project.save_revision().publish()
    Path(content["document"].file.path).write_bytes(b"overwritten")
    Path(content["image"].file.path).unlink()


@COMMITTED
def test_backup_then_restore_into_a_fresh_database_brings_everything_back(site_content, tmp_path):
    content, databases = site_content, site_content["databases"]
    assert len(content["files"]) == 2
    source = databases.source_url()
    backup = run(BACKUP, tmp_path / "backups", database_url=source, media_root=content["media"])
    archive = Path(backup.stdout.strip().splitlines()[-1])
    assert archive.parent == tmp_path / "backups"
    assert archive.name.startswith("fellowship-backup-") and archive.suffix == ".tar"
    # Personal data: readable by its owner alone.
    assert archive.stat().st_mode & 0o077 == 0

    change_everything(content)
    fresh = databases.fresh_url()
    restored_media = tmp_path / "restored-media"
    restore = run(RESTORE, archive, database_url=fresh, media_root=restored_media)

    assert "search_index rebuild" in restore.stderr
    assert media_files(restored_media) == content["files"]
    served = serve(content["project"].url, fresh, restored_media)
    assert served["status"] == 200
    assert served["title"] == "Warm letters kept"
    assert served["findings"] == 1
    assert HEADLINE in served["body"]


@COMMITTED
def test_restore_refuses_a_database_with_content_unless_told_to_replace_it(site_content, tmp_path):
    content, databases = site_content, site_content["databases"]
    source = databases.source_url()
    backup = run(BACKUP, tmp_path / "backups", database_url=source, media_root=content["media"])
    archive = Path(backup.stdout.strip().splitlines()[-1])
    # A database and media directory in use: restoring must not touch them unless told to.
    target = databases.fresh_url()
    databases.execute(target, "CREATE TABLE left_behind (note VARCHAR(20))")
    databases.execute(target, "INSERT INTO left_behind VALUES ('from before')")
    target_media = tmp_path / "target-media"
    target_media.mkdir()
    (target_media / "stray.txt").write_text("not in the backup")

    refused = run(RESTORE, archive, database_url=target, media_root=target_media, check=False)
    assert refused.returncode != 0
    assert "is not empty" in refused.stderr and "--yes" in refused.stderr
    assert databases.execute(target, "SELECT note FROM left_behind") == ("from before",)
    assert (target_media / "stray.txt").exists()

    run(RESTORE, archive, "--yes", database_url=target, media_root=target_media)

    assert databases.execute(target, TITLE_QUERY) == ("Warm letters kept",)
    assert databases.tables(target) >= {"wagtailcore_page", "projects_finding"}
    assert "left_behind" not in databases.tables(target)
    assert media_files(target_media) == content["files"]


@pytest.mark.parametrize(
    ("archive_bytes", "message"),
    [
        (b"not a tar file at all", "is not a readable backup archive"),
        (None, "there is no backup archive"),
    ],
)
def test_restore_explains_a_bad_archive_and_fails(tmp_path, archive_bytes, message):
    archive = tmp_path / "backup.tar"
    if archive_bytes is not None:
        archive.write_bytes(archive_bytes)

    result = run(
        RESTORE,
        archive,
        database_url=f"sqlite:///{tmp_path / 'never.sqlite3'}",
        media_root=tmp_path / "media",
        check=False,
    )

    assert result.returncode != 0
    assert message in result.stderr
    assert not (tmp_path / "never.sqlite3").exists()


@COMMITTED
@pytest.mark.postgres
def test_postgres_backup_is_a_custom_format_dump_of_the_same_server_version(site_content, tmp_path):
    content, databases = site_content, site_content["databases"]
    assert databases.vendor == "postgresql"
    backup = run(
        BACKUP,
        tmp_path / "backups",
        database_url=databases.source_url(),
        media_root=content["media"],
    )
    server_major = connection.pg_version // 10000
    archive = Path(backup.stdout.strip().splitlines()[-1])
    assert f"/usr/lib/postgresql/{server_major}/bin/pg_dump" in backup.stderr
    extract = tmp_path / "extract"
    extract.mkdir()
    subprocess.run(["tar", "-C", extract, "-xf", archive], check=True)
    (dump,) = extract.glob("fellowship-backup-*/database.pgdump")
    assert dump.read_bytes()[:5] == b"PGDMP"
    listing = subprocess.run(
        [f"/usr/lib/postgresql/{server_major}/bin/pg_restore", "--list", dump],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "TABLE DATA public wagtailcore_page" in listing.stdout
