"""How to cite a project or one of its findings: BibTeX, RIS and CSL-JSON files, and schema.org
JSON-LD for its page.

Every format is built from the project's live database row, never from a draft revision, and
carries only public fields: title, fellows' names, summary, themes, dates and address. The year is
the project's own (when the work was done), not the day it went on the site, and the address is
the canonical public one from settings, whatever host the request came in on.
"""

import json
import re

from django.conf import settings
from django.urls import reverse

from wagtail.models import Site

PUBLISHER = "Improving Population Health Fellowship, West Yorkshire"

# Characters that BibTeX treats as commands or grouping, written so they print literally.
_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIBTEX_PATTERN = re.compile("|".join(re.escape(c) for c in _BIBTEX_SPECIALS))

# Escaping <, > and & as JSON unicode escapes keeps "</script>" from closing the script element.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def one_line(text):
    """Collapse all whitespace, so no value can start a new field in a line-based format."""
    return " ".join(str(text or "").split())


def bibtex_escape(text):
    return _BIBTEX_PATTERN.sub(lambda m: _BIBTEX_SPECIALS[m.group()], one_line(text))


def split_name(name):
    """("Family", "Given") for a fellow's name; a one-word name is all family name."""
    parts = one_line(name).rsplit(" ", 1)
    return (parts[1], parts[0]) if len(parts) == 2 else (parts[0], "")


def public_address(path):
    """``path`` on the site's canonical public address.

    ``WAGTAILADMIN_BASE_URL`` says where the site is served (``make run`` and production both set
    it); the default Site's root is only a fallback, since a Site record left over from another
    setup (``localhost``) would otherwise end up in every citation.
    """
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    if not base:
        site = Site.objects.filter(is_default_site=True).first()
        base = site.root_url if site else ""
    return base.rstrip("/") + path


def project_year(project):
    """The year of the work: when the project ended, or began, or its cohort's year.

    The day it was published on the site is no guide: a 2023 project put online in 2026 is
    still 2023's work.
    """
    for day in (project.end_date, project.start_date):
        if day:
            return day.year
    cohort = project.get_parent().specific
    return getattr(cohort, "year", None) or (
        project.first_published_at.year if project.first_published_at else None
    )


def page_path(page, request=None):
    """The page's path on its site, without scheme or host."""
    return page.get_url_parts(request)[2]


