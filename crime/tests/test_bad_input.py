"""Bad police.uk files: a clear message naming file, line and column, and nothing left behind."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from core.imports import ImportFailed
from crime.importer import import_crimes
from crime.models import Crime

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]


@pytest.fixture(params=["copy", "orm"])
def method(request: pytest.FixtureRequest, settings) -> str:
    """Run the test on the COPY fast path and on the ORM fallback."""
    settings.NPT_CRIME_IMPORT_METHOD = "auto" if request.param == "copy" else "orm"
    return request.param


@pytest.fixture
def lines(wy_files: list[Path]) -> list[str]:
    """The header and the first 40 rows of a real file, as text lines."""
    return gzip.decompress(wy_files[0].read_bytes()).decode().splitlines(keepends=True)[:41]


def write(tmp_path: Path, lines: list[str], name: str = "2016-07-west-yorkshire-street.csv") -> Path:
    path = tmp_path / name
    path.write_text("".join(lines), encoding="utf-8")
    return path


def with_field(line: str, column: int, value: str) -> str:
    fields = line.rstrip("\n").split(",")
    fields[column] = value
    return ",".join(fields) + "\n"


def failure(paths: list[Path]) -> ImportFailed:
    """The error for PATHS, asserting nothing was imported."""
    with pytest.raises(ImportFailed) as caught:
        import_crimes(paths)
    assert Crime.objects.count() == 0
    return caught.value


def test_it_refuses_a_wrong_header(tmp_path: Path, lines: list[str], method: str) -> None:
    lines[0] = lines[0].replace("Longitude", "Lon")
    path = write(tmp_path, lines)

    error = failure([path])

    assert (error.path, error.line, error.column) == (str(path), 1, "Lon")
    assert "not a police.uk street-level CSV" in str(error)
    assert "'Longitude'" in str(error)


def test_it_refuses_a_truncated_gzip(tmp_path: Path, wy_files: list[Path], method: str) -> None:
    data = wy_files[0].read_bytes()
    path = tmp_path / "2016-07-west-yorkshire-street.csv.gz"
    path.write_bytes(data[: len(data) // 2])

    error = failure([path])

    assert error.path == str(path)
    assert error.line
    assert error.line > 1
    assert "truncated or corrupt" in str(error)


@pytest.mark.parametrize(
    ("column", "value", "name", "words"),
    [
        (4, "west", "Longitude", "not a number: 'west'"),
        (5, "95.5", "Latitude", "out of range: '95.5'"),
        (4, "nan", "Longitude", "out of range"),
        (9, "Jaywalking", "Crime type", "unknown crime type 'Jaywalking'"),
        (1, "2016-13", "Month", "YYYY-MM"),
        (7, "Leeds 001A", "LSOA code", "not an LSOA code"),
    ],
)
def test_it_names_the_line_and_column_of_a_bad_value(
    tmp_path: Path, lines: list[str], method: str, column: int, value: str, name: str, words: str
) -> None:
    lines[12] = with_field(lines[12], column, value)
    path = write(tmp_path, lines)

    error = failure([path])

    assert (error.path, error.line, error.column) == (str(path), 13, name)
    assert words in str(error)
    assert "nothing was imported from this file" in str(error)


def test_it_refuses_text_that_is_not_utf8(tmp_path: Path, lines: list[str], method: str) -> None:
    path = tmp_path / "2016-07-west-yorkshire-street.csv"
    data = [line.encode() for line in lines]
    data[7] = with_field(lines[7], 6, "On or near Caf\u00e9").encode("latin-1")
    path.write_bytes(b"".join(data))

    error = failure([path])

    assert (error.line, error.column) == (8, "Location")
    assert "not UTF-8" in str(error)
    assert "0xe9" in str(error)


def test_it_refuses_a_nul_byte(tmp_path: Path, lines: list[str], method: str) -> None:
    lines[20] = with_field(lines[20], 6, "On or near\x00Nowhere")
    path = write(tmp_path, lines)

    error = failure([path])

    assert (error.line, error.column) == (21, "Location")


def test_it_refuses_a_row_with_missing_fields(tmp_path: Path, lines: list[str], method: str) -> None:
    lines[30] = ",".join(lines[30].split(",")[:8]) + "\n"
    path = write(tmp_path, lines)

    error = failure([path])

    assert error.line == 31
    assert "expected 12 fields, found 8" in str(error)


def test_it_counts_every_rejected_row_when_strict(tmp_path: Path, lines: list[str], method: str) -> None:
    for number in (5, 6, 9):
        lines[number] = with_field(lines[number], 9, "Jaywalking")
    lines[10] = with_field(lines[10], 4, "x")
    path = write(tmp_path, lines)

    error = failure([path])

    assert error.line == 6  # the first one
    assert "4 rows rejected in all" in str(error)
    assert error.report["failed"] == [str(path)]
    assert error.report["files"][0]["rejected"] == {"unknown crime type": 3, "bad coordinates": 1}
    assert len(error.report["files"][0]["errors"]) == 4


def test_it_imports_the_valid_rows_when_told_to_skip_invalid(tmp_path: Path, lines: list[str], method: str) -> None:
    for number in (5, 6):
        lines[number] = with_field(lines[number], 9, "Jaywalking")
    lines[10] = with_field(lines[10], 5, "")  # a latitude without its longitude's partner
    path = write(tmp_path, lines)

    (report,) = import_crimes([path], skip_invalid=True)

    assert report.read == 40
    assert dict(report.rejected) == {"unknown crime type": 2, "bad coordinates": 1}
    assert report.imported + report.duplicates == 37
    assert Crime.objects.count() == report.imported
    assert any("line 6" in note and "Crime type" in note for note in report.notes)


def test_it_counts_a_repeated_crime_id_as_a_duplicate(tmp_path: Path, lines: list[str], method: str) -> None:
    crime = next(line for line in lines[1:] if not line.startswith(","))
    lines.append(crime)
    path = write(tmp_path, lines)

    (report,) = import_crimes([path])

    assert (report.read, report.duplicates) == (41, 1)
    assert Crime.objects.count() == report.imported == 40


def test_it_tries_every_file_and_names_the_bad_one(tmp_path: Path, lines: list[str], method: str) -> None:
    good = write(tmp_path, lines)
    later = write(tmp_path, [lines[0], *(line.replace("2016-07", "2016-08") for line in lines[1:])],
                  "2016-08-west-yorkshire-street.csv")  # fmt: skip
    lines[3] = with_field(lines[3], 9, "Jaywalking")
    bad = write(tmp_path, lines, "2016-07-bad-street.csv")

    with pytest.raises(ImportFailed) as caught:
        import_crimes([good, bad, later])

    assert caught.value.path == str(bad)
    reports = caught.value.reports  # type: ignore[attr-defined]
    assert [report.source for report in reports] == [str(good), str(bad), str(later)]
    assert [bool(report.errors) for report in reports] == [False, True, False]
    assert "line 4, column 'Crime type'" in reports[1].errors[0]
    # The good files before and after the bad one are imported; nothing of the bad one.
    assert Crime.objects.count() == reports[0].imported + reports[2].imported == 80
    assert not Crime.objects.filter(source_file=bad.name).exists()


def test_it_refuses_paths_it_cannot_read_before_importing_anything(tmp_path: Path, lines: list[str]) -> None:
    good = write(tmp_path, lines)
    (tmp_path / "notes.txt").write_text("hello")

    for paths, words in [
        ([good, tmp_path / "missing.csv"], "file not found"),
        ([good, tmp_path / "notes.txt"], "expected a .csv, .csv.gz, .zip file or a folder"),
        ([tmp_path / "empty"], "file not found"),
    ]:
        with pytest.raises(ImportFailed, match=words):
            import_crimes(paths)
    (tmp_path / "folder").mkdir()
    with pytest.raises(ImportFailed, match="no \\*-street.csv"):
        import_crimes([tmp_path / "folder"])
    assert Crime.objects.count() == 0


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('{"type": "FeatureCollection",\n "features": []}\n', "a JSON"),
        ('<?xml version="1.0"?>\n<kml><Document/></kml>\n', "an XML"),
    ],
)
def test_it_names_the_format_of_a_file_that_is_not_a_crime_csv(tmp_path: Path, text: str, kind: str) -> None:
    path = tmp_path / "2016-07-west-yorkshire-street.csv"
    path.write_text(text, encoding="utf-8")

    error = failure([path])

    assert (error.path, error.line) == (str(path), 1)
    assert f"this looks like {kind} file, not a police.uk street-level CSV" in str(error)
