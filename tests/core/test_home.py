import datetime

from django.utils import timezone

from tests.factories import (
    CohortPageFactory,
    EventPageFactory,
    FindingFactory,
    ProjectPageFactory,
    ThemeFactory,
)


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def test_home_shows_the_soonest_upcoming_knowledge_exchange(client, home):
    EventPageFactory(
        title="Last year's exchange",
        start_date=days_from_today(-365),
        end_date=days_from_today(-363),
    )
    EventPageFactory(
        title="The exchange after next",
        start_date=days_from_today(200),
        end_date=days_from_today(202),
    )
    EventPageFactory(
        title="The next exchange", start_date=days_from_today(30), end_date=days_from_today(32)
    )
    html = client.get("/").content.decode()
    assert "The next exchange" in html
    assert "The exchange after next" not in html
    assert "Next Knowledge Exchange" in html


def test_home_falls_back_to_the_latest_past_knowledge_exchange(client, home):
    EventPageFactory(
        title="Older exchange", start_date=days_from_today(-700), end_date=days_from_today(-698)
    )
    EventPageFactory(
        title="Latest exchange", start_date=days_from_today(-30), end_date=days_from_today(-28)
    )
    html = client.get("/").content.decode()
    assert "Latest exchange" in html
    assert "Older exchange" not in html
    assert "Latest Knowledge Exchange" in html


def test_home_lists_the_findings_themes_and_cohorts_that_the_apps_above_core_provide(client, home):
    cohort = CohortPageFactory(title="Cohort of 2031", year=2031)
    theme = ThemeFactory(name="Belonging", slug="belonging")
    project = ProjectPageFactory(parent=cohort, title="Kinship care", themes=[theme])
    finding = FindingFactory(page=project, headline="Grandparents felt unheard.")

    context = client.get("/").context

    assert list(context["latest_findings"]) == [finding]
    assert list(context["themes"]) == [theme]
    assert list(context["cohorts"]) == [cohort]
    assert context["event"] is None
