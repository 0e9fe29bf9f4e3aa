from django.apps import AppConfig


class ImpactConfig(AppConfig):
    """What happened after the fellowship: follow-ups, the impact figures, the evaluation export."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "impact"
    verbose_name = "Impact"

    def ready(self):
        from impact import unmet_searches
        from search.found_nothing import search_found_nothing

        search_found_nothing.connect(unmet_searches.record, dispatch_uid="impact.unmet_searches")
