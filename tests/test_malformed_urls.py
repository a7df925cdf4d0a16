"""No URL answers 500 to a malformed path or query string (issue 6 item 3 and its acceptance line).

The routes are not listed by hand: every pattern in the URLconf is walked from ``get_resolver()``, so a
page added tomorrow is covered without touching this file. Each path converter or regex group is filled
with malformed values; each route without one is asked with malformed query strings. DEBUG is off, as in
production, and the client returns the 500 page instead of raising, so one run lists every failure.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.regex_helper import normalize

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Written as they appear in a request line: the client percent-decodes them as a server would, so "5%00"
# reaches the view as "5\x00" and "%ff" as a byte that is not UTF-8.
NINES = "9" * 30
MALFORMED = ["abc", "5%00", "-1", NINES, "%ff"]

# Query parameters the views, the admin and DRF read (pagination, filters, formats, dates), with bad values.
# Grouped so each string still reaches its view's validation: pagination apart from the filters, which
# DRF checks first, and dates apart from the rest.
QUERY_STRINGS = [
    "page=abc",
    "page=-1&page_size=abc&limit=abc&offset=-1&p=abc&o=abc",
    f"page={NINES}&page_size=-5&p={NINES}",
    "force=%00&code=%00&scope=%00&tier=%00&overdue=%00&q=%00&e=%00&next=%00&lang=%00",
    f"force=%ff&code={NINES}&scope=%ff&tier=%ff&overdue=%ff&q=%ff&next=%ff&lang=%ff",
    "at=abc&from=abc&to=%00",
    f"at={NINES}&from=%ff&to={NINES}",
    "format=abc",
]


@dataclass(frozen=True)
class Route:
    name: str
    regex: str  # the full regex from the root, as django.urls.resolvers would build it


def _routes(patterns: Iterable[URLPattern | URLResolver], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for entry in patterns:
        part = entry.pattern.regex.pattern.removeprefix("^")
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry.url_patterns, prefix + part, inner)
        else:
            yield Route(f"{namespace}{entry.name or entry.lookup_str}", prefix + part)


ROUTES = list(_routes(get_resolver().url_patterns))


def _paths(route: Route, valid: str) -> Iterator[str]:
    """ROUTE's path with each malformed value in every group, and in one group at a time with VALID (an id
    that exists: most routes here take a neighbourhood's) in the others, so later groups are reached too.
    """
    for template, params in normalize(route.regex):
        for value in MALFORMED:
            yield "/" + template % dict.fromkeys(params, value)
            if len(params) > 1:
                for param in params:
                    yield "/" + template % {name: (value if name == param else valid) for name in params}


USERS = ["anonymous", "administrator", "superuser"]


def _client(cast: Any, user: str) -> Client:
    """A client that returns the 500 page instead of raising, signed in as USER."""
    client = Client(raise_request_exception=False)
    if user == "administrator":
        # An administrator account is staff, as the demo creates it.
        cast.ada.is_staff = True
        cast.ada.save(update_fields=["is_staff"])
        client.force_login(cast.ada)
    elif user == "superuser":
        # A superuser passes every permission check, so reaches every admin view.
        client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def _errors(client: Client, paths: Iterable[str]) -> list[str]:
    errors = []
    for path in dict.fromkeys(paths):
        status = client.get(path).status_code
        if status >= 500:
            errors.append(f"GET {path} -> {status}")
    return errors


def test_it_walks_every_route_with_parameters() -> None:
    names = {route.name for route in ROUTES if normalize(route.regex)[0][1]}
    # The walk reaches the nested includes: the API router, the HTML pages and the admin.
    assert {"api-geography:neighbourhood-detail", "api-geography:neighbourhood-lsoas"} <= names
    assert {"geography:neighbourhood-detail", "profiles:item-edit", "admin:accounts_user_change"} <= names


@override_settings(DEBUG=False)
@pytest.mark.parametrize("user", USERS)
def test_no_route_answers_500_to_a_malformed_path(cast: Any, user: str) -> None:
    valid = str(cast.ashfield.pk)
    paths = [path for route in ROUTES for path in _paths(route, valid) if normalize(route.regex)[0][1]]
    assert "/api/geography/neighbourhoods/abc/lsoas/" in paths
    assert "/api/geography/neighbourhoods/5%00/" in paths
    assert _errors(_client(cast, user), paths) == []


@override_settings(DEBUG=False)
@pytest.mark.parametrize("user", USERS)
def test_no_route_answers_500_to_a_malformed_query_string(cast: Any, user: str) -> None:
    plain = ["/" + normalize(route.regex)[0][0] for route in ROUTES if not normalize(route.regex)[0][1]]
    # Routes with parameters are asked too, on objects that exist (the cast's neighbourhood and its API).
    plain += [
        reverse("geography:neighbourhood-detail", args=[cast.ashfield.pk]),
        reverse("api-geography:neighbourhood-detail", args=[cast.ashfield.pk]),
        reverse("api-geography:neighbourhood-lsoas", args=[cast.ashfield.pk]),
    ]
    assert "/api/geography/neighbourhoods/" in plain
    paths = [f"{path}?{query}" for path in plain for query in QUERY_STRINGS]
    assert _errors(_client(cast, user), paths) == []


@override_settings(DEBUG=False)
def test_the_admin_answers_malformed_input_with_404_or_400(cast: Any) -> None:
    client = _client(cast, "superuser")
    force = cast.force
    record = force.history.latest()
    # django-simple-history's pages: a real id still works, a malformed one is a 404.
    assert client.get(f"/admin/geography/force/{force.pk}/history/").status_code == 200
    assert client.get(f"/admin/geography/force/{force.pk}/history/{record.history_id}/").status_code == 200
    assert client.get("/admin/geography/force/abc/history/").status_code == 404
    assert client.get(f"/admin/geography/force/{force.pk}/history/abc/").status_code == 404
    # A NUL in a changelist filter is refused before it reaches PostgreSQL.
    assert client.get("/admin/geography/lsoa/?code=%00").status_code == 400
    assert client.get("/admin/geography/lsoa/?code=E01000001").status_code == 200
    # An add form drops an initial value that does not parse and keeps one that does.
    response = client.get("/admin/accounts/partnerorganisation/add/?agreement_starts=abc&name=Testshire+Council")
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "agreement_starts" not in form.initial
    assert form.initial["name"] == "Testshire Council"
