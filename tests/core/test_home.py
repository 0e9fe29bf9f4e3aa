import datetime

from django.utils import timezone

from tests.factories import EventPageFactory


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
