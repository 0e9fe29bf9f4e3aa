"""``search_index rebuild``, ``status`` and ``sync``: the Elasticsearch indices of the site, or
with ``--database`` the database backend's own full-text index."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from elasticsearch import ApiError, TransportError

from search.client import rebuild_client
from search.documents import DOCUMENTS, SCHEMA_VERSION
from search.indexing import indices_behind, rebuild, schema_versions


class Command(BaseCommand):
    """Rebuild the search indices with no moment of empty results, or report on them; with
    ``--database``, the full-text index the database backend searches."""

    help = (
        "rebuild: build new indices of projects and findings and switch searches to them; "
        "status: show which index each alias points at and whether it matches the database; "
        "sync: replay the live updates that failed while the server was unavailable. "
        "With --database: rebuild or report on the database's own full-text index instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status", "sync"])
        parser.add_argument(
            "--database",
            action="store_true",
            help="act on the full-text index in the database (SQLite FTS5 or PostgreSQL), "
            "which database search reads",
        )

    def handle(self, action, database=False, **options):
        if database:
            if action == "sync":
                raise CommandError(
                    "The database's index is updated as each change is saved: there is nothing "
                    "to sync. Use `search_index rebuild --database` to write it again."
                )
            getattr(self, f"database_{action}")()
            return
        if not settings.ELASTICSEARCH_URL:
            raise CommandError(
                "ELASTICSEARCH_URL is not set, so search runs on the database and has no "
                "Elasticsearch index to build. Set it to the address of an Elasticsearch 8 "
                "server, or use `search_index rebuild --database` for the database's own index."
            )
        client = rebuild_client()
        try:
            client.cluster.health(timeout="5s")
            getattr(self, action)(client)
        except (ApiError, TransportError) as error:
            raise CommandError(
                f"Elasticsearch at {settings.ELASTICSEARCH_URL} did not answer as expected: {error}"
            ) from error
        finally:
            client.close()

    def rebuild(self, client):
        for document in DOCUMENTS:
            label = document.alias_suffix.capitalize()

            def progress(count, label=label):
                self.stdout.write(f"{label}: {count} indexed")

            name = rebuild(client, document, progress=progress)
            self.stdout.write(self.style.SUCCESS(f"{label}: searches now read {name}"))

    def status(self, client):
        for document in DOCUMENTS:
            label = document.alias_suffix.capitalize()
            in_database = document.get_queryset().count()
            indices = indices_behind(client, document.alias())
            if not indices:
                self.stdout.write(
                    self.style.WARNING(
                        f"{label}: no index yet ({in_database} in the database); "
                        "run `manage.py search_index rebuild`"
                    )
                )
                continue
            in_index = client.count(index=document.alias())["count"]
            line = f"{label}: {document.alias()} -> {', '.join(indices)}, {in_index} indexed, {in_database} in the database"
            if set(schema_versions(client, document.alias()).values()) != {SCHEMA_VERSION}:
                self.stdout.write(
                    self.style.WARNING(
                        f"{line} (built by an older version of the site: searches may miss "
                        "things until you run `manage.py search_index rebuild`)"
                    )
                )
                continue
            style = self.style.SUCCESS if in_index == in_database else self.style.WARNING
            self.stdout.write(style(line if in_index == in_database else f"{line} (out of date)"))

    def sync(self, client):
        from search.live import BATCH_SIZE, replay_pending
        from search.models import PendingIndexUpdate

        waiting = PendingIndexUpdate.objects.count()
        replayed = 0
        # Bounded by what was waiting at the start, so that updates failing meanwhile (the
        # server flapping) cannot keep this going for ever.
        for _batch in range(0, waiting, BATCH_SIZE):
            count = replay_pending(client, limit=BATCH_SIZE)
            if not count:
                break
            replayed += count
        self.stdout.write(self.style.SUCCESS(f"{replayed} pending update(s) replayed"))

    def database_rebuild(self):
        from search.backends.database.index import rebuild

        def progress(done, total):
            self.stdout.write(f"Projects: {done} of {total} indexed, with their findings")

        self.stdout.write(
            "Rebuilding the database search index; searches read the old one until it is done."
        )
        done = rebuild(progress=progress)
        self.stdout.write(
            self.style.SUCCESS(f"Database search index rebuilt: {done} projects and their findings")
        )

    def database_status(self):
        from search.backends.database.index import status

        report = status()
        for label in ("projects", "findings"):
            indexed, public = report[label]
            line = (
                f"{label.capitalize()}: {indexed} indexed, {public} live and public in the database"
            )
            if indexed == public:
                self.stdout.write(self.style.SUCCESS(line))
            else:
                self.stdout.write(
                    self.style.WARNING(
                        f"{line} (out of date: run `search_index rebuild --database`)"
                    )
                )
        for problem in report["problems"]:
            self.stdout.write(self.style.WARNING(f"Problem: {problem}"))
