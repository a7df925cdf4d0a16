"""schemathesis against both OpenAPI schemas: no generated request answers 5xx (issue 14, "no URL answers 500").

The schemas are built in-process by drf-spectacular (the internal one and the public police.uk one), and each
operation gets a bounded number of generated requests (``NPT_FUZZ_EXAMPLES``, default 5), sent through Django's
test client so that they run inside the test's transaction with a signed-in user. Only the server-error check
is made: a 4xx for a nonsense id or a malformed filter is the right answer.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import urlencode

import pytest
import schemathesis
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

EXAMPLES = int(os.environ.get("NPT_FUZZ_EXAMPLES", "5"))


# The schemas' own examples and generated requests (valid and invalid); the coverage phase's exhaustive
# boundary cases and stateful sequences would multiply the run time (issue 14: a bounded example count).
CONFIG = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}}})


def _load(urlconf: str | None) -> Any:
    spec = SchemaGenerator(urlconf=urlconf).get_schema(request=None, public=True)
    return schemathesis.openapi.from_dict(json.loads(OpenApiJsonRenderer().render(spec)), config=CONFIG)


internal = _load(None)
police_uk = _load("policeuk.schema_urls")

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same requests every run, so a failure reproduces
    suppress_health_check=list(HealthCheck),
    database=None,
)


def _send(client: Client, case: Any) -> Any:
    path = case.formatted_path
    if case.query:
        path = f"{path}?{urlencode(case.query, doseq=True)}"
    kwargs: dict[str, Any] = {}
    if case.body is not None and case.method.upper() not in ("GET", "HEAD", "DELETE"):
        kwargs = {"data": json.dumps(case.body, default=str), "content_type": "application/json"}
    return client.generic(case.method.upper(), path, **kwargs)


def _assert_not_server_error(response: Any, case: Any) -> None:
    assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query} -> {response.status_code}"


@pytest.mark.django_db
@internal.parametrize()
@FUZZ
def test_internal_api_answers_no_5xx_to_an_administrator(case: Any, cast: Any) -> None:
    client = Client()
    client.force_login(cast.ada)
    _assert_not_server_error(_send(client, case), case)


@pytest.mark.django_db
@internal.parametrize()
@FUZZ
def test_internal_api_answers_no_5xx_to_a_partner(case: Any, cast: Any) -> None:
    client = Client()
    client.force_login(cast.pat)
    _assert_not_server_error(_send(client, case), case)


@pytest.mark.django_db
@police_uk.parametrize()
@FUZZ
def test_police_uk_api_answers_no_5xx_to_the_public(case: Any, cast: Any) -> None:
    _assert_not_server_error(_send(Client(), case), case)


@pytest.mark.django_db
def test_an_unrouted_method_is_405_and_options_needs_the_list_permission(cast: Any) -> None:
    # What the fuzzing found: both answered 500 ("names no required_perm") before HasPerm knew them.
    client = Client()
    client.force_login(cast.ada)
    assert client.post("/api/queries/queries/", {}).status_code == 405
    assert client.options("/api/queries/queries/").status_code == 200
    client.force_login(cast.nobody)
    assert client.options("/api/queries/queries/").status_code == 403


@pytest.mark.django_db
def test_a_date_time_filter_with_an_offset_postgresql_cannot_store_is_not_a_500(cast: Any) -> None:
    # What the fuzzing found: PostgreSQL takes offsets up to ±15:59, Python up to ±23:59 (core/filters.py).
    client = Client()
    client.force_login(cast.ada)
    ok = client.get("/api/queries/queries/", {"received_before": "4398-09-28T03:32:13-18:08"})
    assert ok.status_code == 200
    edge = client.get("/api/queries/queries/", {"received_before": "9999-12-31T23:59:59-18:00"})
    assert edge.status_code == 400
