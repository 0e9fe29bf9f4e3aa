from projects.tagging import parse_theme_string, render_theme_string
from tests.factories import ThemeFactory


def test_theme_lists_split_on_commas_only():
    assert parse_theme_string("Trauma informed communications, Belonging") == [
        "Belonging",
        "Trauma informed communications",
    ]


def test_theme_lists_drop_quotes_blanks_and_repeats_ignoring_case():
    assert parse_theme_string('"Zero tolerance", zero  TOLERANCE, , Belonging') == [
        "Belonging",
        "Zero tolerance",
    ]


def test_theme_lists_render_back_to_the_same_themes(db):
    themes = [ThemeFactory(name="Zero tolerance"), ThemeFactory(name="Belonging")]
    assert parse_theme_string(render_theme_string(themes)) == ["Belonging", "Zero tolerance"]
