"""Strict environment readers: a malformed value stops start-up with a clear message.

django-environ parses URLs; these wrappers add the loud failures it does not give
(e.g. ``DJANGO_DEBUG=maybe`` would otherwise read as False).
"""

from __future__ import annotations

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}

env = environ.Env()


def _raw(name: str) -> str | None:
    """Read NAME, or the contents of the file named by NAME_FILE (Docker secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={file_name!r} cannot be read: {exc}") from exc
    return os.environ.get(name)


def env_bool(name: str, default: bool) -> bool:
    """A boolean that accepts only the usual spellings."""
    value = _raw(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use true/false, 1/0, yes/no, on/off)")


def env_int(name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """An integer within optional bounds."""
    value = _raw(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number") from exc
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise ImproperlyConfigured(f"{name}={number} is outside {minimum}..{maximum}")
    return number


def env_str(name: str, default: str | None = None) -> str:
    """A string; with no default the variable is required."""
    value = _raw(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"{name} must be set")
        return default
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list."""
    value = _raw(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_db(name: str, default: str) -> dict[str, object]:
    """A database URL: postgis://, spatialite:// (anything else is refused)."""
    url = _raw(name) or default
    scheme = url.split(":", 1)[0]
    if scheme not in {"postgis", "spatialite"}:
        raise ImproperlyConfigured(
            f"{name}={url!r}: use a postgis:// or spatialite:// URL (GeoDjango needs a spatial backend)"
        )
    try:
        config = dict(env.db_url_config(url))
    except Exception as exc:  # django-environ raises several types for a bad URL
        raise ImproperlyConfigured(f"{name}={url!r} is not a valid database URL: {exc}") from exc
    if scheme == "spatialite":
        config["OPTIONS"] = {**SQLITE_CONCURRENCY, **config.get("OPTIONS", {})}  # type: ignore[dict-item]
    return config


# The embedded SpatiaLite default serves several people at once (issue 6 item 6: "database is locked" on two
# simultaneous saves). WAL lets readers carry on while one person writes; "timeout" is SQLite's busy timeout,
# so a second writer waits for the first instead of failing; IMMEDIATE takes the write lock when a transaction
# starts, so a reader never has to upgrade to a writer mid-transaction (which fails at once, whatever the
# timeout). synchronous=NORMAL is the documented safe pairing with WAL.
SQLITE_CONCURRENCY: dict[str, object] = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}


def env_redis(name: str, default: str) -> str:
    """A Redis URL, or empty for 'no broker'."""
    value = _raw(name)
    url = default if value is None else value
    if url and not url.startswith(("redis://", "rediss://")):
        raise ImproperlyConfigured(f"{name}={url!r} must be a redis:// URL or empty")
    return url
