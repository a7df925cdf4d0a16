"""The OpenAPI schema: drf-spectacular builds it with zero warnings and it validates (issue 7 §5).

scripts/test runs the same command as a check; this test keeps it in the suite for anyone running pytest alone.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse


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


# Two schemas (issue 12): the internal one is for police roles only; the police.uk one is public.


@pytest.mark.django_db
def test_the_internal_schema_and_docs_are_refused_to_anonymous_and_partners(client: Any, cast: Any) -> None:
    for url in (reverse("api-schema"), reverse("api-docs")):
        assert client.get(url).status_code == 403
    client.force_login(cast.pat)
    for url in (reverse("api-schema"), reverse("api-docs")):
        assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_police_read_the_internal_schema_with_its_internal_endpoints(client: Any, cast: Any) -> None:
    client.force_login(cast.olivia)
    schema = yaml.safe_load(client.get(reverse("api-schema")).content)
    assert any(path.startswith("/api/queries/") for path in schema["paths"])
    docs = client.get(reverse("api-docs"))
    assert docs.status_code == 200
    assert "/api/queries/" in docs.content.decode()


@pytest.mark.django_db
def test_the_public_schema_lists_the_police_uk_api_only_and_says_why_outcome_dates_are_null(client: Any) -> None:
    schema = yaml.safe_load(client.get(reverse("policeuk:schema")).content)
    assert schema["paths"]
    assert all(path.startswith("/api/police-uk/") for path in schema["paths"])
    status = schema["components"]["schemas"]["PoliceUkOutcomeStatus"]["properties"]["date"]
    assert "no" in status["description"]
    assert "month" in status["description"]
    docs = client.get(reverse("policeuk:docs")).content.decode()
    assert "/api/police-uk/forces" in docs
    assert "/api/queries/" not in docs
