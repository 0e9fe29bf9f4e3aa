"""The deployment check reports a missing cache table, and createcachetable clears it."""

from django.core.checks import run_checks
from django.core.management import call_command
from django.test import override_settings

import pytest

from tests.core.test_production_settings import production_environment, run_manage

DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "test_throttle_cache",
    }
}


@pytest.fixture
def production_env(tmp_path):
    return production_environment(tmp_path / "db.sqlite3", unset={"CACHE_TABLE"})


def cache_errors(**kwargs):
    return [
        error
        for error in run_checks(include_deployment_checks=True, **kwargs)
        if error.id == "core.E001"
    ]


@pytest.mark.django_db
@override_settings(CACHES=DATABASE_CACHE)
def test_a_missing_cache_table_is_reported_until_it_is_created():
    errors = cache_errors(databases=["default"])

    assert len(errors) == 1
    assert "“test_throttle_cache”" in errors[0].msg
    assert "missing from the “default” database" in errors[0].msg
    assert "createcachetable" in errors[0].hint

    call_command("createcachetable", verbosity=0)

    assert cache_errors(databases=["default"]) == []


@pytest.mark.django_db
@override_settings(CACHES=DATABASE_CACHE)
def test_checks_that_migrate_runs_leave_the_missing_table_to_the_deploy_check():
    # migrate runs the database checks before any table exists; it must not be stopped.
    errors = run_checks(databases=["default"])

    assert [error for error in errors if error.id == "core.E001"] == []


def test_deploy_check_under_production_settings_names_the_missing_table(production_env):
    result = run_manage(production_env, "check", "--deploy", "--database", "default")

    assert result.returncode != 0
    assert "core.E001" in result.stderr
    assert "“fellowship_cache”" in result.stderr
    assert "createcachetable" in result.stderr
