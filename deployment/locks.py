"""One score run per scope at a time: a PostgreSQL session advisory lock, or a cache lock elsewhere.

The advisory lock belongs to the database session, so a killed worker's lock goes when its connection does,
and no row is left to clean up. SpatiaLite (the embedded default) has no advisory locks: there ``cache.add``
stands in, with a timeout as long as the longest run so a killed process's lock expires.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import cache
from django.db import connection

LOCK_CLASS = 0x4E505431  # "NPT1": the advisory-lock namespace of deployment runs
FALLBACK_TIMEOUT = 3 * 60 * 60


class ScopeBusy(RuntimeError):
    """Another run of the same scope holds the lock."""


def lock_args(scope: str) -> list[int]:
    """The two int4 keys of SCOPE's advisory lock (signed, as pg_try_advisory_lock(int4, int4) wants)."""
    return [LOCK_CLASS - 2**31, zlib.crc32(scope.encode()) - 2**31]


@contextmanager
def scope_lock(scope: str) -> Iterator[None]:
    """Hold the run lock of SCOPE, or raise ScopeBusy at once (a second run never waits behind the first).

    Advisory locks are re-entrant within one session, so this guards against other processes (workers,
    commands), which is where a second run comes from.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", lock_args(scope))
            (held,) = cursor.fetchone()
        if not held:
            raise ScopeBusy(f"Another score run for {scope} is in progress; this one did not start.")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", lock_args(scope))
        return
    key = f"deployment:run-lock:{scope}"
    if not cache.add(key, "1", FALLBACK_TIMEOUT):
        raise ScopeBusy(f"Another score run for {scope} is in progress; this one did not start.")
    try:
        yield
    finally:
        cache.delete(key)
