"""CSV variations a police.uk file may arrive in once someone has opened and saved it."""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path

import pytest

from crime.importer import import_crimes
from crime.models import Crime

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]


@pytest.fixture(params=["copy", "orm"])
def method(request: pytest.FixtureRequest, settings) -> str:
    settings.NPT_CRIME_IMPORT_METHOD = "auto" if request.param == "copy" else "orm"
    return request.param


@pytest.fixture
def lines(wy_files: list[Path]) -> list[str]:
    return gzip.decompress(wy_files[0].read_bytes()).decode().splitlines(keepends=True)[:21]


def test_it_reads_a_byte_order_mark_and_windows_line_ends(tmp_path: Path, lines: list[str], method: str) -> None:
    path = tmp_path / "2016-07-west-yorkshire-street.csv"
    path.write_bytes(("\ufeff" + "".join(line.replace("\n", "\r\n") for line in lines)).encode())

    (report,) = import_crimes([path])

    assert (report.read, report.imported) == (20, 20)
    assert not Crime.objects.filter(context__contains="\r").exists()
    assert not Crime.objects.filter(last_outcome__endswith="\r").exists()


def test_it_keeps_quoted_commas_newlines_tabs_and_backslashes(tmp_path: Path, lines: list[str], method: str) -> None:
    crime_id = lines[3].split(",")[0]
    fields = lines[3].rstrip("\n").split(",")
    fields[6] = '"On or near Foo, Bar\\Baz"'
    fields[11] = '"Line one\nline\ttwo ""quoted"""'
    lines[3] = ",".join(fields) + "\n"
    path = tmp_path / "2016-07-west-yorkshire-street.csv"
    path.write_text("".join(lines), encoding="utf-8")

    (report,) = import_crimes([path])

    assert (report.read, report.imported) == (20, 20)
    crime = Crime.objects.get(crime_id=crime_id)
    assert crime.location_text == "On or near Foo, Bar\\Baz"
    assert crime.context == 'Line one\nline\ttwo "quoted"'


def test_it_reads_the_members_of_a_multi_force_archive(tmp_path: Path, lines: list[str], method: str) -> None:
    archive = tmp_path / "2016-07.zip"
    other = [lines[0]] + [line.replace("West Yorkshire Police", "Other Police") for line in lines[1:11]]
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("2016-07/2016-07-west-yorkshire-street.csv", "".join(lines))
        out.writestr("2016-07/2016-07-west-yorkshire-outcomes.csv", "Crime ID,Month\n")
        out.writestr("2016-07/2016-07-other-street.csv", "".join(other))

    reports = import_crimes([archive])

    assert [r.source.rsplit(":", 1)[1] for r in reports] == [
        "2016-07/2016-07-other-street.csv",
        "2016-07/2016-07-west-yorkshire-street.csv",
    ]
    assert [r.read for r in reports] == [10, 20]
    # Crime IDs repeat across the two members, so the second member's copies of them are duplicates;
    # its ASB rows differ (another force) and are new.
    assert Crime.objects.count() == sum(r.imported for r in reports)
    assert Crime.objects.filter(falls_within="Other Police").count() == 10


def test_a_longer_release_adds_only_its_new_rows(tmp_path: Path, wy_files: list[Path], method: str) -> None:
    lines = gzip.decompress(wy_files[0].read_bytes()).decode().splitlines(keepends=True)
    first = tmp_path / "first" / "2016-07-west-yorkshire-street.csv"
    first.parent.mkdir()
    first.write_text("".join(lines[:2001]), encoding="utf-8")
    (before,) = import_crimes([first])

    (after,) = import_crimes([wy_files[0]])

    assert before.imported == 2000
    assert (after.release, after.unchanged, after.changed, after.removed) == ("replaced", 2000, 0, 0)
    assert after.imported == after.read - 2000 - after.duplicates
    assert Crime.objects.count() == len(lines) - 1