class Citation:
    """The public facts needed to cite one live project, read once from the database."""

    def __init__(self, project, request=None):
        self.project = project
        self.title = one_line(project.title)
        self.summary = one_line(project.summary)
        self.authors = [fellow.name for fellow in project.fellows.order_by("name")]
        self.themes = [theme.name for theme in project.themes.order_by("name")]
        self.published = project.first_published_at
        self.modified = project.last_published_at
        self.work_year = project_year(project)
        self.url = public_address(page_path(project, request))
        self.key = f"fellowship{project.pk}"

    @property
    def year(self):
        return str(self.work_year) if self.work_year else ""

    @property
    def sentence(self):
        """A plain citation to copy, in the author-date style most readers expect."""
        authors = ", ".join(self.authors) or PUBLISHER
        year = f" ({self.year})" if self.year else ""
        # A title that already ends a sentence ("...trauma aware?") takes no extra full stop.
        title = self.title if self.title.endswith((".", "?", "!")) else f"{self.title}."
        return f"{authors}{year}. {title} {PUBLISHER}. Available at: {self.url}"

    def bibtex(self):
        fields = [
            ("author", " and ".join(_bibtex_name(name) for name in self.authors)),
            ("title", bibtex_escape(self.title)),
            ("year", self.year),
            ("publisher", bibtex_escape(PUBLISHER)),
            ("howpublished", "\\url{" + bibtex_escape(self.url) + "}"),
            ("abstract", bibtex_escape(self.summary)),
            ("keywords", bibtex_escape(", ".join(self.themes))),
            *self.bibtex_part_of(),
        ]
        lines = [f"@misc{{{self.key},"]
        lines += [f"  {name} = {{{value}}}," for name, value in fields if value]
        lines.append("}")
        return "\n".join(lines) + "\n"

    def ris(self):
        lines = [("TY", "GEN")]
        for name in self.authors:
            family, given = split_name(name)
            lines.append(("AU", f"{family}, {given}" if given else family))
        lines.append(("TI", self.title))
        lines += self.ris_part_of()
        if self.year:
            lines.append(("PY", self.year))
        lines += [("PB", PUBLISHER), ("UR", self.url), ("AB", self.summary)]
        lines += [("KW", one_line(theme)) for theme in self.themes]
        lines.append(("ER", ""))
        return "\r\n".join(f"{tag}  - {value}".rstrip() for tag, value in lines) + "\r\n"

    def csl(self):
        item = {
            "id": self.key,
            "type": "report",
            "title": self.title,
            "author": [_csl_name(name) for name in self.authors],
            "publisher": PUBLISHER,
            "URL": self.url,
            "abstract": self.summary,
            "keyword": ", ".join(self.themes),
        }
        item.update(self.csl_part_of())
        if self.work_year:
            item["issued"] = {"date-parts": [[self.work_year]]}
        return [item]

    def json_ld(self):
        data = {
            "@context": "https://schema.org",
            "@type": "ScholarlyArticle",
            "headline": self.title,
            "name": self.title,
            "description": self.summary,
            "url": self.url,
            "author": [{"@type": "Person", "name": name} for name in self.authors],
            "publisher": {"@type": "Organization", "name": PUBLISHER},
            "keywords": self.themes,
            "inLanguage": "en-GB",
            "isPartOf": {"@type": "WebSite", "name": settings.WAGTAIL_SITE_NAME},
        }
        if self.work_year:
            data["dateCreated"] = self.year
        if self.published:
            data["datePublished"] = self.published.isoformat()
        if self.modified:
            data["dateModified"] = self.modified.isoformat()
        return data

    # What a finding's citation adds: the project it is part of.

    def bibtex_part_of(self):
        return []

    def ris_part_of(self):
        return []

    def csl_part_of(self):
        return {}


class FindingCitation(Citation):
    """The public facts needed to cite one finding of a live project, as part of that project."""

    def __init__(self, finding, request=None):
        super().__init__(finding.page, request)
        self.finding = finding
        self.project_title = self.title
        self.project_url = self.url
        self.title = one_line(finding.headline)
        self.summary = one_line(finding.detail) or self.summary
        self.themes = [theme.name for theme in finding.all_themes]
        self.url = public_address(reverse("finding_permalink", args=[finding.pk]))
        self.key = f"fellowship{finding.page_id}finding{finding.pk}"

    @property
    def sentence(self):
        authors = ", ".join(self.authors) or PUBLISHER
        year = f" ({self.year})" if self.year else ""
        title, project = (
            text if text.endswith((".", "?", "!")) else f"{text}."
            for text in (self.title, self.project_title)
        )
        return (
            f"{authors}{year}. {title} Finding of: {project} {PUBLISHER}. Available at: {self.url}"
        )

    def bibtex_part_of(self):
        return [("note", "Finding of: " + bibtex_escape(self.project_title))]

    def ris_part_of(self):
        return [("T2", self.project_title)]

    def csl_part_of(self):
        return {"container-title": self.project_title}

    def json_ld(self):
        data = super().json_ld()
        data["@type"] = "CreativeWork"
        data["isPartOf"] = {
            "@type": "ScholarlyArticle",
            "name": self.project_title,
            "url": self.project_url,
            "isPartOf": {"@type": "WebSite", "name": settings.WAGTAIL_SITE_NAME},
        }
        if self.finding.page.content_note:
            # The page keeps the detail behind its content note; so does its description.
            data["description"] = self.title
        return data


def _bibtex_name(name):
    family, given = split_name(name)
    family, given = bibtex_escape(family), bibtex_escape(given)
    return f"{{{family}}}, {given}" if given else f"{{{family}}}"


def _csl_name(name):
    family, given = split_name(name)
    return {"family": family, "given": given} if given else {"literal": family}


def json_for_script(data):
    """JSON safe inside an HTML <script> element, whatever text the data holds."""
    return json.dumps(data, ensure_ascii=False, indent=2).translate(_JSON_SCRIPT_ESCAPES)
