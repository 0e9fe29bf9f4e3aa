from django.apps import AppConfig


class TrackingConfig(AppConfig):
    """The fellowship year: milestones, mentor check-ins and the programme team's tracker."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "tracking"
    verbose_name = "Tracking"

    def ready(self):
        from tracking.milestones import register_signal_handlers

        register_signal_handlers()
