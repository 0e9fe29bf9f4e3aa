"""The checklist a fellow reads before submitting a project to their mentor.

Shown at the top of the editor and again on the submit step, so that the fellow can act on it
while the draft is still theirs to change. It reads the draft as last saved. Nothing here blocks
saving or submitting: the mentor has the last word. Plain-language hints appear only for the
texts that fall short; a text that reads well gets no line at all.
"""

from dataclasses import dataclass, field

from projects.readability import (
    LONG_SENTENCE,
    analyse,
    hint,
    sensitive_words,
    stream_text,
)

# A finding's headline is one sentence; the same limit as any sentence in plain English.
HEADLINE_MAX_WORDS = LONG_SENTENCE
HEADLINE_HELP = (
    f"One sentence of up to {HEADLINE_MAX_WORDS} words that says what you found, e.g. 'Warm, "
    "plain-language letters reduced missed appointments.' Put what supports it in the detail."
)


@dataclass(frozen=True)
class Check:
    """One line of the checklist: what is asked, whether the draft does it, and how to fix it.

    ``advice`` is shown only while the check is not done.
    """

    label: str
    done: bool
    advice: list = field(default_factory=list)


@dataclass(frozen=True)
class Checklist:
    """The checks every project must pass, and the writing hints for texts that fall short."""

    checks: list
    hints: list

    @property
    def ready(self):
        return all(check.done for check in self.checks)

    @property
    def outstanding(self):
        return [check for check in self.checks if not check.done]


def headline_hint(headline):
    """Advice when a finding's headline is more than one short sentence, else None."""
    result = analyse(headline)
    if result.sentences <= 1 and result.words <= HEADLINE_MAX_WORDS:
        return None
    return (
        f"The headline has {result.words} words in {result.sentences} "
        f"sentence{'s' if result.sentences != 1 else ''}: keep it to one sentence of up to "
        f"{HEADLINE_MAX_WORDS} words and put the rest in the detail."
    )


def project_texts(page):
    """The title, summary, write-up and findings of ``page``, as the editor holds them."""
    texts = [page.title, page.summary, stream_text(page.body)]
    for finding in page.findings.all():
        texts += [finding.headline, finding.detail, finding.recommendation]
    return texts


def _quoted(words):
    return ", ".join(f"'{word}'" for word in words[:5])


def _content_note_check(page):
    words = sensitive_words(*project_texts(page))
    if not words:
        return None
    if (page.content_note or "").strip():
        return Check("A content note, since the project mentions distressing subjects", True)
    return Check(
        "A content note, since the project mentions distressing subjects",
        False,
        [
            f"The project mentions {_quoted(words)}. Add a short content note on the Content "
            "tab, such as 'Discusses domestic abuse', so that readers can choose whether to "
            "continue."
        ],
    )


def build(page):
    """The checklist for ``page`` (a project as the editor holds it)."""
    findings = list(page.findings.all())
    rating_advice = [
        f"Finding {number}: {problem}"
        for number, finding in enumerate(findings, start=1)
        for problem in finding.rating_problems
    ]
    checks = [
        Check(
            "A summary",
            bool((page.summary or "").strip()),
            ["Say in a few short sentences what the project looked at and why."],
        ),
        Check(
            "At least one finding",
            bool(findings),
            ["Add a finding under 'Findings': one sentence that says what you found."],
        ),
    ]
    if findings:
        checks.append(
            Check("Each finding's rating fits its evidence", not rating_advice, rating_advice)
        )
    note = _content_note_check(page)
    if note is not None:
        checks.append(note)
    return Checklist(checks=checks, hints=writing_hints(page, findings))


def writing_hints(page, findings=None):
    """Plain-language hints, only for the texts that would read better rewritten."""
    findings = list(page.findings.all()) if findings is None else findings
    hints = []
    summary_hint = hint(page.summary)
    if summary_hint:
        hints.append(f"Summary: {summary_hint}")
    for number, finding in enumerate(findings, start=1):
        for part, advice in (
            ("headline", headline_hint(finding.headline)),
            ("detail", hint(finding.detail)),
        ):
            if advice:
                hints.append(f"Finding {number}, {part}: {advice}")
    return hints
