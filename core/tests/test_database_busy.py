"""Issue 6 item 6: a save that still meets "database is locked" answers 503 and keeps the input, never 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import OperationalError
from django.http import HttpResponse
from django.test import RequestFactory

from core.middleware import DatabaseBusyMiddleware

pytestmark = pytest.mark.django_db


def _middleware() -> DatabaseBusyMiddleware:
    return DatabaseBusyMiddleware(lambda request: HttpResponse())


def test_a_locked_database_gets_a_page_that_reposts_what_was_typed(cast: Any) -> None:
    request = RequestFactory().post(
        "/profiles/1/edit/context/",
        {"streets": 'Mill Lane <script>alert("x")</script>', "version": "3", "csrfmiddlewaretoken": "old"},
    )
    request.user = cast.olivia
    response = _middleware().process_exception(request, OperationalError("database is locked"))
    assert response is not None
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    html = response.content.decode()
    assert 'action="/profiles/1/edit/context/"' in html
    assert 'name="version" value="3"' in html
    # Kept as text, never as markup; the stale CSRF token is replaced by a fresh one.
    assert "Mill Lane &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert 'value="old"' not in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_other_database_errors_are_not_hidden(cast: Any) -> None:
    request = RequestFactory().post("/x/", {})
    request.user = cast.olivia
    assert _middleware().process_exception(request, OperationalError("no such table: x")) is None
    assert _middleware().process_exception(request, ValueError("database is locked")) is None
