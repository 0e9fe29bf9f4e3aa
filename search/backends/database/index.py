"""The database backend's full-text index: what it holds, how it is kept current and rebuilt.

One ``IndexEntry`` row per live, public project and per finding of one, with four weighted
columns of normalised words (``search.analysis.content_words``: accents folded, possessives
and stop words dropped), so that the index and the query share one analysis:

- A: a project's title, a finding's headline;
- B: a project's summary and themes, a finding's own themes;
- C: a project's write-up and places, a finding's detail and recommendation;
- D: a finding's project context: its project's title, summary, themes and places.

Through D a finding is found by what its project is about ("domestic abuse" finds the findings
of a project on domestic abuse that never repeat the words), weighted far below its own words
(``matching.WEIGHTS``), as the Elasticsearch documents carry ``project_title``,
``project_summary``, ``project_theme_names`` and ``project_place_names``. Anything that changes
those words writes the project's findings' entries again (``refresh_projects``).

Over those columns, built by the migration ``0004_database_text_index``:

- SQLite: an FTS5 table with external content (``search_text_fts``, content
  ``IndexEntry``), kept in step by triggers on the content table, so every write to an entry,
  cascades included, reaches the index in the same statement. External content rather than
  contentless: FTS5 can then rebuild itself from the entries (``'rebuild'``) and check itself
  (``'integrity-check'``), and the text is stored once, in a table the ORM can read.
- PostgreSQL: ``vector``, a stored generated ``tsvector`` column (weights A to D) with a GIN
  index. It uses the ``simple`` configuration: the words are already analysed, and the
  query's British stems (``search.analysis.stem``) are matched as prefixes, which is the
  British stemming the site uses everywhere; PostgreSQL ships no British configuration, and its
  ``english`` one would read "police" and "policy" as one word.

Entries are written in the same transaction as the change (``refresh_projects``,
``refresh_findings``, called from ``search.signals``), as Wagtail keeps its own database index:
a search never sees a change without its index entry. Only live, public content is written;
searches filter on live and public too, so a stale entry can cost a hit but never show a
draft or a private page.
"""

from django.db import connection, transaction

from search.analysis import content_words

FTS_TABLE = "search_text_fts"
ENTRY_TABLE = "fellowship_search_indexentry"
# Rows written per INSERT during a rebuild.
BATCH_SIZE = 500


def normalise(*texts):
    """The words of ``texts`` as the index holds them: one space between analysed words."""
    return " ".join(w for text in texts if text for w in content_words(str(text)))


def _body_text(project):
    from projects.models import ProjectPage

    field = ProjectPage._meta.get_field("body")
    return " ".join(str(s) for s in field.get_searchable_content(project.body) if s)


def _themes_by_object(through, ids):
    names = {pk: [] for pk in ids}
    if ids:
        for object_id, name in through.objects.filter(content_object_id__in=list(ids)).values_list(
            "content_object_id", "tag__name"
        ):
            names[object_id].append(name)
    return names


def _place_names(project):
    # "West Yorkshire (region-wide)" rather than the stored value, as the Elasticsearch
    # documents index it.
    from core.vocabularies import Place

    return [Place(p).label if p in Place.values else p for p in project.places or []]


def _public_projects(ids=None):
    from search.public import public_projects

    projects = public_projects()
    return projects if ids is None else projects.filter(pk__in=list(ids))


def _entries(projects, findings_of=None):
    """``IndexEntry`` objects (unsaved) for these projects and their findings.

    ``findings_of`` limits the findings written to these ids (all the projects' findings when
    None); the projects' own entries are written only when it is None.
    """
    from projects.models import Finding, FindingTheme, ProjectPageTheme
    from search.models import IndexEntry

    projects = {p.pk: p for p in projects}
    project_themes = _themes_by_object(ProjectPageTheme, projects)
    findings = Finding.objects.filter(page_id__in=list(projects))
    if findings_of is not None:
        findings = findings.filter(pk__in=list(findings_of))
    findings = list(findings.order_by("pk"))
    finding_themes = _themes_by_object(FindingTheme, [f.pk for f in findings])
    context = {}
    entries = []
    for pk, project in projects.items():
        themes = " ".join(project_themes[pk])
        places = " ".join(_place_names(project))
        context[pk] = normalise(project.title, project.summary, themes, places)
        if findings_of is None:
            entries.append(
                IndexEntry(
                    page_id=pk,
                    a=normalise(project.title),
                    b=normalise(project.summary, themes),
                    c=normalise(_body_text(project), places),
                )
            )
    for finding in findings:
        entries.append(
            IndexEntry(
                finding_id=finding.pk,
                a=normalise(finding.headline),
                b=normalise(*finding_themes[finding.pk]),
                c=normalise(finding.detail, finding.recommendation),
                d=context[finding.page_id],
            )
        )
    return entries


