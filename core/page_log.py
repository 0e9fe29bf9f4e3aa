"""Quieter page logging for commands that create or publish many pages at once."""

import logging
from contextlib import contextmanager


@contextmanager
def quiet_page_log(verbosity):
    """Wagtail logs a line per page created, edited and published; keep that for -v 2 and up."""
    logger = logging.getLogger("wagtail")
    level = logger.level
    if verbosity < 2:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)
