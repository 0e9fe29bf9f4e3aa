"""Atom feeds of new findings, overall and per theme, from live public projects only."""

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks

from projects.models import Finding, ProjectPage, Theme

FEED_LENGTH = 50


def public_findings():
    """Findings of live public projects, most recently published first.

    Findings carry no date of their own, so the project's last publication stands in: a finding
    added to a project rises to the top when the project is published again.
    """
    return (
        Finding.objects.public()
        .select_related("page")
        .prefetch_related("page__fellows", "page__themes", "themes")
        .order_by("-page__last_published_at", "page_id", "sort_order")
    )


class FindingsFeed(Feed):
    """New findings across every project."""

    feed_type = Atom1Feed
    title = "Fellowship Hub: new findings"
    subtitle = (
        "New findings from Adversity, Trauma and Resilience projects of the Improving Population "
        "Health Fellowship, West Yorkshire."
    )

    def link(self):
        return "/"

    def feed_url(self):
        return reverse("reuse_findings_feed")

    def items(self):
        return public_findings()[:FEED_LENGTH]

    def item_title(self, finding):
        # Atom titles are plain text: readers show markup characters as written.
        return finding.headline

    def item_description(self, finding):
        # Atom summaries are HTML, so every fellow-written text is escaped before it goes in.
        parts = [f"<p>From the project <em>{escape(finding.page.title)}</em>.</p>"]
        if finding.page.content_note:
            parts.append(
                f"<p><strong>Content note:</strong> {escape(finding.page.content_note)}</p>"
            )
        if finding.detail:
            parts.append(linebreaks(escape(finding.detail)))
        if finding.recommendation:
            parts.append(f"<p><strong>For practice:</strong> {escape(finding.recommendation)}</p>")
        parts.append(
            f"<p>Evidence: {escape(finding.get_evidence_type_display())}. "
            f"Confidence: {escape(finding.get_confidence_display())}.</p>"
        )
        return "\n".join(parts)

    def item_link(self, finding):
        return finding.get_permalink()

    def item_guid(self, finding):
        return f"tag:fellowship-hub,finding:{finding.key}"

    item_guid_is_permalink = False

    def item_pubdate(self, finding):
        return finding.page.first_published_at

    def item_updateddate(self, finding):
        return finding.page.last_published_at

    def item_author_name(self, finding):
        return ", ".join(fellow.name for fellow in finding.page.fellows.all()) or None

    def item_categories(self, finding):
        return [theme.name for theme in finding.all_themes]


class ThemeFindingsFeed(FindingsFeed):
    """New findings on one theme, whether the finding or its project carries the theme."""

    def get_object(self, request, slug):
        theme = get_object_or_404(Theme, slug=slug)
        # As on the theme's page: a theme named only on drafts would reveal unpublished work.
        on_public_work = (
            ProjectPage.objects.live().public().filter(themes=theme).exists()
            or self._findings(theme).exists()
        )
        if not theme.description and not on_public_work:
            raise Http404("No published findings on this theme yet.")
        return theme

    def _findings(self, theme):
        return public_findings().filter(Q(themes=theme) | Q(page__themes=theme)).distinct()

    def title(self, theme):
        return f"Fellowship Hub: new findings on {theme.name}"

    def subtitle(self, theme):
        return f"New findings on the theme '{theme.name}'."

    def link(self, theme):
        return theme.get_absolute_url()

    def feed_url(self, theme):
        return reverse("reuse_theme_feed", kwargs={"slug": theme.slug})

    def items(self, theme):
        return self._findings(theme)[:FEED_LENGTH]
