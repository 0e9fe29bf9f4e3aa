"""The demo accounts the browser tests sign in with (``seed_demo`` creates them)."""

FELLOW = ("zara.iqbal@example.org", "demo-fellow")
MENTOR = ("joanne.whitaker@example.org", "demo-mentor")
PROGRAMME_TEAM = ("kate.marsden@example.org", "demo-programme")
