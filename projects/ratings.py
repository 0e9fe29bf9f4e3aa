"""The evidence rating of a finding: what each level means and which evidence can support it.

Defined once here and read by the public "How to read a finding" page, the rating shown beside
every finding, the editor's warnings and its live hint, so that all of them say the same thing.
"""

from dataclasses import dataclass

from core.vocabularies import Confidence, EvidenceType, Setting

# Fewer people or records than this cannot show something "seen consistently".
STRONG_MINIMUM_PARTICIPANTS = 10

# Higher is surer; used to put the strongest findings first.
CONFIDENCE_RANK = {Confidence.EMERGING: 1, Confidence.MODERATE: 2, Confidence.STRONG: 3}


@dataclass(frozen=True)
class Level:
    """One confidence level as the public reads it."""

    value: str
    label: str
    summary: str  # a few words, shown beside the rating
    meaning: str  # a sentence or two, shown on the "How to read a finding" page

    @property
    def rank(self):
        return CONFIDENCE_RANK[self.value]

    @property
    def anchor(self):
        return f"confidence-{self.value}"

    @property
    def icon(self):
        """The static file of the level's icon: one, two or three filled bars."""
        return f"img/rating-{self.value}.svg"


LEVELS = {
    Confidence.EMERGING: Level(
        Confidence.EMERGING,
        "Emerging",
        "early signs",
        "Early signs, seen once or by a few people. Worth knowing about and worth testing, but "
        "not yet something to build a service on.",
    ),
    Confidence.MODERATE: Level(
        Confidence.MODERATE,
        "Moderate",
        "seen more than once",
        "Seen more than once, or by several people, and it hangs together. A reasonable basis "
        "for trying something in your own service and watching what happens.",
    ),
    Confidence.STRONG: Level(
        Confidence.STRONG,
        "Strong",
        "seen consistently",
        "Seen consistently, from several sources or across many people or records. You can "
        "lean on it, while checking that your setting is like the one studied.",
    ),
}

EVIDENCE = {
    EvidenceType.LIVED_EXPERIENCE: "What people who have lived through adversity or used a service "
    "told the fellow about their own lives, in their own words.",
    EvidenceType.INTERVIEWS: "One-to-one conversations, usually with staff, people who use a "
    "service or their families, written up and compared.",
    EvidenceType.FOCUS_GROUPS: "Small groups talking a question through together, so that "
    "people can agree, disagree and build on each other's views.",
    EvidenceType.SURVEY: "The same questions asked of many people, on paper or online, and the "
    "answers counted.",
    EvidenceType.SERVICE_DATA: "Records a service already keeps, such as attendance, referrals or "
    "waiting times, counted before and after a change or between groups.",
    EvidenceType.LITERATURE_REVIEW: "What published research and reports already say, gathered "
    "and weighed by the fellow.",
    EvidenceType.PRACTICE_REFLECTION: "The fellow's own careful reflection on their work and what "
    "they noticed changing. Valuable, but one person's view.",
    EvidenceType.MIXED_METHODS: "Several of the kinds above together, such as service data with "
    "interviews, so that each checks the others.",
}

# The confidence each kind of evidence can support on its own. One person's reflection cannot
# show something seen consistently from several sources, however careful it is.
STRONGEST_SUPPORTED = {evidence: Confidence.STRONG for evidence in EvidenceType.values} | {
    EvidenceType.PRACTICE_REFLECTION: Confidence.MODERATE
}


def level(confidence):
    """The ``Level`` for a confidence value, or None for an empty or unknown one."""
    return LEVELS.get(confidence)


def evidence_label(evidence_type):
    return dict(EvidenceType.choices).get(evidence_type, evidence_type or "")


def setting_label(setting):
    return dict(Setting.choices).get(setting, setting or "")


def fits(evidence_type, confidence):
    """Whether ``evidence_type`` on its own can support ``confidence``."""
    strongest = STRONGEST_SUPPORTED.get(evidence_type)
    if strongest is None or confidence not in CONFIDENCE_RANK:
        return True
    return CONFIDENCE_RANK[confidence] <= CONFIDENCE_RANK[strongest]


def mismatch_message(evidence_type, confidence):
    """Why ``confidence`` does not fit ``evidence_type``, in plain words, or None if it fits."""
    if fits(evidence_type, confidence):
        return None
    strongest = LEVELS[STRONGEST_SUPPORTED[evidence_type]]
    return (
        f"'{LEVELS[confidence].label}' does not fit evidence from "
        f"{evidence_label(evidence_type).lower()} alone: it can support "
        f"'{strongest.label.lower()}' at most. Choose '{strongest.label}', or choose 'Mixed "
        "methods' if other evidence supports this finding too."
    )


def few_participants_message(confidence, participants):
    """Why ``confidence`` does not fit so few participants or records, or None if it fits."""
    if confidence != Confidence.STRONG or participants is None:
        return None
    if participants >= STRONG_MINIMUM_PARTICIPANTS:
        return None
    return (
        f"'Strong' means seen consistently across many people or records, and this finding "
        f"has {participants}. Choose 'Moderate' or 'Emerging', or give the number of "
        f"participants or records if it is {STRONG_MINIMUM_PARTICIPANTS} or more."
    )


def rating_problems(evidence_type, confidence, participants=None):
    """Every reason the rating does not fit the evidence behind it; empty when it fits."""
    problems = [
        mismatch_message(evidence_type, confidence),
        few_participants_message(confidence, participants),
    ]
    return [problem for problem in problems if problem]


def confidence_help_text():
    """The editor's help for the confidence field, in the key's own words."""
    levels = " ".join(f"{level.label}: {level.summary}." for level in LEVELS.values())
    limited = " or ".join(
        evidence_label(value).lower() for value in EvidenceType.values if not fits(value, "strong")
    )
    return (
        f"How sure you are. {levels} Evidence from {limited} alone cannot be strong. Your mentor "
        "checks the rating before the project is published."
    )


def editor_rules():
    """The rules as plain data for the editor's live hint, with every message already written."""
    return {
        "mismatch": {
            evidence: {
                confidence: message
                for confidence in Confidence.values
                if (message := mismatch_message(evidence, confidence))
            }
            for evidence in EvidenceType.values
        },
        "strongMinimumParticipants": STRONG_MINIMUM_PARTICIPANTS,
        "fewParticipants": {
            str(n): few_participants_message(Confidence.STRONG, n)
            for n in range(STRONG_MINIMUM_PARTICIPANTS)
        },
    }
