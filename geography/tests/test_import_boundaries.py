"""import_lsoa_boundaries against the real ONS files in shared/data/boundaries."""

import gzip
import json

import pytest
from django.contrib.gis.geos import GEOSGeometry

from core.imports import ImportFailed
from geography.importers.boundaries import import_lsoa_boundaries
from geography.models import LSOA, NeighbourhoodLSOA, Vintage
from geography.services import neighbourhood_set_lsoas
from tests.factories import LSOAFactory, NeighbourhoodFactory, square

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]


def load(path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)["features"]


def test_it_imports_every_west_yorkshire_lsoa_2011(shared_data):
    path = shared_data / "boundaries" / "west_yorkshire_lsoa11_bsc_v3.geojson"
    features = load(path)
    report = import_lsoa_boundaries(path, vintage=2011)
    assert report.read == len(features)
    assert report.imported == len(features)
    assert report.read == report.imported + report.duplicates + report.rejected_total
    assert LSOA.objects.filter(vintage=2011).count() == len(features)
    sample = features[len(features) // 2]
    lsoa = LSOA.objects.get(code=sample["properties"]["LSOA11CD"], vintage=2011)
    assert lsoa.name == sample["properties"]["LSOA11NM"]
    assert lsoa.geometry.geom_type == "MultiPolygon"
    assert lsoa.geometry.srid == 4326
    expected = GEOSGeometry(json.dumps(sample["geometry"]), srid=4326)
    assert lsoa.geometry.equals(expected)
    assert lsoa.source == path.name


def test_it_changes_nothing_when_run_again(shared_data):
    path = shared_data / "boundaries" / "west_yorkshire_lsoa11_bsc_v3.geojson"
    import_lsoa_boundaries(path, vintage=2011)
    before = list(LSOA.objects.order_by("code").values_list("code", "name", "source"))
    again = import_lsoa_boundaries(path, vintage=2011)
    assert again.imported == 0
    assert again.duplicates == again.read == len(before)
    assert list(LSOA.objects.order_by("code").values_list("code", "name", "source")) == before


def test_it_reads_the_gzipped_area_code_style_and_repairs_invalid_rings(shared_data):
    path = shared_data / "boundaries" / "gm_lsoa11_generalised_traffordlab.geojson.gz"
    features = load(path)
    invalid = [
        f["properties"]["area_code"] for f in features if not GEOSGeometry(json.dumps(f["geometry"]), srid=4326).valid
    ]
    report = import_lsoa_boundaries(path, vintage=2011)
    assert report.imported == len(features) == LSOA.objects.filter(vintage=2011).count()
    assert any("does not say the LSOA vintage" in note for note in report.notes)
    assert any(f"{len(invalid)} invalid polygons repaired" in note for note in report.notes)
    repaired = LSOA.objects.get(code=invalid[0], vintage=2011)
    assert repaired.geometry.valid


def test_it_imports_lsoa21_style_as_2021(shared_data, tmp_path):
    features = load(shared_data / "boundaries" / "lsoa21_ew_bsc_v4_geographr.geojson.gz")[:300]
    subset = tmp_path / "lsoa21_subset.geojson"
    subset.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    report = import_lsoa_boundaries(subset, vintage=2021)
    assert report.imported == 300
    first = features[0]["properties"]
    assert LSOA.objects.get(code=first["lsoa21_code"], vintage=2021).name == first["lsoa21_name"]
    assert not LSOA.objects.filter(vintage=2011).exists()


def test_it_refuses_a_2021_file_given_as_2011(shared_data):
    path = shared_data / "boundaries" / "lsoa21_ew_bsc_v4_geographr.geojson.gz"
    with pytest.raises(ImportFailed) as caught:
        import_lsoa_boundaries(path, vintage=2011)
    assert caught.value.column == "lsoa21_code"
    assert caught.value.line is not None
    assert "--vintage 2021" in str(caught.value)
    assert not LSOA.objects.exists()


def test_it_keeps_a_name_it_already_has(shared_data, tmp_path):
    feature = load(shared_data / "boundaries" / "west_yorkshire_lsoa11_bsc_v3.geojson")[0]
    code = feature["properties"]["LSOA11CD"]
    LSOAFactory(code=code, vintage=2011, name="Named by the IMD import", geometry=None)
    feature["properties"]["LSOA11NM"] = ""
    path = tmp_path / "nameless.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    import_lsoa_boundaries(path, vintage=2011)
    lsoa = LSOA.objects.get(code=code, vintage=2011)
    assert lsoa.name == "Named by the IMD import"
    assert lsoa.geometry is not None


def test_it_rederives_spatial_membership_but_not_explicit(shared_data):
    path = shared_data / "boundaries" / "west_yorkshire_lsoa11_bsc_v3.geojson"
    centre = GEOSGeometry(json.dumps(load(path)[0]["geometry"]), srid=4326).point_on_surface
    spatial = NeighbourhoodFactory(boundary=square(centre.x - 0.005, centre.y - 0.005, 0.01))
    explicit = NeighbourhoodFactory(boundary=square(centre.x - 0.005, centre.y - 0.005, 0.01))
    own = LSOAFactory(vintage=Vintage.V2011, geometry=square(centre.x - 0.005, centre.y - 0.005, 0.01))
    neighbourhood_set_lsoas(neighbourhood=explicit, lsoas=[own])
    report = import_lsoa_boundaries(path, vintage=2011)
    assert NeighbourhoodLSOA.objects.filter(neighbourhood=spatial, method="spatial").exists()
    assert list(explicit.memberships.values_list("lsoa__code", "method")) == [(own.code, "explicit")]
    assert any("re-derived for 1 neighbourhoods" in note for note in report.notes)


def test_it_imports_all_england_and_wales_2011(shared_data):
    path = shared_data / "boundaries" / "lsoa11_ew_bsc_v3.geojson.gz"
    report = import_lsoa_boundaries(path, vintage=2011)
    assert report.read == len(load(path))
    assert report.imported == LSOA.objects.count() == report.read
    assert LSOA.objects.filter(geometry__isvalid=False).count() == 0
