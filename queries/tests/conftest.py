"""Scenes for the query tests: Ashfield's named officer is Olivia; Sam leads the team (escalations go to him)."""

from __future__ import annotations

import datetime as dt
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.core.cache import cache

from accounts.grants import grant
from queries.models import NamedOfficer, Query
from queries.services import query_submit

RECEIVED = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _empty_rate_limits() -> Any:
    # The rate limits live in the cache (this worktree's Redis db); each test starts with none used.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def query_grants(cast: Any) -> Any:
    """Transactional (browser) tests flush the groups' permissions; put the query grants back too."""
    grant(django_apps, import_module("queries.migrations.0002_role_permissions").GRANTS)
    return cast


@pytest.fixture
def named(cast: Any) -> NamedOfficer:
    cast.sam.email = "sam@testshire.example"
    cast.sam.save(update_fields=["email"])
    return NamedOfficer.objects.create(
        neighbourhood=cast.ashfield,
        user=cast.olivia,
        name="Olivia Officer",
        rank="PC",
        role="Neighbourhood beat manager",
        bio="Ashfield's beat manager since 2024.",
    )


def submit(cast: Any, **overrides: Any) -> Query:
    values: dict[str, Any] = {
        "neighbourhood": cast.ashfield,
        "topic": Query.Topic.ASB,
        "message": "Motorbikes on the playing field every night.",
        "reply_by": Query.ReplyBy.EMAIL,
        "sender_name": "Rita Resident",
        "sender_email": "rita@example.com",
        "consent_contact": True,
    }
    values.update(overrides)
    return query_submit(**values)
