"""How to cite a project: BibTeX, RIS and CSL-JSON files, and schema.org JSON-LD for its page.

Every format is built from the project's live database row, never from a draft revision, and
carries only public fields: title, fellows' names, summary, themes, dates and address.
"""

import json
import re

from django.conf import settings

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
        self.url = project.get_full_url(request)
        self.key = f"fellowship{project.pk}"

    @property
    def year(self):
        return str(self.published.year) if self.published else ""

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
        if self.year:
            lines.append(("PY", self.year))
            lines.append(("DA", self.published.strftime("%Y/%m/%d")))
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
        if self.published:
            item["issued"] = {"date-parts": [[self.published.year, self.published.month]]}
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
        if self.published:
            data["datePublished"] = self.published.isoformat()
        if self.modified:
            data["dateModified"] = self.modified.isoformat()
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
