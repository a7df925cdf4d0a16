"""The shared import plumbing: error locations, the opener, folders, format sniffing and the progress bar."""

import gzip
import io
import zipfile
from pathlib import Path

import pytest

from core.imports import (
    BarProgress,
    ImportFailed,
    ImportReport,
    expand_paths,
    import_files,
    located,
    looks_like,
    raise_if_failed,
    read_all,
)


def test_a_field_name_and_a_character_column_read_differently():
    assert located("bad", path="a.csv", line=3, column="Latitude") == "a.csv, line 3, column 'Latitude': bad"
    assert located("bad", path="a.json", line=1, column=140364) == "a.json, line 1, column 140364: bad"


@pytest.mark.parametrize("suffix", [".csv", ".csv.gz", ".zip"])
def test_the_opener_reads_plain_gzip_and_zip_and_drops_a_bom(tmp_path, suffix):
    data = "\ufeffCrime ID,Month\nabc,2016-07\n".encode()
    path = tmp_path / f"file{suffix}"
    if suffix == ".csv.gz":
        path.write_bytes(gzip.compress(data))
    elif suffix == ".zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("inner.csv", data)
    else:
        path.write_bytes(data)
    assert read_all(path) == "Crime ID,Month\nabc,2016-07\n"


def test_the_opener_names_line_and_column_of_a_wrong_encoding(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("a,b\nok,fine\nS\xe3o Paulo,x\n".encode("latin-1"))
    with pytest.raises(ImportFailed) as caught:
        read_all(path)
    assert (caught.value.line, caught.value.column) == (3, 2)


def test_folders_expand_to_their_matching_files_and_missing_paths_stay(tmp_path):
    (tmp_path / "b.json").write_text("[]")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.geojson.gz").write_bytes(b"")
    (tmp_path / "readme.txt").write_text("")
    found = expand_paths([tmp_path, tmp_path / "missing.json"], suffixes=(".json", ".geojson.gz"))
    assert found == [tmp_path / "b.json", tmp_path / "sub" / "a.geojson.gz", tmp_path / "missing.json"]


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        ("\ufeffCrime ID,Month,Reported by,Falls within,Longitude\n", "crime csv"),
        ('  {"type": "FeatureCollection"', "json"),
        ("<?xml version='1.0'?><kml>", "xml"),
        ("lsoa21_code,IMD_decile\n", "csv"),
    ],
)
def test_it_recognises_what_a_file_looks_like(head, kind):
    assert looks_like(head) == kind


def test_every_file_is_tried_and_the_failures_are_raised_together(tmp_path):
    paths = [tmp_path / name for name in ("one.txt", "two.txt", "three.txt")]
    for path in paths[:2]:
        path.write_text("x")

    def one(path: Path, progress) -> ImportReport:
        if path.name == "two.txt":
            raise ImportFailed("broken", path=path, line=2, column="name")
        report = ImportReport(source=str(path), read=1, imported=1)
        progress(1, 1)
        return report

    report = import_files(paths, one, suffixes=(".txt",))
    assert [(Path(f.path).name, f.ok) for f in report.files] == [
        ("one.txt", True),
        ("two.txt", False),
        ("three.txt", False),
    ]
    assert report.files[2].message.endswith("file not found")
    assert report.imported == 1
    with pytest.raises(ImportFailed) as caught:
        raise_if_failed(report)
    assert str(caught.value).startswith("2 of 3 files failed: ")
    assert "two.txt, line 2, column 'name': broken" in str(caught.value)
    assert caught.value.report["failed_files"] == [str(paths[1]), str(paths[2])]


def test_the_bar_starts_again_for_the_next_file():
    stream = io.StringIO()
    bar = BarProgress(stream, "rows")
    bar(50, 100)
    bar(100, 100)
    bar(10, 40)
    assert bar.bar is not None
    assert (bar.bar.n, bar.bar.total) == (10, 40)
    bar.close()


def test_the_binary_opener_reads_a_named_member_and_reports_its_position(tmp_path):
    path = tmp_path / "archive.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("2016-07/2016-07-a-street.csv", b"one\n")
        archive.writestr("2016-07/2016-07-b-street.csv", b"two\nlines\n")
    from core.imports import open_binary

    with open_binary(path, member="2016-07/2016-07-b-street.csv") as opened:
        assert opened.stream.read() == b"two\nlines\n"
        assert opened.tell() == len(b"two\nlines\n")
    with pytest.raises(ImportFailed) as caught:
        read_all(path, member_suffix=".csv")
    assert "expected one '*.csv' file in the archive, found 2" in str(caught.value)
