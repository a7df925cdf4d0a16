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
