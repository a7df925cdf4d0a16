"""Month partitions of the crime table (migration 0003, ADR 0015): a month's first release is loaded into a
new unindexed table, indexed after the load and attached; later files of the month go into that partition."""

from __future__ import annotations

import csv
import gzip
import hashlib
from pathlib import Path

import pytest
from django.db import connection

from crime.importer import HEADER, import_crimes
from crime.importer.postgres import MonthPartition
from crime.models import Crime
from crime.tests.conftest import csv_rows, distinct_records

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]

AVON = "crime/other/2016-11-avon-and-somerset-street.csv.gz"
PARTITION = "crime_crime_y2016m11"


def partitions() -> dict[str, str]:
    """Each partition of the crime table and its bound, as PostgreSQL states it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
            "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'crime_crime'::regclass"
        )
        return dict(cursor.fetchall())


def indexes(table: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [table])
        return {definition.split(" ON ")[1] for (definition,) in cursor.fetchall()}


def rows_in(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ONLY {table}")
        return cursor.fetchone()[0]


def other_force(source: Path, target: Path) -> Path:
    """SOURCE's rows as another force's file of the same month (fresh Crime IDs, so no key is shared)."""
    rows = csv_rows(source)
    with gzip.open(target, "wt", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            if row["Crime ID"]:
                row["Crime ID"] = hashlib.sha256(("other " + row["Crime ID"]).encode()).hexdigest()
            row["Reported by"] = row["Falls within"] = "Gloucestershire Constabulary"
            row["Context"] = "other force"  # ASB rows get other keys too
            writer.writerow(row)
    return target


def test_a_months_first_release_gets_its_own_indexed_partition(shared_data: Path, tmp_path: Path) -> None:
    assert PARTITION not in partitions()
    source = shared_data / AVON
    (first,) = import_crimes([source])
    found = partitions()
    assert found[PARTITION] == (
        "FOR VALUES FROM ('20161100-0000-0000-0000-000000000000') TO ('20161200-0000-0000-0000-000000000000')"
    )
    assert rows_in(PARTITION) == first.imported == distinct_records(csv_rows(source))
    assert rows_in("crime_crime_default") == 0
    assert indexes(PARTITION) == {
        f"public.{PARTITION} USING btree (key)",
        f"public.{PARTITION} USING btree (neighbourhood_id, month, category)",
    }
    # Another force's file of the same month goes into the same partition, through its indexes.
    (second,) = import_crimes([other_force(source, tmp_path / "2016-11-gloucestershire-street.csv.gz")])
    assert second.release == "new"
    assert second.imported == first.imported
    assert partitions().keys() == found.keys()
    assert rows_in(PARTITION) == Crime.objects.count() == first.imported + second.imported
    # The primary key still refuses a second row with a key the month holds.
    kept = Crime.objects.filter(falls_within="Gloucestershire Constabulary").first()
    assert kept is not None
    with pytest.raises(Exception, match="duplicate key"), connection.cursor() as cursor:
        cursor.execute("INSERT INTO crime_crime SELECT * FROM crime_crime WHERE key = %s", [kept.key])


def test_rows_written_outside_the_importer_go_to_the_default_partition() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO crime_crime (key, crime_id, month, reported_by, falls_within, location_text, lsoa_code, "
            "lsoa_name, category, last_outcome, context, source_file) VALUES "
            "('20150300-0000-0000-0000-000000000001', '', '2015-03-01', 'x', 'x', '', '', '', 'other-crime', '', "
            "'', '')"
        )
    assert rows_in("crime_crime_default") == 1
    assert Crime.objects.in_months().count() == 1


@pytest.mark.parametrize(
    ("prefix", "upper"),
    [("201611", "201612"), ("201612", "201701"), ("202301", "202302")],
)
def test_a_month_partition_ends_where_the_next_month_starts(prefix: str, upper: str) -> None:
    partition = MonthPartition.of(prefix, "crime_crime")
    assert partition is not None
    assert partition.upper == upper
    assert partition.bounds == (
        f"{prefix}00-0000-0000-0000-000000000000",
        f"{upper}00-0000-0000-0000-000000000000",
    )


@pytest.mark.parametrize("prefix", ["201613", "201600", "abcdef", "2016"])
def test_no_partition_for_a_key_that_is_not_a_month(prefix: str) -> None:
    assert MonthPartition.of(prefix, "crime_crime") is None
