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


class Setting(models.TextChoices):
    """Where a finding's fieldwork took place: the kind of service or place, not the town."""

    EARLY_YEARS = "early_years", "Early years or nursery"
    SCHOOL = "school", "School or college"
    HEALTH = "health", "Health service"
    MENTAL_HEALTH = "mental_health", "Mental health service"
    SOCIAL_CARE = "social_care", "Social care"
    POLICE_CUSTODY = "police_custody", "Police custody"
    POLICING = "policing", "Policing in the community"
    PRISON_PROBATION = "prison_probation", "Prison or probation"
    HOUSING = "housing", "Housing or homelessness service"
    COMMUNITY = "community", "Community or voluntary group"
    WORKPLACE = "workplace", "Workplace or staff team"
    SEVERAL = "several", "Several settings"


class EventFormat(models.TextChoices):
    ONLINE = "online", "Online"
    IN_PERSON = "in_person", "In person"
    HYBRID = "hybrid", "Hybrid"
