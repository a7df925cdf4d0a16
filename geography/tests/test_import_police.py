"""import_police_neighbourhoods against the real police.uk responses in shared/data/police."""

import json
import zipfile
from pathlib import Path

import pytest
from django.contrib.gis.geos import Polygon

from core.imports import ImportFailed
from geography.importers.police import import_police_neighbourhoods
from geography.models import Force, Neighbourhood, NeighbourhoodLSOA
from tests.factories import LSOAFactory, square

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture
def police(shared_data):
    return shared_data / "police"


def ring(police):
    vertices = json.loads((police / "police_leicestershire_NC04_boundary.json").read_text())
    return [(float(v["longitude"]), float(v["latitude"])) for v in vertices]


def kml(placemarks):
    body = "".join(
        f"<Placemark><name>{name}</name><Polygon><outerBoundaryIs><LinearRing><coordinates>"
        + " ".join(f"{x},{y},0" for x, y in points)
        + "</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>\n"
        for name, points in placemarks
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>\n{body}</Document></kml>\n'


def test_it_imports_the_list_detail_and_boundary(police):
    listed = json.loads((police / "police_leicestershire_neighbourhoods.json").read_text())
    detail = json.loads((police / "police_leicestershire_NC04.json").read_text())
    paths = [
        police / "police_leicestershire_neighbourhoods.json",
        police / "police_leicestershire_NC04.json",
        police / "police_leicestershire_NC04_boundary.json",
    ]
    report = import_police_neighbourhoods(paths, force_slug="leicestershire", force_name="Leicestershire Police")
    assert report.read == len(listed) + 2 == report.imported
    assert Force.objects.get(slug="leicestershire").name == "Leicestershire Police"
    assert Neighbourhood.objects.filter(force__slug="leicestershire").count() == len(listed)
    assert Neighbourhood.objects.get(code=listed[-1]["id"]).name == listed[-1]["name"]
    nc04 = Neighbourhood.objects.get(force__slug="leicestershire", code="NC04")
    assert nc04.name == detail["name"]
    assert nc04.url_force == detail["url_force"]
    assert nc04.links == detail["links"]
    assert nc04.description == detail["description"]
    assert (nc04.centre.x, nc04.centre.y) == (float(detail["centre"]["longitude"]), float(detail["centre"]["latitude"]))
    assert nc04.population is None  # police.uk's "0" means unknown
    assert nc04.boundary.valid
    assert nc04.boundary.srid == 4326
    # The real ring crosses itself once; it is repaired, keeping the same outline.
    assert nc04.boundary.equals(Polygon(ring(police), srid=4326).make_valid())
    assert any("repaired" in note for note in report.notes)


def test_it_changes_nothing_when_run_again(police):
    paths = [police / "police_leicestershire_neighbourhoods.json", police / "police_leicestershire_NC04_boundary.json"]
    import_police_neighbourhoods(paths, force_slug="leicestershire")
    again = import_police_neighbourhoods(paths, force_slug="leicestershire")
    assert again.imported == 0
    assert again.duplicates == again.read
    assert Neighbourhood.objects.count() == again.read - 1


def test_it_derives_membership_from_a_new_boundary(police):
    inside = Polygon(ring(police), srid=4326).make_valid().point_on_surface
    lsoa = LSOAFactory(vintage=2011, geometry=square(inside.x - 0.0005, inside.y - 0.0005, 0.001))
    LSOAFactory(vintage=2011, geometry=square(0.5, 51.0))  # far away
    report = import_police_neighbourhoods(
        [police / "police_leicestershire_NC04_boundary.json"], force_slug="leicestershire"
    )
    hood = Neighbourhood.objects.get(code="NC04")
    assert list(NeighbourhoodLSOA.objects.filter(neighbourhood=hood).values_list("lsoa", flat=True)) == [lsoa.pk]
    assert any("derived spatially for 1" in note for note in report.notes)
    assert hood.name == "NC04"  # no list or detail given: the id stands in for the name


def test_it_reads_a_kml_boundary_named_by_its_file(police, tmp_path):
    path = tmp_path / "NC04.kml"
    path.write_text(kml([("City Centre", ring(police))]))
    report = import_police_neighbourhoods([path], force_slug="leicestershire")
    assert report.imported == 1
    hood = Neighbourhood.objects.get(code="NC04")
    assert hood.boundary.equals(Polygon(ring(police), srid=4326).make_valid())


def test_it_reads_a_zip_of_kml_files_for_its_force(police, tmp_path):
    points = ring(police)
    moved = [(x + 0.05, y) for x, y in points]
    bundle = tmp_path / "neighbourhoods.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("leicestershire/NC04.kml", kml([("NC04", points)]))
        archive.writestr("leicestershire/NC05.kml", kml([("NC05", moved)]))
        archive.writestr("other-force/XY01.kml", kml([("XY01", points)]))
    report = import_police_neighbourhoods([bundle], force_slug="leicestershire")
    assert report.read == report.imported == 2
    assert set(Neighbourhood.objects.values_list("code", flat=True)) == {"NC04", "NC05"}


def test_it_takes_ids_from_placemark_names_in_a_multi_placemark_kml(police, tmp_path):
    points = ring(police)
    path = tmp_path / "leicestershire.kml"
    path.write_text(kml([("NC04", points), ("NC05", [(x + 0.05, y) for x, y in points])]))
    import_police_neighbourhoods([path], force_slug="leicestershire")
    assert set(Neighbourhood.objects.values_list("code", flat=True)) == {"NC04", "NC05"}


def test_it_refuses_the_reserved_id_and_writes_nothing_of_that_file(police):
    listed = json.loads((police / "police_leicestershire_neighbourhoods.json").read_text())
    with pytest.raises(ImportFailed) as caught:
        import_police_neighbourhoods(
            [CORPUS / "police_reserved_id.json", police / "police_leicestershire_neighbourhoods.json"],
            force_slug="leicestershire",
        )
    assert caught.value.path.endswith("police_reserved_id.json")
    assert (caught.value.line, caught.value.column) == (6, "id")
    assert "reserved" in str(caught.value)
    # Each file is atomic on its own: the bad one wrote nothing, the good one after it landed.
    assert not Neighbourhood.objects.filter(code="neighbourhoods").exists()
    assert Neighbourhood.objects.count() == len(listed)
    report = caught.value.import_report
    assert [(Path(f.path).name, f.ok) for f in report.files] == [
        ("police_reserved_id.json", False),
        ("police_leicestershire_neighbourhoods.json", True),
    ]


def test_a_bad_file_alone_leaves_no_force_behind():
    with pytest.raises(ImportFailed):
        import_police_neighbourhoods([CORPUS / "police_reserved_id.json"], force_slug="leicestershire")
    assert not Neighbourhood.objects.exists()
    assert not Force.objects.exists()


def test_it_refuses_a_boundary_with_too_few_vertices():
    with pytest.raises(ImportFailed) as caught:
        import_police_neighbourhoods([CORPUS / "testshire_NB01_boundary.json"], force_slug="testshire")
    assert "bad geometry" in str(caught.value)
    assert not Neighbourhood.objects.exists()


def test_it_reports_malformed_kml_by_line_and_column():
    with pytest.raises(ImportFailed) as caught:
        import_police_neighbourhoods([CORPUS / "police_malformed.kml"], force_slug="testshire")
    assert caught.value.line == 5
    assert caught.value.column
    assert "not valid KML" in str(caught.value)
    assert not Neighbourhood.objects.exists()
