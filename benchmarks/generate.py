"""Fill an empty site with synthetic cohorts, fellows, projects and findings for benchmarking.

    DJANGO_SETTINGS_MODULE=fellowship.settings.test \\
        .venv/bin/python benchmarks/generate.py --findings 10000

Everything is published and public, reads like the programme's own material (ACEs, trauma
informed practice, belonging, custody, schools, Kirklees, Leeds...) and is the same for the same
``--seed``. It is fast because it writes rows in bulk: cohorts are ordinary published pages, but
project pages get their tree paths computed here and are inserted a few hundred at a time, and
findings, themes and fellows go in with ``bulk_create``. Project pages get no revisions (a live
page needs none to be seen or searched); Wagtail's own search index is filled in bulk at the end.
"""

import argparse
import logging
import os
import random
import sys
import time
import uuid
import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BATCH = 500

STRANDS = [
    ("atr", "Adversity, Trauma and Resilience"),
    ("phm", "Population Health Management"),
    ("hi", "Health Inequalities"),
    ("cyp", "Children and Young People's Mental Health"),
]
THEMES = [
    "Adverse childhood experiences",
    "Trauma informed practice",
    "Belonging",
    "Zero tolerance",
    "Custody",
    "Schools",
    "School exclusion",
    "Youth justice",
    "Domestic abuse",
    "Housing and homelessness",
    "Mental health",
    "Relational practice",
    "Lived experience",
    "Violence reduction",
    "Policing",
    "Early help",
    "Children and young people",
    "Substance use",
    "Parenting",
    "Resilience",
    "Workforce wellbeing",
    "Health inequalities",
    "Community assets",
    "Neglect",
    "Racism and discrimination",
    "Trauma informed communications",
    "Sport and physical activity",
    "Poverty",
    "Care leavers",
    "Primary care",
    "Maternity",
    "Social prescribing",
]
FIRST_NAMES = (
    "Aisha Amir Ben Bilal Chloe Claire Daniel Deborah Ellie Farah Fatima Gareth Grace Hannah "
    "Harpreet Imran Jack James Jasmine Joanne Kamran Katie Laura Liam Mohammed Nadia Naomi Owen "
    "Priya Rachel Rebecca Sadia Sam Sarah Shabana Simon Sophie Tariq Tom Yasmin Zainab"
).split()
LAST_NAMES = (
    "Ahmed Akhtar Atkinson Begum Bibi Booth Brooke Clarke Dawson Ellis Fletcher Haigh Hussain "
    "Iqbal Jackson Kaur Khan Lees Mahmood Moss Noble Oldroyd Patel Pickles Rashid Riaz Shaw Singh "
    "Smith Sutcliffe Taylor Walker Whiteley Wood Wright Yousaf"
).split()
ROLES = [
    ("Headteacher", "a primary school in {place}"),
    ("Designated safeguarding lead", "a secondary academy in {place}"),
    ("Custody sergeant", "West Yorkshire Police"),
    ("Police inspector", "West Yorkshire Police"),
    ("Youth justice worker", "{place} Youth Justice Service"),
    ("Public health registrar", "{place} Council"),
    ("Health visitor", "Locala Health and Wellbeing"),
    ("Mental health nurse", "South West Yorkshire Partnership NHS Foundation Trust"),
    ("Housing officer", "{place} Council"),
    ("Social worker", "{place} Children's Services"),
    ("GP", "a practice in {place}"),
    ("Probation officer", "The Probation Service"),
    ("Programme manager", "West Yorkshire Violence Reduction Partnership"),
    ("Community development worker", "a voluntary organisation in {place}"),
]
SETTINGS = [
    "primary schools",
    "secondary schools",
    "police custody suites",
    "youth justice teams",
    "early help hubs",
    "GP practices",
    "children's homes",
    "housing services",
    "A&E departments",
    "family hubs",
    "pupil referral units",
    "community mental health teams",
    "probation offices",
    "women's refuges",
]
PEOPLE = [
    "children and young people",
    "care leavers",
    "parents",
    "young people in custody",
    "families on low incomes",
    "pupils at risk of exclusion",
    "women who have experienced domestic abuse",
    "young carers",
    "people experiencing homelessness",
    "asylum-seeking families",
    "boys excluded from school",
    "frontline staff",
]
PRACTICES = [
    "trauma informed practice",
    "relational approaches",
    "ACE-aware conversations",
    "restorative practice",
    "a zero tolerance behaviour policy",
    "nurture groups",
    "peer mentoring",
    "trauma informed letters",
    "routine enquiry about adverse childhood experiences",
    "reflective supervision",
    "navigator roles in custody",
    "a whole-school approach to belonging",
    "co-produced safety plans",
    "sport-based youth work",
    "joint home visits",
]
OUTCOMES = [
    "reduced missed appointments",
    "made young people feel they belonged",
    "cut repeat exclusions",
    "helped staff recognise the behaviours that follow trauma",
    "improved trust between families and services",
    "shortened the time young people spent in custody",
    "lowered staff sickness absence",
    "made referrals to early help more appropriate",
    "increased engagement with mental health support",
    "reduced the use of restraint",
    "helped organisations share information safely",
    "led to fewer repeat calls to the police",
]
OBSTACLES = [
    "high staff turnover",
    "short-term funding",
    "a culture of zero tolerance",
    "thresholds for children's social care",
    "waiting lists for CAMHS",
    "worries about sharing data",
    "the language of official letters",
    "a lack of time for reflection",
]
ANGLES = [
    "what practitioners told us",
    "lessons from a pilot",
    "listening to lived experience",
    "a realist evaluation",
    "mapping the system",
    "what changed and why",
]
SECTION_HEADINGS = [
    "Why we looked at this",
    "What we did",
    "Who we spoke to",
    "What we learned",
    "What happens next",
]


@dataclass
class Counts:
    """What one run created."""

    cohorts: int = 0
    fellows: int = 0
    projects: int = 0
    findings: int = 0
    themes: int = 0
    seconds: float = 0.0


class Writer:
    """Sentences in the programme's voice, all drawn from one seeded random generator."""

    def __init__(self, rng):
        self.rng = rng

    def pick(self, items):
        return self.rng.choice(items)

    def place(self):
        from core.vocabularies import Place

        return self.pick([p for p in Place.values if p != Place.WEST_YORKSHIRE])

    def project_title(self, place):
        practice = self.pick(PRACTICES)
        return f"{practice[0].upper()}{practice[1:]} in {place} {self.pick(SETTINGS)}: {self.pick(ANGLES)}"

    def summary(self, place):
        text = (
            f"We looked at how {self.pick(PRACTICES)} works for {self.pick(PEOPLE)} in "
            f"{self.pick(SETTINGS)} across {place}. Many of the people we met had lived through "
            f"adverse childhood experiences (ACEs), and {self.pick(OBSTACLES)} often got in the "
            f"way. We worked with {self.pick(SETTINGS)} and the Violence Reduction Partnership to "
            f"test small changes and hear what {self.pick(PEOPLE)} thought of them."
        )
        return text[:600]

    def paragraph(self, place):
        sentences = [
            f"Staff in {self.pick(SETTINGS)} in {place} described {self.pick(OBSTACLES)} as the "
            f"main barrier to {self.pick(PRACTICES)}.",
            f"We ran workshops with {self.pick(PEOPLE)} and listened to their stories of trauma, "
            f"resilience and belonging.",
            f"Where {self.pick(PRACTICES)} was in place, practitioners said it "
            f"{self.pick(OUTCOMES)}.",
            f"Partners in {self.place()} and {self.place()} shared data from {self.pick(SETTINGS)}.",
            f"The behaviours schools saw were often a response to trauma rather than defiance, "
            f"and a zero tolerance approach left {self.pick(PEOPLE)} feeling pushed out.",
        ]
        self.rng.shuffle(sentences)
        return " ".join(sentences[: self.rng.randint(3, 5)])

    def body(self, place):
        sections = []
        for heading in self.rng.sample(SECTION_HEADINGS, self.rng.randint(2, 4)):
            paragraphs = "".join(
                f"<p>{self.paragraph(place)}</p>" for _ in range(self.rng.randint(1, 2))
            )
            sections.append(
                {
                    "type": "section",
                    "value": {"heading": heading, "body": paragraphs},
                    "id": str(self.uuid()),
                }
            )
        return sections

    def headline(self, place):
        forms = [
            f"{self.cap(self.pick(PRACTICES))} {self.pick(OUTCOMES)} in {place} {self.pick(SETTINGS)}.",
            f"{self.cap(self.pick(PEOPLE))} said {self.pick(PRACTICES)} {self.pick(OUTCOMES)}.",
            f"{self.cap(self.pick(OBSTACLES))} held back {self.pick(PRACTICES)} in {self.pick(SETTINGS)}.",
            f"Asking about ACEs in {self.pick(SETTINGS)} {self.pick(OUTCOMES)}.",
        ]
        return self.pick(forms)[:255]

    def detail(self, place):
        return (
            f"In {self.rng.randint(6, 40)} interviews and {self.rng.randint(2, 8)} focus groups in "
            f"{place}, {self.pick(PEOPLE)} and staff from {self.pick(SETTINGS)} described how "
            f"{self.pick(PRACTICES)} {self.pick(OUTCOMES)}. Several linked this to feeling safe "
            f"and believed; others pointed to {self.pick(OBSTACLES)}."
        )

    def recommendation(self):
        return (
            f"Commissioners and leaders in {self.pick(SETTINGS)} could adopt "
            f"{self.pick(PRACTICES)}, train staff to spot the effects of trauma, and review "
            f"{self.pick(OBSTACLES)} with {self.pick(PEOPLE)}."
        )

    @staticmethod
    def cap(text):
        return text[0].upper() + text[1:]

    def uuid(self):
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def name(self):
        return f"{self.pick(FIRST_NAMES)} {self.pick(LAST_NAMES)}"


