"""Issue 6 item 6: two saves at the same moment on the embedded SpatiaLite default must both succeed.

The database is a real SpatiaLite file opened through Django's SpatiaLite backend with the settings that
``env_db`` builds for a ``spatialite://`` URL. One connection holds a write transaction open while a second
one writes: with WAL, the busy timeout and IMMEDIATE transactions the second waits and succeeds; without a
busy timeout it fails with "database is locked" (the last test shows the failure the settings prevent).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import OperationalError
from django.db.utils import load_backend

from npt.settings.env import env_db

HOLD_SECONDS = 1.0


@pytest.fixture(autouse=True)
def _own_database(django_db_blocker: Any) -> Any:
    # These connections are to a throwaway SpatiaLite file, not the test database pytest-django guards.
    with django_db_blocker.unblock():
        yield


def _connection(path: Path, monkeypatch: pytest.MonkeyPatch, *, tuned: bool, alias: str) -> Any:
    monkeypatch.setenv("NPT_TEST_SQLITE_URL", f"spatialite:///{path}")
    settings = env_db("NPT_TEST_SQLITE_URL", "spatialite:///unused.sqlite3")
    if not tuned:
        settings["OPTIONS"] = {"timeout": 0}
    settings.setdefault("TIME_ZONE", None)
    settings.setdefault("CONN_MAX_AGE", 0)
    settings.setdefault("CONN_HEALTH_CHECKS", False)
    settings.setdefault("AUTOCOMMIT", True)
    settings.setdefault("ATOMIC_REQUESTS", False)
    settings.setdefault("TEST", {})
    return load_backend(settings["ENGINE"]).DatabaseWrapper(settings, alias)


def _race(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    first = _connection(path, monkeypatch, tuned=True, alias="first")
    second = _connection(path, monkeypatch, tuned=True, alias="second")
    with first.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS saves (who TEXT)")
    # Both are open before the race: loading SpatiaLite when connecting must not be what waits.
    second.ensure_connection()
    errors: list[BaseException] = []
    holding = threading.Event()

    def slow_save() -> None:
        try:
            with first.cursor() as cursor:
                cursor.execute(f"BEGIN {first.transaction_mode}")
                cursor.execute("INSERT INTO saves VALUES ('first')")
                holding.set()
                time.sleep(HOLD_SECONDS)
                cursor.execute("COMMIT")
        except BaseException as exc:  # reported to the test thread
            holding.set()
            errors.append(exc)

    # Django connections belong to the thread that made them; these two are used by one thread each.
    first.inc_thread_sharing()
    thread = threading.Thread(target=slow_save)
    thread.start()
    holding.wait(5)
    try:
        with second.cursor() as cursor:
            cursor.execute(f"BEGIN {second.transaction_mode}")
            cursor.execute("INSERT INTO saves VALUES ('second')")
            cursor.execute("COMMIT")
    except OperationalError as exc:
        errors.append(exc)
    thread.join()
    first.dec_thread_sharing()
    first.close()
    second.close()
    return errors


def test_spatialite_urls_get_wal_and_a_busy_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    connection = _connection(tmp_path / "npt.sqlite3", monkeypatch, tuned=True, alias="probe")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
    assert connection.transaction_mode == "IMMEDIATE"
    connection.close()


def test_two_simultaneous_saves_both_succeed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "npt.sqlite3"
    assert _race(path, monkeypatch) == []
    connection = _connection(path, monkeypatch, tuned=True, alias="check")
    with connection.cursor() as cursor:
        cursor.execute("SELECT who FROM saves ORDER BY rowid")
        assert [row[0] for row in cursor.fetchall()] == ["first", "second"]
    connection.close()


def test_without_the_settings_the_second_save_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The failure the settings prevent: with SQLite's defaults (no busy timeout here) a second writer is
    # refused at once while the first holds its write transaction.
    path = tmp_path / "npt.sqlite3"
    first = _connection(path, monkeypatch, tuned=False, alias="first")
    second = _connection(path, monkeypatch, tuned=False, alias="second")
    holder, writer = first.cursor(), second.cursor()
    holder.execute("CREATE TABLE saves (who TEXT)")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO saves VALUES ('first')")
    writer.execute("BEGIN")
    with pytest.raises(OperationalError, match="database is locked"):
        writer.execute("INSERT INTO saves VALUES ('second')")
    holder.execute("COMMIT")
    first.close()
    second.close()
