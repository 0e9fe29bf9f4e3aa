"""The fixed vocabularies of the import format, defined once for models, forms, filters, import and search."""

from django.db import models


class Place(models.TextChoices):
    BRADFORD = "Bradford", "Bradford"
    CALDERDALE = "Calderdale", "Calderdale"
    KIRKLEES = "Kirklees", "Kirklees"
    LEEDS = "Leeds", "Leeds"
    WAKEFIELD = "Wakefield", "Wakefield"
    WEST_YORKSHIRE = "West Yorkshire", "West Yorkshire (region-wide)"


class Status(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    IN_PROGRESS = "in_progress", "In progress"
    WRITING_UP = "writing_up", "Writing up"
    COMPLETE = "complete", "Complete"


class EvidenceType(models.TextChoices):
    LIVED_EXPERIENCE = "lived_experience", "Lived experience"
    INTERVIEWS = "interviews", "Interviews"
    FOCUS_GROUPS = "focus_groups", "Focus groups"
    SURVEY = "survey", "Survey"
    SERVICE_DATA = "service_data", "Service data"
    LITERATURE_REVIEW = "literature_review", "Literature review"
    PRACTICE_REFLECTION = "practice_reflection", "Practice reflection"
    MIXED_METHODS = "mixed_methods", "Mixed methods"


class Confidence(models.TextChoices):
    EMERGING = "emerging", "Emerging"
    MODERATE = "moderate", "Moderate"
    STRONG = "strong", "Strong"


class EventFormat(models.TextChoices):
    ONLINE = "online", "Online"
    IN_PERSON = "in_person", "In person"
    HYBRID = "hybrid", "Hybrid"
