"""Importer behaviour over files (issue 8 §6): folders, empty files, progress, JSON locations, wrong formats.

Fixtures are cut from the real files in shared/data.
"""

import gzip
import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, ManagementUtility, call_command

from core.imports import ImportFailed
from geography.importers.boundaries import import_lsoa_boundaries
from geography.importers.imd import import_imd
from geography.importers.police import import_police_neighbourhoods
from geography.models import LSOA, DeprivationRecord, Neighbourhood

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def wy_features(shared_data):
    return json.loads((shared_data / "boundaries" / "west_yorkshire_lsoa11_bsc_v3.geojson").read_text())["features"]


def geojson(path: Path, features) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


@pytest.fixture
def folder(tmp_path, wy_features):
    """Three boundary files: two good ones around a bad one (a malformed LSOA code)."""
    folder = tmp_path / "boundaries"
    folder.mkdir()
    geojson(folder / "a_first.geojson", wy_features[:40])
    bad = json.loads(json.dumps(wy_features[40:60]))
    bad[5]["properties"]["LSOA11CD"] = "X01000000"
    geojson(folder / "b_bad.geojson", bad)
    geojson(folder / "c_last.geojson", wy_features[60:100])
    (folder / "notes.txt").write_text("not a boundary file")
    return folder


def test_a_folder_import_tries_every_file_and_names_the_failed_one(folder, wy_features):
    with pytest.raises(ImportFailed) as caught:
        import_lsoa_boundaries(folder, vintage=2011)
    assert caught.value.path.endswith("b_bad.geojson")
    assert "malformed LSOA code" in str(caught.value)
    codes = set(LSOA.objects.values_list("code", flat=True))
    assert codes == {f["properties"]["LSOA11CD"] for f in wy_features[:40] + wy_features[60:100]}
    report = caught.value.import_report
    assert [(Path(f.path).name, f.ok, f.imported) for f in report.files] == [
        ("a_first.geojson", True, 40),
        ("b_bad.geojson", False, 0),
        ("c_last.geojson", True, 40),
    ]
    assert [Path(f.path).name for f in report.failed_files] == ["b_bad.geojson"]
    assert report.as_dict()["failed_files"] == [str(folder / "b_bad.geojson")]


def test_the_command_exits_non_zero_and_names_the_failed_files(folder, tmp_path, capsys):
    shutil.copy(folder / "b_bad.geojson", folder / "d_bad_too.geojson")
    utility = ManagementUtility(["manage.py", "import_lsoa_boundaries", str(folder), "--vintage", "2011"])
    with pytest.raises(SystemExit) as exited:
        utility.execute()
    assert exited.value.code != 0
    captured = capsys.readouterr()
    assert "2 of 4 files failed" in captured.err
    assert "b_bad.geojson" in captured.err
    assert "d_bad_too.geojson" in captured.err
    assert "Traceback" not in captured.err
    assert "files: 4, 2 imported, 2 failed" in captured.out
    # (run_from_argv closes the database connection, so the rows are counted in the test above)


def test_several_police_files_are_each_atomic(shared_data, tmp_path):
    police = shared_data / "police"
    bad = tmp_path / "leicestershire_NC99_boundary.json"
    bad.write_text(json.dumps([{"latitude": "52.6", "longitude": "-1.1"}]))  # one vertex: not a polygon
    with pytest.raises(ImportFailed) as caught:
        import_police_neighbourhoods(
            [police / "police_leicestershire_neighbourhoods.json", bad, police / "police_leicestershire_NC04.json"],
            force_slug="leicestershire",
        )
    assert caught.value.path == str(bad)
    assert Neighbourhood.objects.get(code="NC04").url_force  # the detail after the bad file landed
    assert Neighbourhood.objects.get(code="NC04").boundary is None


@pytest.mark.parametrize("content", ["", "\ufeff\n"])
def test_an_empty_boundary_file_gives_a_no_rows_warning(tmp_path, content):
    path = tmp_path / "empty.geojson"
    path.write_text(content)
    report = import_lsoa_boundaries(path, vintage=2011)
    assert report.warnings == ["no rows"]
    assert report.read == 0
    assert report.files[0].ok


def test_a_featureless_boundary_file_gives_a_no_rows_warning(tmp_path):
    out = StringIO()
    call_command("import_lsoa_boundaries", str(geojson(tmp_path / "none.geojson", [])), "--vintage", "2011", stdout=out)
    assert "warning: no rows" in out.getvalue()


def test_a_header_only_imd_file_gives_a_no_rows_warning(shared_data, tmp_path):
    with gzip.open(shared_data / "iod" / "imd2025_england_lsoa21.csv.gz", "rt") as handle:
        header = handle.readline()
    path = tmp_path / "header_only.csv"
    path.write_text(header)
    report = import_imd(path)
    assert report.warnings == ["no rows"]
    assert not DeprivationRecord.objects.exists()
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert import_imd(empty).warnings == ["no rows"]


def test_an_empty_police_list_gives_a_no_rows_warning(tmp_path):
    path = tmp_path / "leicestershire_neighbourhoods.json"
    path.write_text("[]\n")
    report = import_police_neighbourhoods([path], force_slug="leicestershire")
    assert report.warnings == ["no rows"]


class Recorder:
    def __init__(self):
        self.calls = []

    def __call__(self, done, total):
        self.calls.append((done, total))


