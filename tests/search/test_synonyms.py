"""One reader of the synonyms file for both backends: a bad line is left out everywhere, named
with its line number by ``manage.py check``, and never turns a search into an error."""

from django.core.management import call_command
from django.core.management.base import SystemCheckError

import pytest

from search.analysis import analyse, british_english_search

FILE = "# sector terms\nkinship, grandparent care\nVRP => violence reduction partnership\nlonely\n"


@pytest.fixture
def bad_file(settings, tmp_path):
    path = tmp_path / "synonyms.txt"
    path.write_text(FILE, encoding="utf-8")
    settings.SEARCH_SYNONYMS_FILE = path
    return path


def test_manage_py_check_names_each_bad_line_by_its_number(bad_file):
    with pytest.raises(SystemCheckError) as raised:
        call_command("check")

    message = str(raised.value)
    assert "synonyms.txt, line 3: use only words and commas, no '=>' or backslashes." in message
    assert "synonyms.txt, line 4: write two or more terms separated by commas." in message
    assert "line 2" not in message


def test_both_backends_use_the_good_lines_and_leave_out_the_bad_ones(bad_file):
    rules = british_english_search().get_analysis_definition()["filter"]["sector_synonyms"]

    assert rules["synonyms"] == ["kinship, grandparent care"]
    assert ("grandparent", "care") in analyse("kinship")[0].stems
    assert [group.label for group in analyse("vrp lonely")] == ["vrp", "lonely"]


@pytest.mark.django_db
def test_a_bad_line_does_not_stop_a_search(client, bad_file, home, settings):
    # The database backend reads the file at query time; Elasticsearch reads it into the index
    # settings (the test above), so a run with a search server answers from the database here.
    settings.ELASTICSEARCH_URL = None
    response = client.get("/api/search/", {"q": "grandparent care"})

    assert response.status_code == 200
    assert response.json()["warnings"] == []


def test_a_missing_file_is_reported_and_searches_go_on_without_synonyms(settings, tmp_path):
    settings.SEARCH_SYNONYMS_FILE = tmp_path / "missing.txt"

    with pytest.raises(SystemCheckError, match="missing.txt could not be read"):
        call_command("check")
    assert [group.label for group in analyse("kinship")] == ["kinship"]
