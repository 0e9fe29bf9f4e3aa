"""The home page's Knowledge Exchange, registered with ``core.home`` by ``EventsConfig``."""

from events.models import EventPage


def event(page, request):
    return page.featured_event(EventPage.objects.live().public())