def test_boundary_progress_totals_are_the_feature_count(shared_data, wy_features):
    progress = Recorder()
    import_lsoa_boundaries(
        shared_data / "boundaries" / "west_yorkshire_lsoa11_bsc_v3.geojson", vintage=2011, progress=progress
    )
    assert {total for _, total in progress.calls} == {len(wy_features)}
    assert progress.calls[-1] == (len(wy_features), len(wy_features))
    assert all(done <= total for done, total in progress.calls)


def test_imd_progress_totals_are_the_row_count(shared_data, tmp_path):
    with gzip.open(shared_data / "iod" / "imd2025_england_lsoa21.csv.gz", "rt") as handle:
        lines = [next(handle) for _ in range(2501)]
    path = tmp_path / "imd2025_first_2500.csv"
    path.write_text("".join(lines))
    progress = Recorder()
    import_imd(path, progress=progress)
    assert {total for _, total in progress.calls} == {2500}
    assert progress.calls[-1] == (2500, 2500)


def test_police_progress_totals_are_the_entry_count(shared_data):
    listed = json.loads((shared_data / "police" / "police_leicestershire_neighbourhoods.json").read_text())
    progress = Recorder()
    import_police_neighbourhoods(
        [shared_data / "police" / "police_leicestershire_neighbourhoods.json"],
        force_slug="leicestershire",
        progress=progress,
    )
    assert progress.calls[-1] == (len(listed), len(listed))
    assert {total for _, total in progress.calls} == {len(listed)}


def test_a_json_error_in_a_one_line_file_gives_line_column_and_the_feature(tmp_path, wy_features):
    text = json.dumps({"type": "FeatureCollection", "features": wy_features[:5]}, separators=(",", ":"))
    third = text.index('{"type":"Feature"', text.index('{"type":"Feature"', text.index('"features"') + 20) + 1)
    broken = text[:third] + text[third:].replace('"properties":', '"properties"', 1)
    path = tmp_path / "minified.geojson"
    path.write_text(broken)
    with pytest.raises(ImportFailed) as caught:
        import_lsoa_boundaries(path, vintage=2011)
    error = caught.value
    at = broken.index('"properties"{', third) + len('"properties"')
    assert (error.line, error.column) == (1, at + 1)
    message = str(error)
    assert f"line 1, column {at + 1}:" in message
    assert "column '" not in message  # a character position, not a field name
    assert "item 3 of the array" in message
    assert "near '" in message


def test_a_json_error_on_a_later_line_gives_that_line(shared_data, tmp_path):
    text = (shared_data / "police" / "police_leicestershire_NC04.json").read_text()
    lines = json.dumps(json.loads(text), indent=2).splitlines()
    lines[3] = lines[3].rstrip(",")  # drop a comma between two properties
    path = tmp_path / "leicestershire_NC04.json"
    path.write_text("\n".join(lines))
    with pytest.raises(ImportFailed) as caught:
        import_police_neighbourhoods([path], force_slug="leicestershire")
    assert caught.value.line == 5
    assert isinstance(caught.value.column, int)
    assert caught.value.column == len(lines[4]) - len(lines[4].lstrip()) + 1


@pytest.mark.parametrize("importer", ["import_police_neighbourhoods", "import_lsoa_boundaries"])
def test_a_crime_csv_given_to_a_json_importer_says_use_import_crimes(shared_data, importer):
    path = shared_data / "crime" / "west-yorkshire" / "2016-07-west-yorkshire-street.csv.gz"
    options = ["--force", "west-yorkshire"] if importer == "import_police_neighbourhoods" else ["--vintage", "2011"]
    with pytest.raises(CommandError) as caught:
        call_command(importer, str(path), *options, stdout=StringIO(), stderr=StringIO())
    assert "this looks like a police.uk crime CSV; use import_crimes" in str(caught.value)
    assert "not valid JSON" not in str(caught.value)


def test_a_crime_archive_given_to_the_neighbourhood_importer_says_use_import_crimes(shared_data):
    with pytest.raises(ImportFailed) as caught:
        import_police_neighbourhoods(
            [shared_data / "crime" / "other" / "police_durham_2026-05_small.zip"], force_slug="durham"
        )
    assert "use import_crimes" in str(caught.value)


@pytest.mark.parametrize("content", ["", '<?xml version="1.0"?><kml><Document></Document></kml>'])
def test_an_empty_kml_gives_a_no_rows_warning(tmp_path, content):
    path = tmp_path / "NC04.kml"
    path.write_text(content)
    report = import_police_neighbourhoods([path], force_slug="leicestershire")
    assert report.warnings == ["no rows"]
    assert not Neighbourhood.objects.exists()


def test_a_crime_csv_given_to_the_imd_importer_says_use_import_crimes(shared_data):
    path = shared_data / "crime" / "other" / "2016-11-avon-and-somerset-street.csv.gz"
    with pytest.raises(ImportFailed) as caught:
        import_imd(path)
    assert "this looks like a police.uk crime CSV; use import_crimes" in str(caught.value)


def test_a_geojson_given_to_the_imd_importer_says_what_it_is(shared_data):
    with pytest.raises(ImportFailed) as caught:
        import_imd(shared_data / "boundaries" / "west_yorkshire_lsoa11_bsc_v3.geojson")
    assert "this looks like a JSON file, not a CSV" in str(caught.value)
