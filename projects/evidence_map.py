"""The evidence and gap map: published findings by theme and by evidence type or place, with the
strongest confidence in each cell and plain statements of what is missing.

Built once here for the public map (/evidence-map/) and the programme dashboard, so that both
count the same findings and state the same gaps. Only findings of live projects that anyone may
read count: the map shows the evidence the programme can point practitioners to today.

A finding belongs to its own themes and its project's themes, as on a theme's page, so one
finding can appear in several rows. Every map costs the same handful of queries however many
findings there are.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from core.vocabularies import Confidence, EvidenceType, Place
from projects import ratings
from projects.models import Finding, FindingTheme, ProjectPageTheme, Theme
from projects.theme_counts import theme_counts

NO_THEME = "No theme"

# The map's two views: what its columns are, and the search parameter that filters on them.
BY_EVIDENCE = "evidence"
BY_PLACE = "place"
VIEWS = {
    BY_EVIDENCE: {"label": "Evidence type", "choices": EvidenceType.choices},
    BY_PLACE: {"label": "Place", "choices": Place.choices},
}

# How each evidence type reads before "evidence": "no lived-experience evidence on ...".
EVIDENCE_ADJECTIVES = {
    EvidenceType.LIVED_EXPERIENCE: "lived-experience",
    EvidenceType.INTERVIEWS: "interview",
    EvidenceType.FOCUS_GROUPS: "focus-group",
    EvidenceType.SURVEY: "survey",
    EvidenceType.SERVICE_DATA: "service-data",
    EvidenceType.LITERATURE_REVIEW: "literature-review",
    EvidenceType.PRACTICE_REFLECTION: "practice-reflection",
    EvidenceType.MIXED_METHODS: "mixed-methods",
}

# A cell counts findings only, so its link asks search for findings only: without it the
# project pages on the theme would be counted too, and the numbers would disagree.
FINDING = "finding"

# Bubble sizes, smallest first; a cell's size is its count as a share of the fullest cell's.
SIZES = 4


def search_url(**params):
    """The search page filtered by ``params``; empty values are left out."""
    pairs = [(name, value) for name, value in params.items() if value]
    return f"{reverse('search')}?{urlencode(pairs)}"


def join_words(words, conjunction="or"):
    """Words joined as people write them: "a", "a or b", "a, b or c"."""
    words = list(words)
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


@dataclass
class Cell:
    """One theme and one column of the map: how many findings, and the strongest confidence."""

    count: int = 0
    strongest: str = ""
    url: str = ""  # the search for these findings; empty on the "No theme" row
    size: int = 0  # 1 to SIZES, 0 when empty

    def add(self, confidence):
        self.count += 1
        if ratings.CONFIDENCE_RANK.get(confidence, 0) > ratings.CONFIDENCE_RANK.get(
            self.strongest, 0
        ):
            self.strongest = confidence

    @property
    def level(self):
        return ratings.level(self.strongest)

    @property
    def strongest_label(self):
        return self.level.label if self.count and self.level else ""


@dataclass
class Row:
    """A theme's row on the map."""

    theme: str
    slug: str
    cells: list
    total: Cell = field(default_factory=Cell)
    columns: list = field(default_factory=list, repr=False)

    @property
    def pairs(self):
        """Each column with this row's cell in it."""
        return list(zip(self.columns, self.cells, strict=True))

    @property
    def is_gap(self):
        return self.total.count == 0

    @property
    def is_strong(self):
        return self.total.strongest == Confidence.STRONG


@dataclass
class Column:
    value: str
    label: str


@dataclass
class EvidenceMap:
    """A whole map: its columns, a row per theme, the number of findings and the gaps."""

    view: str
    columns: list
    rows: list
    findings: int
    gaps: list = field(default_factory=list)

    @property
    def column_label(self):
        return VIEWS[self.view]["label"]

    @property
    def strong_themes(self):
        return [r.theme for r in self.rows if r.is_strong and r.slug]

    @property
    def themed_rows(self):
        return [r for r in self.rows if r.slug]


def _public_findings():
    """(finding id, project id, evidence type, confidence, project places) of public findings,
    and every public finding's themes, its own and its project's."""
    findings = Finding.objects.public()
    rows = list(
        findings.values_list("pk", "page_id", "evidence_type", "confidence", "page__places")
    )
    themes = defaultdict(set)
    for finding_id, theme_id in FindingTheme.objects.filter(
        content_object__in=findings
    ).values_list("content_object_id", "tag_id"):
        themes["finding", finding_id].add(theme_id)
    for project_id, theme_id in ProjectPageTheme.objects.filter(
        content_object__in=findings.values("page_id")
    ).values_list("content_object_id", "tag_id"):
        themes["project", project_id].add(theme_id)
    return rows, themes


