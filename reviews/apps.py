from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    """Roles, the mentor review workflow and its notification emails."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "reviews"
    verbose_name = "Reviews"

    def ready(self):
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from reviews.permissions import FellowshipPagePermissionPolicy
        from reviews.signal_handlers import register_signal_handlers

        register_permission_policy(Page, FellowshipPagePermissionPolicy(Page))
        register_signal_handlers()
