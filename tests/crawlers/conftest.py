"""Projects in the states a crawler must or must not see: the reuse tests' own fixtures."""

from tests.reuse.conftest import draft_project, private_project, project, theme  # noqa: F401