def refresh_projects(ids):
    """Write again the entries of these projects and all their findings (removing those no
    longer live and public)."""
    from search.models import IndexEntry

    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return
    with transaction.atomic():
        IndexEntry.objects.filter(page_id__in=ids).delete()
        IndexEntry.objects.filter(finding__page_id__in=ids).delete()
        IndexEntry.objects.bulk_create(_entries(_public_projects(ids)), batch_size=BATCH_SIZE)


def refresh_findings(ids):
    """Write again the entries of these findings (removing those no longer public)."""
    from projects.models import Finding
    from search.models import IndexEntry

    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return
    with transaction.atomic():
        IndexEntry.objects.filter(finding_id__in=ids).delete()
        project_ids = set(Finding.objects.filter(pk__in=ids).values_list("page_id", flat=True))
        entries = _entries(_public_projects(project_ids), findings_of=ids)
        IndexEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)


def rebuild(progress=None):
    """Write every entry again from the site, in one transaction: interrupted, it leaves the
    index as it was. ``progress(done, total)`` is called after each batch of projects."""
    from search.models import IndexEntry

    projects = _public_projects().order_by("pk")
    total = projects.count()
    done = 0
    with transaction.atomic():
        IndexEntry.objects.all().delete()
        if connection.vendor == "sqlite":
            # Made again too: a migration that rebuilds the entries' table drops its triggers.
            with connection.cursor() as cursor:
                for statement in SQLITE_DROP + SQLITE_CREATE:
                    cursor.execute(statement)
        elif connection.vendor == "postgresql":
            # The words are only ever added to by the index's triggers: a rebuild starts them
            # afresh, and adds the trigram index if pg_trgm has been installed since.
            with connection.cursor() as cursor:
                # Not there yet when the migration that made the index first fills it.
                cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [WORD_TABLE])
                has_words = cursor.fetchone()[0]
                if has_words:
                    cursor.execute(f"DELETE FROM {WORD_TABLE}")
            if has_words:
                add_trigram_index(connection)
        ids = list(projects.values_list("pk", flat=True))
        for start in range(0, len(ids), 100):
            batch = projects.filter(pk__in=ids[start : start + 100])
            IndexEntry.objects.bulk_create(_entries(batch), batch_size=BATCH_SIZE)
            done += len(ids[start : start + 100])
            if progress:
                progress(done, total)
    return done


def status():
    """What the index holds and what it should: ``{"projects": (indexed, public), "findings":
    (indexed, public), "problems": [...]}``."""
    from projects.models import Finding
    from search.models import IndexEntry

    problems = []
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [ENTRY_TABLE],
            )
            if cursor.fetchone()[0] != 3:
                problems.append(
                    "the triggers that keep the full-text table in step are missing: "
                    "run `manage.py search_index rebuild`"
                )
            try:
                cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES('integrity-check')")
            except Exception as error:  # noqa: BLE001 - reported, whatever SQLite says
                problems.append(f"the full-text table does not match the entries ({error})")
    return {
        "projects": (
            IndexEntry.objects.filter(page__isnull=False).count(),
            _public_projects().count(),
        ),
        "findings": (
            IndexEntry.objects.filter(finding__isnull=False).count(),
            Finding.objects.public().count(),
        ),
        "problems": problems,
    }


# The index itself, created by the migration ----------------------------------------------------

SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(a, b, c, d, content='{ENTRY_TABLE}', "
    "content_rowid='id', prefix='3 4 5', tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER search_text_ai AFTER INSERT ON {ENTRY_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, a, b, c, d) VALUES (new.id, new.a, new.b, new.c, new.d); END",
    f"CREATE TRIGGER search_text_ad AFTER DELETE ON {ENTRY_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, a, b, c, d) "
    f"VALUES ('delete', old.id, old.a, old.b, old.c, old.d); END",
    f"CREATE TRIGGER search_text_au AFTER UPDATE ON {ENTRY_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, a, b, c, d) "
    f"VALUES ('delete', old.id, old.a, old.b, old.c, old.d); "
    f"INSERT INTO {FTS_TABLE}(rowid, a, b, c, d) VALUES (new.id, new.a, new.b, new.c, new.d); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_text_au",
    "DROP TRIGGER IF EXISTS search_text_ad",
    "DROP TRIGGER IF EXISTS search_text_ai",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]
POSTGRESQL_CREATE = [
    f"ALTER TABLE {ENTRY_TABLE} ADD COLUMN vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, a), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, b), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, c), 'C') || "
    "setweight(to_tsvector('simple'::regconfig, d), 'D')) STORED",
    f"CREATE INDEX search_text_vector ON {ENTRY_TABLE} USING gin (vector)",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS search_text_vector",
    f"ALTER TABLE {ENTRY_TABLE} DROP COLUMN IF EXISTS vector",
]


# The words of the index, for spelling suggestions (``search.backends.database.suggestions``) ---
# Made from the index, never from the site's tables, so they are the words of live, public
# content only. SQLite's FTS5 lists its own terms; PostgreSQL keeps them in a table filled by
# triggers (words are never taken out there, so a suggestion checks its word is still in the
# index), with a trigram index when the pg_trgm extension can be had.

VOCAB_TABLE = "search_text_vocab"
WORD_TABLE = "search_text_word"
TRIGRAM_INDEX = "search_text_word_trigram"

SQLITE_VOCAB_CREATE = [f"CREATE VIRTUAL TABLE {VOCAB_TABLE} USING fts5vocab({FTS_TABLE}, 'row')"]
SQLITE_VOCAB_DROP = [f"DROP TABLE IF EXISTS {VOCAB_TABLE}"]
_ADD_WORDS = (
    f"INSERT INTO {WORD_TABLE} (word) SELECT DISTINCT unnest(tsvector_to_array(vector)) "
    "FROM {source} ON CONFLICT DO NOTHING"
)
POSTGRESQL_VOCAB_CREATE = [
    f"CREATE TABLE {WORD_TABLE} (word text PRIMARY KEY)",
    "CREATE FUNCTION search_text_words_added() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    + _ADD_WORDS.format(source="added")
    + "; RETURN NULL; END $$",
    f"CREATE TRIGGER search_text_words_ai AFTER INSERT ON {ENTRY_TABLE} REFERENCING NEW TABLE "
    "AS added FOR EACH STATEMENT EXECUTE FUNCTION search_text_words_added()",
    f"CREATE TRIGGER search_text_words_au AFTER UPDATE ON {ENTRY_TABLE} REFERENCING NEW TABLE "
    "AS added FOR EACH STATEMENT EXECUTE FUNCTION search_text_words_added()",
    _ADD_WORDS.format(source=ENTRY_TABLE),
]
POSTGRESQL_VOCAB_DROP = [
    f"DROP TRIGGER IF EXISTS search_text_words_au ON {ENTRY_TABLE}",
    f"DROP TRIGGER IF EXISTS search_text_words_ai ON {ENTRY_TABLE}",
    "DROP FUNCTION IF EXISTS search_text_words_added()",
    f"DROP TABLE IF EXISTS {WORD_TABLE}",
]
POSTGRESQL_TRIGRAM_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON {WORD_TABLE} USING gin (word gin_trgm_ops)",
]


def add_trigram_index(connection):
    """Enable pg_trgm and index the words by trigrams; False (and nothing changed) when the
    database will not allow it. Suggestions then compare words of similar length instead,
    and the system check ``fellowship_search.W002`` says so."""
    from django.db import DatabaseError

    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            for statement in POSTGRESQL_TRIGRAM_CREATE:
                cursor.execute(statement)
    except DatabaseError:
        return False
    return True


def has_trigram_index(connection):
    """Whether PostgreSQL's words have their trigram index (and so pg_trgm is there)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [TRIGRAM_INDEX])
        return cursor.fetchone() is not None
