from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    """Roles, the mentor review workflow and its notification emails."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "reviews"
    verbose_name = "Reviews"

    def ready(self):
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from core.page_permissions import reviewed_admin_title
        from reviews import rating_checks
        from reviews.comments import store_comments_once_on_every_page_type
        from reviews.permissions import FellowshipPagePermissionPolicy
        from reviews.signal_handlers import register_signal_handlers

        register_permission_policy(Page, FellowshipPagePermissionPolicy(Page))
        # Wagtail reads the admin title of plain Page objects as often as of each page type's
        # own, so the rule is installed once on Page, where every page type inherits it.
        if not getattr(Page.get_admin_display_title, "reviewed", False):
            Page.get_admin_display_title = reviewed_admin_title(Page.get_admin_display_title)
        store_comments_once_on_every_page_type()
        register_signal_handlers()
        rating_checks.register_signal_handlers()
