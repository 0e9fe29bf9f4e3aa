"""What the search benchmarks share: the backends they can measure, and how a script starts
Django and chooses among them."""

import logging
import os
import warnings

BACKENDS = {
    "database": "search.backends.database.DatabaseSearchBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchSearchBackend",
}


def add_backend_argument(parser):
    parser.add_argument(
        "--backend",
        action="append",
        choices=sorted(BACKENDS),
        help="measure this backend (repeatable); default: database, and Elasticsearch if set",
    )


def start_django():
    """Set Django up for a script, with the test settings unless others are chosen."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fellowship.settings.test")
    import django

    django.setup()
    # Progress is the script's to report; the libraries' own notes would bury it.
    warnings.filterwarnings("ignore", message="No directory at")
    for name in ("elastic_transport", "elasticsearch", "wagtail"):
        logging.getLogger(name).setLevel(logging.WARNING)


def chosen_backends(args):
    """The backends asked for, else the database and, where one is configured, Elasticsearch."""
    from django.conf import settings

    return args.backend or (
        ["database", "elasticsearch"] if settings.ELASTICSEARCH_URL else ["database"]
    )
