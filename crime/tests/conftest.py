"""Fixtures for the crime importer tests: the real police.uk files and the WY LSOA 2011 boundaries."""

from __future__ import annotations

import csv
import gzip
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon

from geography.models import LSOA

WY_CRIME = "crime/west-yorkshire"
WY_LSOAS = "boundaries/west_yorkshire_lsoa11_bsc_v3.geojson"
DURHAM_ZIP = "crime/other/police_durham_2026-05_small.zip"


def csv_rows(path: Path, member: str | None = None) -> list[dict[str, str]]:
    """The rows of a police.uk CSV (plain, gzip or a zip member) read with the csv module: the expectations."""
    if member is not None:
        with zipfile.ZipFile(path) as archive:
            text = archive.read(member).decode("utf-8-sig")
    elif path.suffix == ".gz":
        text = gzip.decompress(path.read_bytes()).decode("utf-8-sig")
    else:
        text = path.read_text("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def distinct_records(rows: list[dict[str, str]]) -> int:
    """Rows a file should import: every row without a Crime ID, and each Crime ID once."""
    ids = {row["Crime ID"] for row in rows if row["Crime ID"]}
    return len(ids) + sum(1 for row in rows if not row["Crime ID"])


@pytest.fixture
def wy_files(shared_data: Path) -> list[Path]:
    files = sorted((shared_data / WY_CRIME).glob("*-street.csv.gz"))
    assert len(files) == 3
    return files


@pytest.fixture
def wy_lsoa_codes(shared_data: Path) -> set[str]:
    features = json.loads((shared_data / WY_LSOAS).read_text())["features"]
    return {feature["properties"]["LSOA11CD"] for feature in features}


@pytest.fixture
def wy_lsoas(db: None, shared_data: Path) -> int:
    """Load the West Yorkshire LSOA 2011 boundaries; returns how many there are."""
    path = shared_data / WY_LSOAS
    try:
        from geography.importers.boundaries import import_lsoa_boundaries
    except ImportError:  # before the geography importer existed: build the rows directly
        features = json.loads(path.read_text())["features"]
        for feature in features:
            geometry = GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)
            if geometry.geom_type == "Polygon":
                geometry = MultiPolygon(geometry, srid=4326)
            properties = feature["properties"]
            LSOA.objects.create(
                code=properties["LSOA11CD"], vintage=2011, name=properties["LSOA11NM"], geometry=geometry
            )
    else:
        import_lsoa_boundaries(path, vintage=2011)
    return LSOA.objects.filter(vintage=2011).count()


LSOA21_EW = "boundaries/lsoa21_ew_bsc_v4_geographr.geojson.gz"
WY_DISTRICTS = ("Bradford ", "Calderdale ", "Kirklees ", "Leeds ", "Wakefield ")


def load_lsoa21(
    shared_data: Path, *, names: tuple[str, ...] = (), codes: set[str] | frozenset[str] = frozenset()
) -> int:
    """Create the LSOA 2021 rows of the national file whose name starts with one of NAMES or whose code is in
    CODES (a row filter of the real boundaries); returns how many.
    """
    with gzip.open(shared_data / LSOA21_EW, "rt", encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    made = []
    for feature in features:
        properties = feature["properties"]
        code, name = properties["lsoa21_code"], properties["lsoa21_name"]
        if code in codes or name.startswith(names or ("\0",)):
            geometry = GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)
            if geometry.geom_type == "Polygon":
                geometry = MultiPolygon(geometry, srid=4326)
            made.append(LSOA(code=code, vintage=2021, name=name, geometry=geometry, source=LSOA21_EW))
    LSOA.objects.bulk_create(made)
    return len(made)


def shifted(path: Path, month: str, target: Path, *, share: float = 1.0) -> Path:
    """The real file with every row's month set to MONTH, keeping the first SHARE of its rows."""
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    header, _, body = text.partition("\n")
    original = csv_rows(path)[0]["Month"]
    lines = body.replace(f",{original},", f",{month},").splitlines(keepends=True)
    target.write_text(header + "\n" + "".join(lines[: round(len(lines) * share)]), encoding="utf-8")
    return target
