"""Malformed environment values stop start-up loudly, naming the variable (house style: healthchecks envbool)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from npt.settings.env import env_bool, env_db, env_int, env_list, env_redis, env_str

ROOT = Path(settings.BASE_DIR)


@pytest.mark.parametrize("value", ["maybe", "2", "tru", "enabled"])
def test_it_refuses_a_boolean_it_cannot_read(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("DJANGO_DEBUG", value)
    with pytest.raises(ImproperlyConfigured, match=f"DJANGO_DEBUG={value!r} is not a boolean"):
        env_bool("DJANGO_DEBUG", default=False)


@pytest.mark.parametrize(("value", "expected"), [("true", True), ("On", True), ("1", True), ("no", False), ("", False)])
def test_it_reads_the_usual_boolean_spellings(monkeypatch: pytest.MonkeyPatch, value: str, expected: bool) -> None:
    monkeypatch.setenv("DJANGO_DEBUG", value)
    assert env_bool("DJANGO_DEBUG", default=not expected) is expected


def test_it_uses_the_default_when_a_variable_is_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NPT_UNSET_FOR_TEST", raising=False)
    assert env_bool("NPT_UNSET_FOR_TEST", default=True) is True
    assert env_int("NPT_UNSET_FOR_TEST", 7) == 7
    assert env_list("NPT_UNSET_FOR_TEST", ["a"]) == ["a"]
    assert env_str("NPT_UNSET_FOR_TEST", "x") == "x"


def test_it_refuses_a_database_url_without_a_spatial_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "mysql://npt@db/npt")
    with pytest.raises(
        ImproperlyConfigured, match="DATABASE_URL='mysql://npt@db/npt': use a postgis:// or spatialite://"
    ):
        env_db("DATABASE_URL", "spatialite:///tmp/x.sqlite3")


def test_it_reads_a_postgis_url_into_django_database_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgis://npt:s3cret@db.example:6543/npt_prod")
    config = env_db("DATABASE_URL", "spatialite:///tmp/x.sqlite3")
    assert config["ENGINE"] == "django.contrib.gis.db.backends.postgis"
    assert (config["HOST"], config["PORT"], config["NAME"], config["USER"]) == ("db.example", 6543, "npt_prod", "npt")


def test_it_refuses_a_redis_url_of_another_scheme(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDIS_URL", "http://127.0.0.1:6379/0")
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL='http://127.0.0.1:6379/0' must be a redis:// URL"):
        env_redis("REDIS_URL", "")


def test_it_accepts_an_empty_redis_url_as_no_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDIS_URL", "")
    assert env_redis("REDIS_URL", "redis://default") == ""


def test_it_refuses_a_time_limit_that_is_not_a_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CELERY_TASK_TIME_LIMIT", "abc")
    with pytest.raises(ImproperlyConfigured, match="CELERY_TASK_TIME_LIMIT='abc' is not a whole number"):
        env_int("CELERY_TASK_TIME_LIMIT", 3600, minimum=10)


def test_it_refuses_a_time_limit_below_its_minimum(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CELERY_TASK_TIME_LIMIT", "3")
    with pytest.raises(ImproperlyConfigured, match="CELERY_TASK_TIME_LIMIT=3 is outside 10"):
        env_int("CELERY_TASK_TIME_LIMIT", 3600, minimum=10)


def test_it_requires_a_secret_key_when_debug_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DJANGO_SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY must be set"):
        env_str("DJANGO_SECRET_KEY")


def test_it_reads_a_secret_from_the_file_named_by_the_file_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secret = tmp_path / "secret"
    secret.write_text("from-a-docker-secret\n")
    monkeypatch.setenv("DJANGO_SECRET_KEY_FILE", str(secret))
    assert env_str("DJANGO_SECRET_KEY") == "from-a-docker-secret"


def test_it_refuses_a_secret_file_that_cannot_be_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DJANGO_SECRET_KEY_FILE", str(tmp_path / "absent"))
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY_FILE=.* cannot be read"):
        env_str("DJANGO_SECRET_KEY")


def _load_settings(module: str, **overrides: str) -> subprocess.CompletedProcess[str]:
    """Import the settings in a fresh interpreter, as a web or worker process would at start-up."""
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CELERY_"))
    }
    environment.update(DJANGO_SETTINGS_MODULE=module, **overrides)
    return subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; settings.INSTALLED_APPS"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DJANGO_DEBUG", "maybe"),
        ("DATABASE_URL", "mysql://npt@db/npt"),
        ("REDIS_URL", "http://127.0.0.1:6379/0"),
        ("CELERY_TASK_TIME_LIMIT", "abc"),
    ],
)
def test_it_stops_start_up_naming_the_malformed_variable(variable: str, value: str) -> None:
    result = _load_settings("npt.settings.base", DJANGO_SECRET_KEY="k", **{variable: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{variable}={value!r}" in result.stderr


def test_it_starts_with_well_formed_production_values() -> None:
    # The control for the test above: the same start-up succeeds when every value is well formed.
    result = _load_settings(
        "npt.settings.base",
        DJANGO_SECRET_KEY="k",
        DJANGO_DEBUG="false",
        DATABASE_URL="postgis://npt@db:5432/npt",
        REDIS_URL="redis://redis:6379/0",
        CELERY_TASK_TIME_LIMIT="600",
    )
    assert result.returncode == 0, result.stderr


def test_it_refuses_production_settings_without_a_secret_key() -> None:
    result = _load_settings("npt.settings.base", DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr
