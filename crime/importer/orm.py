"""The portable path for a force-month's first release (SpatiaLite, or forced in tests): through the ORM.

Known keys (another force-month's release) are looked up per batch and skipped; the links come from
``crime.linking`` with whichever backend the caller chose, so both paths link by the one rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice

from django.contrib.gis.geos import Point

from crime.importer.report import CrimeImportReport
from crime.importer.rows import Row
from crime.linking import Linker
from crime.models import Crime

BATCH = 500  # keeps each "key IN (...)" under SQLite's parameter limit


def import_rows_orm(
    rows: Iterator[Row],
    *,
    source_file: str,
    release: int,
    linker: Linker,
    report: CrimeImportReport,
    checkpoint: Callable[[], None],
) -> None:
    """Insert the new ROWS with bulk_create, as RELEASE; counts go to REPORT. Runs in the caller's transaction."""
    seen: set[str] = set()  # keys of this file, so a repeated Crime ID counts once
    while batch := list(islice(rows, BATCH)):
        keys = [row[0] for row in batch]
        known = {key.hex for key in Crime.objects.filter(key__in=keys).values_list("key", flat=True)}
        items = [(row[8], (float(row[5]), float(row[6])) if row[5] else None) for row in batch]
        links = linker.links(items)
        new: list[Crime] = []
        for row, item in zip(batch, items, strict=True):
            key = row[0]
            if key in known or key in seen:
                continue
            seen.add(key)
            link = links[item]
            report.count_link(link.path, link.neighbourhood is not None, item[1] is None)
            new.append(
                Crime(
                    key=key,
                    crime_id=row[1],
                    month=row[2],
                    reported_by=row[3],
                    falls_within=row[4],
                    location=None if item[1] is None else Point(*item[1], srid=4326),
                    location_text=row[7],
                    lsoa_code=row[8],
                    lsoa_name=row[9],
                    lsoa_id=link.lsoa,
                    lsoa21_id=link.lsoa21,
                    neighbourhood_id=link.neighbourhood,
                    category=row[10],
                    last_outcome=row[11],
                    context=row[12],
                    source_file=source_file,
                    release_id=release,
                )
            )
        checkpoint()  # report progress; a strict import with rejected rows writes nothing more
        Crime.objects.bulk_create(new, ignore_conflicts=True)
        report.imported += len(new)
    checkpoint()
