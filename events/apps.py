from django.apps import AppConfig


class EventsConfig(AppConfig):
    """Knowledge Exchange events and their sessions."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "events"

    def ready(self):
        from core import home
        from events import home as events_home

        home.register("event", events_home.event)
