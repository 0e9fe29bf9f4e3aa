"""The public pages the browser tests visit: one of each type, with the demo content."""

ZERO_TOLERANCE = "/cohorts/class-of-2023/can-zero-tolerance-be-trauma-aware/"

# (name for the screenshot, address, expected status)
PAGES = [
    ("home", "/", 200),
    ("cohort-index", "/cohorts/", 200),
    ("cohort", "/cohorts/class-of-2023/", 200),
    ("project", "/cohorts/class-of-2023/trauma-informed-communications/", 200),
    ("project-content-note", ZERO_TOLERANCE, 200),
    ("project-content-note-continued", f"{ZERO_TOLERANCE}?continue=1", 200),
    ("fellow", "/fellows/hannah-greenwood/", 200),
    ("theme-index", "/themes/", 200),
    ("theme", "/themes/zero-tolerance/", 200),
    ("how-to-read-a-finding", "/how-to-read-a-finding/", 200),
    ("evidence-map", "/evidence-map/", 200),
    ("evidence-map-by-place", "/evidence-map/?by=place", 200),
    ("event-index", "/knowledge-exchange/", 200),
    ("event", "/knowledge-exchange/4th-atr-knowledge-exchange/", 200),
    ("search-results", "/search/?q=letters", 200),
    ("search-filtered", "/search/?theme=zero-tolerance&evidence=focus_groups", 200),
    ("search-no-results", "/search/?q=xylophone", 200),
    ("not-found", "/no-such-page/", 404),
    ("finding-not-found", f"{ZERO_TOLERANCE}findings/nosuchkey/", 404),
]
