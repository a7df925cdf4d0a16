"""Bad boundary files: a clear message naming file, line and column, and nothing written."""

from pathlib import Path

import pytest
from django.contrib.gis.geos import GEOSGeometry

from core.imports import ImportFailed
from geography.importers._geometry import polygonal
from geography.importers.boundaries import import_lsoa_boundaries
from geography.models import LSOA
from tests.factories import LSOAFactory

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture
def existing():
    """An LSOA already stored, so 'nothing changed' is a real count, not an empty table."""
    return LSOAFactory(code="E01099999", vintage=2011)


def refused(name, **kwargs):
    with pytest.raises(ImportFailed) as caught:
        import_lsoa_boundaries(CORPUS / name, vintage=kwargs.pop("vintage", 2011), **kwargs)
    return caught.value


def test_it_rejects_geometry_it_cannot_repair(existing):
    error = refused("boundaries_bad_geometry.geojson")
    assert error.path.endswith("boundaries_bad_geometry.geojson")
    assert (error.line, error.column) == (4, "geometry")
    assert "feature 3 (E01099903)" in str(error)
    assert "nothing was imported" in str(error)
    assert list(LSOA.objects.values_list("code", flat=True)) == [existing.code]


def test_it_imports_the_valid_features_when_told_to_skip_invalid(existing):
    report = import_lsoa_boundaries(CORPUS / "boundaries_bad_geometry.geojson", vintage=2011, skip_invalid=True)
    assert (report.read, report.imported, report.rejected_total) == (3, 2, 1)
    assert report.rejected == {"bad geometry": 1}
    assert LSOA.objects.count() == 3


def test_it_rejects_a_malformed_lsoa_code(existing):
    error = refused("boundaries_malformed_code.geojson")
    assert (error.line, error.column) == (4, "LSOA11CD")
    assert "E0109990X" in str(error)
    assert LSOA.objects.count() == 1


def test_it_reports_a_truncated_json_file(existing):
    error = refused("boundaries_truncated.geojson")
    assert error.path.endswith("boundaries_truncated.geojson")
    assert error.line == 4
    assert error.column
    assert "truncated" in str(error)
    assert LSOA.objects.count() == 1


def test_it_reports_a_truncated_gzip_file(existing):
    error = refused("boundaries_truncated.geojson.gz")
    assert "truncated or corrupt" in str(error)
    assert error.line is not None
    assert LSOA.objects.count() == 1


def test_it_reports_the_wrong_encoding_by_line_and_column(existing):
    error = refused("boundaries_latin1.geojson")
    assert error.line == 4
    raw = (CORPUS / "boundaries_latin1.geojson").read_bytes().split(b"\n")[3]
    assert int(error.column) == raw.index(b"\xf4") + 1
    assert "not UTF-8" in str(error)
    assert LSOA.objects.count() == 1


def test_it_refuses_a_2021_style_file_as_2011(existing):
    error = refused("boundaries_lsoa21_style.geojson")
    assert (error.line, error.column) == (1, "lsoa21_code")
    assert LSOA.objects.count() == 1


def test_it_reports_a_missing_file():
    error = refused("no_such_file.geojson")
    assert "not found" in str(error)


def test_it_keeps_the_polygon_and_drops_a_collapsed_spike():
    spiked = GEOSGeometry("POLYGON((0 0, 1 0, 2 0, 1 0, 1 1, 0 1, 0 0))", srid=4326)
    assert spiked.make_valid().geom_type == "GeometryCollection"
    repaired, was_repaired = polygonal(spiked)
    assert was_repaired
    assert repaired.geom_type == "MultiPolygon"
    assert repaired.srid == 4326
    assert repaired.area == pytest.approx(1.0)
