"""How theme lists are read from and written to text.

Themes are phrases ("Trauma informed communications"), so only commas separate them; taggit's
default would split a comma-free string on spaces.
"""


def parse_theme_string(text):
    """Split a comma-separated theme list, dropping quotes, blanks and case-insensitive repeats."""
    seen = {}
    for raw in (text or "").split(","):
        name = " ".join(raw.strip().strip('"').split())
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return sorted(seen.values(), key=str.casefold)


def render_theme_string(tags):
    """Write themes back as a comma-separated list, quoting none (commas are the only separator)."""
    return ", ".join(sorted((tag.name for tag in tags), key=str.casefold))