def _step(number):
    """A treebeard path step (base 36, four characters), as Wagtail's ``add_child`` writes it."""
    from wagtail.models import Page

    return Page._int2str(number).rjust(Page.steplen, "0")


def _cohort_plan(projects):
    """How many cohorts, so that a cohort holds a few dozen projects (at most 60 cohorts)."""
    return max(3, min(60, projects // 40))


def _project_sizes(rng, findings):
    """Findings per project: 4 to 12, adding up to exactly ``findings``."""
    sizes, left = [], findings
    while left > 0:
        size = min(left, rng.randint(4, 12))
        sizes.append(size)
        left -= size
    return sizes


def _themes():
    from projects.models import Theme

    existing = {t.name.casefold(): t for t in Theme.objects.all()}
    missing = [
        Theme(name=name, slug=_slugify(name)) for name in THEMES if name.casefold() not in existing
    ]
    Theme.objects.bulk_create(missing)
    by_name = {t.name.casefold(): t for t in Theme.objects.all()}
    return [by_name[name.casefold()] for name in THEMES], len(missing)


def _slugify(text):
    from django.utils.text import slugify

    return slugify(text)


def _cohorts(writer, count, progress):
    from cohorts.models import CohortIndexPage, CohortPage

    index = CohortIndexPage.objects.get()
    cohorts = []
    for i in range(count):
        code, strand = STRANDS[i % len(STRANDS)]
        year = 2025 - i // len(STRANDS)
        cohort = CohortPage(
            title=f"Class of {year}: {strand}",
            slug=f"class-of-{year}-{code}",
            year=year,
            strand=strand,
            start_date=date(year, 9, 1),
            end_date=date(year + 1, 7, 31),
            summary=f"The {year} cohort of the {strand} strand: practitioners from across "
            "West Yorkshire who each led a project in their own service.",
        )
        index.add_child(instance=cohort)
        cohort.save_revision().publish()
        cohorts.append(cohort)
    progress(f"{count} cohorts")
    return cohorts


def _fellows(writer, cohort, count, start):
    from cohorts.models import Fellow

    fellows = []
    for n in range(count):
        name = writer.name()
        place = writer.place()
        role, organisation = writer.pick(ROLES)
        fellows.append(
            Fellow(
                slug=f"{_slugify(name)}-{start + n}",
                name=name,
                cohort=cohort,
                job_title=role,
                organisation=organisation.format(place=place),
                place=place,
                bio=f"{name} works as a {role.lower()} in {place}.\n\nTheir project looked at "
                f"{writer.pick(PRACTICES)} for {writer.pick(PEOPLE)}.",
            )
        )
    return Fellow.objects.bulk_create(fellows, batch_size=BATCH)


def _insert_project_pages(pages):
    """Insert project pages a batch at a time: their ``wagtailcore_page`` rows, then their own.

    Django's ``bulk_create`` refuses multi-table models, so the base rows are bulk-created as
    ``Page`` and the project rows are written through the same batched insert it uses.
    """
    from django.db import router

    from wagtail.models import Page

    from projects.models import ProjectPage

    Page.objects.bulk_create(pages, batch_size=BATCH)
    for page in pages:
        page.page_ptr_id = page.id
        page._state.adding = False
    fields = [f for f in ProjectPage._meta.local_concrete_fields]
    queryset = ProjectPage.objects.using(router.db_for_write(ProjectPage))
    queryset._for_write = True
    queryset._batched_insert(pages, fields, batch_size=BATCH)


def generate(findings, seed=1, progress=print):
    """Create ``findings`` findings in published projects, with cohorts, fellows and themes.

    Refuses to run on a site that already has projects: it adds, it never deletes.
    """
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from wagtail.models import Locale
    from wagtail.search.backends import get_search_backend

    from cohorts.models import Fellow
    from core.database import analyse
    from core.vocabularies import Confidence, EvidenceType, Place, Status
    from projects.models import Finding, FindingTheme, ProjectPage, ProjectPageTheme
    from search.backends.database.index import rebuild as rebuild_database_index

    if findings < 1:
        raise ValueError("Ask for at least one finding.")
    if ProjectPage.objects.exists():
        raise ValueError(
            "This site already has projects. Generate into an empty, migrated database "
            "(for example a new SQLite file named by DATABASE_URL)."
        )

    started = time.perf_counter()
    rng = random.Random(seed)
    writer = Writer(rng)
    counts = Counts()
    sizes = _project_sizes(rng, findings)
    evidence_types = EvidenceType.values
    confidences = Confidence.values
    statuses = Status.values
    status_weights = [1, 2, 2, 8]

    with transaction.atomic():
        themes, counts.themes = _themes()
        cohorts = _cohorts(writer, _cohort_plan(len(sizes)), progress)
        counts.cohorts = len(cohorts)
        content_type = ContentType.objects.get_for_model(ProjectPage)
        locale = Locale.get_default()
        per_cohort = [sizes[i :: len(cohorts)] for i in range(len(cohorts))]

        for cohort, cohort_sizes in zip(cohorts, per_cohort, strict=True):
            fellows = _fellows(writer, cohort, len(cohort_sizes), counts.fellows)
            counts.fellows += len(fellows)
            published = datetime(cohort.year + 1, 6, 1, tzinfo=UTC)
            pages, plans = [], []
            for n, size in enumerate(cohort_sizes):
                place = writer.place()
                title = writer.project_title(place)[:255]
                slug = f"{_slugify(title)[:70].rstrip('-')}-{counts.projects + n + 1}"
                when = published + timedelta(hours=rng.randint(0, 24 * 365))
                places = sorted({place} | {writer.place() for _ in range(rng.randint(0, 2))})
                if rng.random() < 0.1:
                    places.append(Place.WEST_YORKSHIRE)
                pages.append(
                    ProjectPage(
                        title=title,
                        draft_title=title,
                        slug=slug,
                        content_type=content_type,
                        locale=locale,
                        translation_key=writer.uuid(),
                        path=cohort.path + _step(n + 1),
                        depth=cohort.depth + 1,
                        numchild=0,
                        url_path=f"{cohort.url_path}{slug}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=when,
                        last_published_at=when,
                        summary=writer.summary(place),
                        places=places,
                        status=rng.choices(statuses, weights=status_weights)[0],
                        start_date=date(cohort.year, 10, 1),
                        end_date=date(cohort.year + 1, 7, 1),
                        body=writer.body(place),
                    )
                )
                plans.append((place, size))
            _insert_project_pages(pages)
            cohort.numchild = len(pages)
            cohort.save(update_fields=["numchild"])

            project_fellows, project_themes, rows, finding_theme_plan = [], [], [], []
            for n, (page, (place, size)) in enumerate(zip(pages, plans, strict=True)):
                chosen = {fellows[n]} | {rng.choice(fellows) for _ in range(rng.randint(0, 1))}
                project_fellows += [
                    ProjectPage.fellows.through(projectpage_id=page.pk, fellow_id=f.pk)
                    for f in chosen
                ]
                page_themes = rng.sample(themes, rng.randint(2, 4))
                project_themes += [
                    ProjectPageTheme(content_object_id=page.pk, tag_id=t.pk) for t in page_themes
                ]
                for position in range(size):
                    rows.append(
                        Finding(
                            page_id=page.pk,
                            sort_order=position,
                            key=f"{rng.getrandbits(32):08x}",
                            headline=writer.headline(place),
                            detail=writer.detail(place) if rng.random() < 0.9 else "",
                            recommendation=writer.recommendation() if rng.random() < 0.7 else "",
                            evidence_type=rng.choice(evidence_types),
                            confidence=rng.choice(confidences),
                        )
                    )
                    own = [t for t in rng.sample(themes, rng.randint(0, 2)) if t not in page_themes]
                    finding_theme_plan.append(own)
            ProjectPage.fellows.through.objects.bulk_create(project_fellows, batch_size=BATCH)
            ProjectPageTheme.objects.bulk_create(project_themes, batch_size=BATCH)
            Finding.objects.bulk_create(rows, batch_size=BATCH)
            FindingTheme.objects.bulk_create(
                [
                    FindingTheme(content_object_id=finding.pk, tag_id=theme.pk)
                    for finding, own in zip(rows, finding_theme_plan, strict=True)
                    for theme in own
                ],
                batch_size=BATCH,
            )
            counts.projects += len(pages)
            counts.findings += len(rows)
            progress(f"{counts.findings} findings in {counts.projects} projects")

    # Wagtail's own search indices (admin search, and project write-ups in database search),
    # as its signal handlers would have filled them, but a batch at a time.
    queryset = ProjectPage.get_indexed_objects().live().order_by("pk")
    for name in settings.WAGTAILSEARCH_BACKENDS:
        backend = get_search_backend(name)
        for start in range(0, counts.projects, BATCH):
            chunk = list(queryset[start : start + BATCH])
            with transaction.atomic():
                backend.add_bulk(ProjectPage, chunk)
        backend.add_bulk(Fellow, list(Fellow.objects.all()))
    progress(f"{counts.projects} projects in Wagtail's search index")
    # The database backend's own full-text index, which bulk_create's rows never reached.
    rebuild_database_index()
    progress(f"{counts.projects} projects in the database search index")
    analyse()
    counts.seconds = time.perf_counter() - started
    return counts


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--findings", type=int, required=True, help="how many findings (e.g. 1000, 10000, 100000)"
    )
    parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same site")
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fellowship.settings.test")
    import django

    django.setup()
    # Progress is this script's to report; the libraries' own notes would bury it.
    warnings.filterwarnings("ignore", message="No directory at")
    for name in ("wagtail",):
        logging.getLogger(name).setLevel(logging.WARNING)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    def progress(message):
        if not args.quiet:
            print(message, flush=True)

    try:
        counts = generate(args.findings, seed=args.seed, progress=progress)
    except ValueError as error:
        parser.exit(1, f"{error}\n")
    print(
        f"Created {counts.findings} findings in {counts.projects} projects, {counts.cohorts} "
        f"cohorts, {counts.fellows} fellows and {counts.themes} new themes in "
        f"{counts.seconds:.1f} s."
    )


if __name__ == "__main__":
    main()
