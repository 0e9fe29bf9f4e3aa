"""System checks for search: ``manage.py check`` (and every deploy) reports what would otherwise
only show as a search that finds less than it should."""

from django.core import checks

from search.analysis import read_synonyms


@checks.register()
def synonyms_file(app_configs, **kwargs):
    """Every line of the synonyms file that search has to leave out, by its line number."""
    return [
        checks.Error(
            problem,
            hint="Search leaves this line out until it is corrected.",
            id="fellowship_search.E001",
        )
        for problem in read_synonyms().problems
    ]
