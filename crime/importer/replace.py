"""Replacing a force-month's release with a different one (ADR 0007), through the ORM on any database.

The new file's rows are compared by key with the rows the old release left: keys only in the old release
are deleted (removed), keys only in the new file are inserted (added), and keys in both are updated when any
published field differs (changed). Rows kept keep their primary key, so anything that refers to a crime by
its key (a SARA plan, say) still finds it when police.uk keeps its Crime ID. A key held by another
force-month's release is counted as a duplicate and left with that release. Runs in the caller's
transaction: the force-month goes from the old release to the new one at once, or not at all.

Replacements are rare (a later archive republishing a month) and a force-month is at most some tens of
thousands of rows, so this path favours one portable implementation over a COPY fast path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

from django.contrib.gis.geos import Point

from crime.importer.report import CrimeImportReport
from crime.importer.rows import Row
from crime.linking import Linker
from crime.models import Crime, CrimeRelease

BATCH = 500  # keeps each "key IN (...)" under SQLite's parameter limit
# The published fields a release can change; a row whose fields all match is unchanged.
PUBLISHED = (
    "crime_id",
    "reported_by",
    "falls_within",
    "location_text",
    "lsoa_code",
    "lsoa_name",
    "category",
    "last_outcome",
    "context",
)
LINKS = ("lsoa_id", "lsoa21_id", "neighbourhood_id")


def _xy(point: Point | None) -> tuple[float, float] | None:
    return None if point is None else (point.x, point.y)


def replace_rows(
    rows: Iterator[Row],
    *,
    old: CrimeRelease,
    new: CrimeRelease,
    linker: Linker,
    source_file: str,
    report: CrimeImportReport,
    checkpoint: Callable[[], None],
) -> None:
    """Make the force-month of OLD hold exactly ROWS, as release NEW; counts go to REPORT."""
    month_rows = Crime.objects.in_month_keys(new.month)
    before: dict[str, tuple[Any, ...]] = {
        key.hex: (*values, _xy(location))
        for key, location, *values in month_rows.filter(release=old).values_list("key", "location", *PUBLISHED, *LINKS)
    }
    seen: set[str] = set()
    changed: list[Crime] = []
    while batch := list(islice(rows, BATCH)):
        fresh = []
        for row in batch:  # a Crime ID repeated within the file counts once
            if row[0] not in seen:
                seen.add(row[0])
                fresh.append(row)
        batch = fresh
        new_keys = [row[0] for row in batch if row[0] not in before]
        elsewhere = {key.hex for key in Crime.objects.filter(key__in=new_keys).values_list("key", flat=True)}
        items = [(row[8], (float(row[5]), float(row[6])) if row[5] else None) for row in batch]
        links = linker.links(items)
        added: list[Crime] = []
        for row, item in zip(batch, items, strict=True):
            key = row[0]
            if key in elsewhere:
                continue  # another force-month's release holds it: a duplicate
            link = links[item]
            published = (row[1], row[3], row[4], row[7], row[8], row[9], row[10], row[11], row[12])
            values = (*published, link.lsoa, link.lsoa21, link.neighbourhood, item[1])
            report.count_link(link.path, link.neighbourhood is not None, item[1] is None)
            crime = Crime(
                key=key,
                month=row[2],
                location=None if item[1] is None else Point(*item[1], srid=4326),
                source_file=source_file,
                release=new,
                **dict(zip(PUBLISHED, published, strict=True)),
                **dict(zip(LINKS, values[len(PUBLISHED) : len(PUBLISHED) + 3], strict=True)),
            )
            if key not in before:
                added.append(crime)
                continue
            previous = before[key]
            if previous[: len(PUBLISHED)] != published or previous[-1] != item[1]:
                report.changed += 1
                changed.append(crime)
            elif previous != values:
                changed.append(crime)  # the same row, linked anew (boundaries changed meanwhile)
            else:
                report.unchanged += 1
        checkpoint()  # report progress; a strict import with rejected rows writes nothing more
        Crime.objects.bulk_create(added)
        report.imported += len(added)
    checkpoint()
    gone = [key for key in before if key not in seen]
    for start in range(0, len(gone), BATCH):
        Crime.objects.filter(key__in=gone[start : start + BATCH]).delete()
    report.removed = len(gone)
    Crime.objects.bulk_update(changed, ["location", "source_file", "release", *PUBLISHED, *LINKS], batch_size=BATCH)
    # Rows the new release left as they were now belong to it.
    month_rows.filter(release=old).update(release=new)
