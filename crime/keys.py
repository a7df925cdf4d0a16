"""The Crime deduplication key (ADR 0003): a UUID whose first six hex digits are the month (YYYYMM).

A record with a police.uk Crime ID is keyed by it: a 64-hex-digit ID gives the other 26 digits directly,
any other ID through MD5. A record without an ID (anti-social behaviour) is keyed by the MD5 of its fields
and its occurrence number among identical rows of its file, because identical ASB rows are distinct
incidents. Anything that creates Crime rows should make their keys here, so that re-imports match them.
"""

from __future__ import annotations

import uuid
from hashlib import md5


def key_for_id(month: str, crime_id: str) -> str:
    """The key (32 hex digits) of a record with a Crime ID, in MONTH "YYYY-MM"."""
    prefix = month[:4] + month[5:7]
    try:
        is_hash = len(crime_id) == 64 and len(bytes.fromhex(crime_id)) == 32
    except ValueError:
        is_hash = False
    if is_hash:
        return prefix + crime_id[:26].lower()
    return prefix + md5(f"id\x1f{crime_id}".encode(), usedforsecurity=False).hexdigest()[:26]


def key_for_fields(month: str, fields: list[str] | tuple[str, ...], occurrence: int) -> str:
    """The key of a record without a Crime ID: FIELDS are, as written in the CSV, Month, Falls within,
    Longitude, Latitude, Location, LSOA code, Crime type, Last outcome category and Context; OCCURRENCE
    counts identical rows of the same file from 1.
    """
    text = "\x1f".join((*fields, str(occurrence)))
    return month[:4] + month[5:7] + md5(text.encode(), usedforsecurity=False).hexdigest()[:26]


def as_uuid(key: str) -> uuid.UUID:
    return uuid.UUID(key)
