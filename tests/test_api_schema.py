"""The OpenAPI schema: drf-spectacular builds it with zero warnings and it validates (issue 7 §5).

scripts/test runs the same command as a check; this test keeps it in the suite for anyone running pytest alone.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml
from django.core.management import call_command


def _schema(tmp_path: Path) -> dict:
    out = tmp_path / "schema.yaml"
    # --fail-on-warn raises on any warning or error; --validate checks the result against the OpenAPI spec.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    return yaml.safe_load(out.read_text())


def test_the_schema_builds_without_warnings_and_validates(tmp_path: Path) -> None:
    schema = _schema(tmp_path)
    operations = [op["operationId"] for path in schema["paths"].values() for op in path.values()]
    assert [name for name, count in Counter(operations).items() if count > 1] == []
    assert {
        "geography_neighbourhoods_list",
        "geography_neighbourhoods_retrieve",
        "geography_neighbourhoods_lsoas_retrieve",
    } <= set(operations)


def test_the_schema_describes_the_geojson(tmp_path: Path) -> None:
    components = _schema(tmp_path)["components"]["schemas"]
    feature = components["NeighbourhoodFeature"]["properties"]
    assert feature["geometry"]["properties"]["type"]["enum"] == ["MultiPolygon"]
    assert {"kind", "code", "label", "url"} <= set(feature["properties"]["properties"])
    # The map's collection holds a boundary feature and LSOA features.
    assert components["NeighbourhoodMapFeature"]["oneOf"] == [
        {"$ref": "#/components/schemas/NeighbourhoodFeature"},
        {"$ref": "#/components/schemas/LSOAFeature"},
    ]
    page = components["PaginatedNeighbourhoodFeatureList"]["allOf"]
    assert page[0] == {"$ref": "#/components/schemas/NeighbourhoodFeatureList"}
    assert set(page[1]["properties"]) == {"count", "next", "previous"}