def _public_theme_ids():
    """Themes a member of the public may already see: on public work, or described by the
    programme team (the rule of a theme's own page)."""
    described = Theme.objects.exclude(description="").values_list("pk", flat=True)
    return set(theme_counts()) | set(described)


def build(view=BY_EVIDENCE, public_only=True):
    """The map for ``view`` (``BY_EVIDENCE`` or ``BY_PLACE``).

    With ``public_only`` only themes the public can already see get a row, so the map never
    names a theme used only on drafts; the programme team's dashboard passes False to see
    every theme, and every theme with nothing published is a gap.
    """
    if view not in VIEWS:
        view = BY_EVIDENCE
    columns = [Column(value, str(label)) for value, label in VIEWS[view]["choices"]]
    index = {column.value: i for i, column in enumerate(columns)}
    themes = Theme.objects.order_by("name")
    if public_only:
        themes = themes.filter(pk__in=_public_theme_ids())
    rows = {
        pk: Row(name, slug, [Cell() for _ in columns], columns=columns)
        for pk, name, slug in themes.values_list("pk", "name", "slug")
    }
    unthemed = Row(NO_THEME, "", [Cell() for _ in columns], columns=columns)

    findings, themes_of = _public_findings()
    for finding_id, project_id, evidence_type, confidence, places in findings:
        theme_ids = themes_of["finding", finding_id] | themes_of["project", project_id]
        targets = [rows[t] for t in theme_ids if t in rows] or [unthemed]
        values = [evidence_type] if view == BY_EVIDENCE else set(places or ())
        for row in targets:
            for value in values:
                if value in index:
                    row.cells[index[value]].add(confidence)
            row.total.add(confidence)

    ordered = list(rows.values())
    if unthemed.total.count:
        ordered.append(unthemed)
    fullest = max((c.count for r in ordered for c in r.cells), default=0)
    for row in ordered:
        for column, cell in zip(columns, row.cells, strict=True):
            cell.size = math.ceil(SIZES * cell.count / fullest) if cell.count else 0
            if row.slug and cell.count:
                cell.url = search_url(theme=row.slug, **{view: column.value}, kind=FINDING)
        if row.slug and row.total.count:
            row.total.url = search_url(theme=row.slug, kind=FINDING)
    evidence_map = EvidenceMap(view, columns, ordered, len(findings))
    evidence_map.gaps = gap_statements(evidence_map)
    return evidence_map


def _missing_phrase(view, columns):
    if view == BY_EVIDENCE:
        return f"{join_words(EVIDENCE_ADJECTIVES[c.value] for c in columns)} evidence"
    return f"findings from {join_words(c.label for c in columns)}"


def _only_phrase(view, columns):
    if view == BY_EVIDENCE:
        return f"come only from {join_words((c.label.lower() for c in columns), 'and')}"
    return f"come only from {join_words((c.label for c in columns), 'and')}"


def gap_statements(evidence_map):
    """Plain sentences about what the map lacks, worked out from its cells.

    Per theme: nothing published at all; or the kinds of evidence (or places) with nothing, said
    the shorter way round ("come only from interviews" when most are missing); and no finding
    rated strong. Then any column with nothing on any theme.
    """
    view, columns = evidence_map.view, evidence_map.columns
    statements = []
    for row in evidence_map.themed_rows:
        if row.is_gap:
            statements.append(f"No published findings on {row.theme} yet.")
            continue
        present = [c for c, cell in zip(columns, row.cells, strict=True) if cell.count]
        missing = [c for c, cell in zip(columns, row.cells, strict=True) if not cell.count]
        sentence = ""
        if missing and present and len(present) < len(missing):
            sentence = f"The findings on {row.theme} {_only_phrase(view, present)}"
            sentence += f": no {_missing_phrase(view, missing)} yet."
        elif missing:
            sentence = f"No {_missing_phrase(view, missing)} on {row.theme} yet."
        if not row.is_strong:
            best = row.total.strongest_label.lower()
            sentence = (
                f"{sentence} Nothing on {row.theme} is rated strong: the strongest is {best}."
            )
        if sentence:
            statements.append(sentence.strip())
    if evidence_map.findings:
        empty = [
            column
            for i, column in enumerate(columns)
            if not any(row.cells[i].count for row in evidence_map.rows)
        ]
        if empty:
            statements.append(f"No {_missing_phrase(view, empty)} on any theme yet.")
    return statements
