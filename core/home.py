"""What the home page shows from the apps above core.

``core`` is the bottom layer and imports no app of the domain, yet its home page lists their latest
findings, themes, cohorts and next Knowledge Exchange. Each of those apps registers its part here
from its ``AppConfig.ready``, and ``HomePage.get_context`` asks every part in turn.
"""

_sections = {}


def register(name, section):
    """Have ``section(page, request)`` give the home page's context its value for ``name``."""
    _sections[name] = section


def context_for(page, request):
    """The home page's context from every registered part, in the order they were registered."""
    return {name: section(page, request) for name, section in _sections.items()}
