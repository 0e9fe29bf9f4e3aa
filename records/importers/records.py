"""Records in the canonical shape of the import format, read from the site.

The exporter writes these records, and the importer compares them with the cleaned records of a
file to decide whether anything changed: one shape for both keeps a round trip exact and makes a
second import of the same file a no-op.
"""

import html
import re

from django.utils.html import escape

from core.vocabularies import Place

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
LINE_ENDS = re.compile(r"\s*[\r\n]+\s*")
BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>", re.IGNORECASE)
LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
LIST_ITEM = re.compile(r"<li[^>]*>", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")


def normalise_line(text):
    """One line: line breaks become spaces, outer spaces go."""
    return LINE_ENDS.sub(" ", text).strip()


def normalise_text(text):
    """Plain text with Unix line ends, trailing spaces and outer blank lines removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def paragraphs(text):
    """Split plain text into paragraphs (blank line between), each a list of non-empty lines."""
    result = []
    for chunk in PARAGRAPH_BREAK.split(normalise_text(text)):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if lines:
            result.append(lines)
    return result


def normalise_paragraphs(text):
    return "\n\n".join("\n".join(lines) for lines in paragraphs(text))


def text_to_rich_text(text):
    """Plain paragraphs as rich text HTML; every character is escaped, so no markup gets in."""
    return "".join(
        "<p>" + "<br/>".join(escape(line) for line in lines) + "</p>" for lines in paragraphs(text)
    )


def rich_text_to_text(value):
    """Rich text HTML back to plain paragraphs; headings and list items become paragraphs."""
    source = LIST_ITEM.sub("<li>- ", LINE_BREAK.sub("\n", str(value)))
    source = BLOCK_END.sub("\n\n", source)
    return normalise_paragraphs(html.unescape(TAG.sub("", source)))


def iso(value):
    return value.isoformat() if value else None


def ordered_places(places):
    order = {place: index for index, place in enumerate(Place.values)}
    return sorted(dict.fromkeys(places), key=lambda place: order.get(place, len(order)))


def sorted_names(names):
    return sorted(names, key=lambda name: (name.casefold(), name))


# Text is read back through the same normalising the importer applies to a file, so text typed in
# the admin (with Windows line ends or stray spaces) compares equal to the same text in a file.
line, text, paras = normalise_line, normalise_text, normalise_paragraphs


def theme_record(theme):
    return {
        "name": theme.name,
        "description": paras(theme.description),
        "what_we_know": paras(theme.what_we_know),
        "what_to_try": paras(theme.what_to_try),
        "gaps": paras(theme.gaps),
    }


def mentor_record(mentor):
    return {
        "name": line(mentor.name),
        "email": mentor.email,
        "organisation": line(mentor.organisation),
    }


def cohort_record(page):
    """The cohort's own fields; fellows and projects are read separately."""
    return {
        "slug": page.slug,
        "title": line(page.title),
        "programme": line(page.programme),
        "strand": line(page.strand),
        "year": page.year,
        "start_date": iso(page.start_date),
        "end_date": iso(page.end_date),
        "summary": paras(page.summary),
    }


def fellow_record(fellow):
    return {
        "slug": fellow.slug,
        "name": line(fellow.name),
        "job_title": line(fellow.job_title),
        "organisation": line(fellow.organisation),
        "place": fellow.place,
        "bio": paras(fellow.bio),
        "email": fellow.email.strip().lower(),
    }


def finding_record(finding):
    return {
        "headline": line(finding.headline),
        "detail": paras(finding.detail),
        "evidence_type": finding.evidence_type,
        "confidence": finding.confidence,
        "recommendation": paras(finding.recommendation),
        "themes": sorted_names(theme.name for theme in finding.themes.all()),
        "participants": finding.participants,
        "setting": finding.setting,
        "fieldwork_start": iso(finding.fieldwork_start),
        "fieldwork_end": iso(finding.fieldwork_end),
        # A check without its day (or its mentor, since deleted) is no check: both or neither.
        "checked_by": finding.checked_by.email if finding.checked_by_name else "",
        "checked_at": iso(finding.checked_at) if finding.checked_by_name else None,
    }


def section_blocks(body):
    """The raw section blocks of a write-up, in order; other block types are not in the format."""
    return [block for block in body.raw_data if block["type"] == "section"]


def project_record(page, live):
    """A project from a page object, usually the latest revision; ``live`` is the page's own state."""
    return {
        "slug": page.slug,
        "title": line(page.title),
        "summary": text(page.summary),
        "fellows": sorted(fellow.slug for fellow in page.fellows.all()),
        "mentors": sorted(mentor.email for mentor in page.mentors.all()),
        "places": ordered_places(page.places or []),
        "status": page.status,
        "start_date": iso(page.start_date),
        "end_date": iso(page.end_date),
        "themes": sorted_names(theme.name for theme in page.themes.all()),
        "content_note": line(page.content_note),
        "sections": [
            {
                "heading": line(block["value"].get("heading", "")),
                "text": rich_text_to_text(block["value"].get("body", "")),
            }
            for block in section_blocks(page.body)
        ],
        "findings": [finding_record(finding) for finding in page.findings.all()],
        "links": [{"title": line(link.title), "url": link.url} for link in page.links.all()],
        "live": live,
    }


def event_record(page):
    """The event's own fields; sessions are read separately."""
    return {
        "slug": page.slug,
        "title": line(page.title),
        "start_date": iso(page.start_date),
        "end_date": iso(page.end_date),
        "format": page.format,
        "summary": paras(page.summary),
    }


def session_record(session):
    return {
        "title": line(session.title),
        "date": iso(session.date),
        "format": session.format,
        "summary": paras(session.summary),
        "speakers": [line(speaker) for speaker in session.speaker_list],
        "projects": sorted(project.slug for project in session.projects.all()),
        "recording_url": session.recording_url,
    }
