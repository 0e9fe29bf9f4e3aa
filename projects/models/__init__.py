from projects.models.findings import Finding, FindingQuerySet, new_finding_key
from projects.models.pages import ProjectLink, ProjectPage
from projects.models.themes import FindingTheme, ProjectPageTheme, Theme

__all__ = [
    "Finding",
    "FindingQuerySet",
    "FindingTheme",
    "ProjectLink",
    "ProjectPage",
    "ProjectPageTheme",
    "Theme",
    "new_finding_key",
]
