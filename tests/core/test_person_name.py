"""The admin's lists of past actions name the person who acted."""

from django.contrib.auth import get_user_model

import pytest

from core.templatetags.people import person_name


@pytest.mark.django_db
def test_full_name_comes_first_then_username():
    named = get_user_model().objects.create_user("ayo", first_name="Ayo", last_name="Bello")
    unnamed = get_user_model().objects.create_user("ayo2")

    assert person_name(named) == "Ayo Bello"
    assert person_name(unnamed) == "ayo2"


def test_a_deleted_account_reads_unknown():
    assert person_name(None) == "Unknown"
