"""Counting searches that found nothing, by their normalised words and month only.

The words are lower-cased, their spacing tidied, and anything that looks like an email address
or a telephone number replaced, so that the table keeps what people looked for, not who they are.
"""

import re
import unicodedata

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from impact.models import UnmetSearch

MAX_LENGTH = 200
EMAIL = re.compile(r"\S+@\S+")
# Digits with spaces or dashes between; nine or more of them is a telephone or an NHS number,
# where fewer is more likely a year or two.
NUMBER = re.compile(r"\+?\d[\d\s-]*\d")
PERSONAL_DIGITS = 9


def _number(match):
    digits = sum(ch.isdigit() for ch in match.group())
    return "[number]" if digits >= PERSONAL_DIGITS else match.group()


def normalise(text):
    """The query as it is counted: NFKC, lower case, single spaces, personal details removed."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = EMAIL.sub("[email address]", text)
    text = NUMBER.sub(_number, text)
    return " ".join(text.split())[:MAX_LENGTH]


def record(sender=None, text="", **kwargs):
    """Add one to this month's count for the query (receiver of ``search_found_nothing``)."""
    query = normalise(text)
    if not query:
        return
    month = timezone.localdate().replace(day=1)
    updated = UnmetSearch.objects.filter(query=query, month=month).update(count=F("count") + 1)
    if updated:
        return
    try:
        with transaction.atomic():
            UnmetSearch.objects.create(query=query, month=month, count=1)
    except IntegrityError:
        # Another search created the row a moment ago.
        UnmetSearch.objects.filter(query=query, month=month).update(count=F("count") + 1)
