"""core.api.HasPerm: which permission it asks for, and that a view must name one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from core.api import HasPerm

pytestmark = pytest.mark.django_db


@pytest.fixture
def perms() -> Iterator[None]:
    """Two throwaway rules permissions: anyone may read, nobody may add."""
    rules.add_perm("tests.read_thing", rules.always_allow)
    rules.add_perm("tests.add_thing", rules.always_deny)
    yield
    rules.remove_perm("tests.read_thing")
    rules.remove_perm("tests.add_thing")


def _view(**attributes: Any) -> APIView:
    return type("ThingView", (APIView,), attributes)()


def _request(user: Any) -> Any:
    request = APIView().initialize_request(APIRequestFactory().get("/"))
    request.user = user
    return request


def test_it_asks_the_views_permission(cast: Any, perms: None) -> None:
    request = _request(cast.olivia)
    assert HasPerm().has_permission(request, _view(required_perm="tests.read_thing"))
    assert not HasPerm().has_permission(request, _view(required_perm="tests.add_thing"))


def test_it_asks_the_permission_named_for_the_action(cast: Any, perms: None) -> None:
    request = _request(cast.olivia)
    view = _view(required_perm="tests.read_thing", required_perms={"create": "tests.add_thing"})
    view.action = "create"
    assert not HasPerm().has_permission(request, view)
    view.action = "list"
    assert HasPerm().has_permission(request, view)


def test_it_refuses_anonymous_users(perms: None) -> None:
    assert not HasPerm().has_permission(_request(AnonymousUser()), _view(required_perm="tests.read_thing"))


def test_a_view_must_name_its_permission(cast: Any) -> None:
    with pytest.raises(ImproperlyConfigured, match="ThingView"):
        HasPerm().has_permission(_request(cast.olivia), _view())
