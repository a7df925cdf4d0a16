"""Issue 14, XSS corpus: stored payloads in every free-text field are inert on every page that shows them.

Every editable text field (CharField/TextField without choices) of a profile's sections and significant
locations, a priority and its update, an engagement event and a problem-solving plan and its action gets a
payload that, if it ever ran, would set ``window.__xss``. The pages that show them (police, partner and public
views, and the map's tooltips) are then opened in Chromium *with the Content-Security-Policy bypassed*, so the
test proves the escaping itself; the CSP (tests/browser/test_csp.py) is a second wall, not this one.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.contrib.gis.geos import Point
from django.db import models
from django.urls import reverse

from profiles.categories import CATEGORIES
from profiles.models import InfrastructurePoint, ProfileSection
from profiles.models.sections import CONTEXT_FIELDS, OVERVIEW_FIELDS
from profiles.services import profile_ensure
from tests.browser.conftest import login
from tests.browser.test_map_text import _hover_every_layer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each sets window.__xss if it runs: a tag, a handler, an attribute break-out, a URL scheme, a closing tag.
PAYLOADS = [
    "<script>window.__xss=1</script>",
    "<img src=x onerror=window.__xss=2>",
    '"><svg onload=window.__xss=3>',
    "'><img src=x onerror=window.__xss=4>",
    "javascript:window.__xss=5",
    "</textarea><script>window.__xss=6</script>",
    "<a href=javascript:window.__xss=7>x</a>",
    "<iframe srcdoc='<script>parent.__xss=8</script>'>",
]
_SKIP = {"reference", "status", "version"}
CATEGORY_BY_KEY = {category.key: category for category in CATEGORIES}


def poison(instance: models.Model, *, leave: frozenset[str] = frozenset()) -> list[str]:
    """Write a payload into every free-text field of INSTANCE (straight to the row); return the values."""
    values: dict[str, str] = {}
    cycle = itertools.cycle(PAYLOADS)
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField) or field.choices or not field.editable:
            continue
        if field.name in _SKIP or field.name in leave or field.unique:
            continue
        payload = next(cycle)
        if field.max_length is not None and field.max_length < len(payload):
            continue
        values[field.name] = payload
    assert values, f"{instance._meta.label} has no free-text field"
    type(instance)._base_manager.filter(pk=instance.pk).update(**values)
    return list(values.values())


@pytest.fixture
def corpus(cast: Any) -> dict[str, str]:
    """Poisoned records in Ashfield; returns the pages that show them, by name."""
    from priorities.tests.factories import ActivePriorityFactory, EventFactory, UpdateFactory
    from problem_solving.tests.factories import complete, make_plan

    ash = cast.ashfield
    profile = profile_ensure(neighbourhood=ash, by=cast.olivia)
    category_only = set(CONTEXT_FIELDS) | set(OVERVIEW_FIELDS)  # a section holds only its own category's
    for section in ProfileSection.objects.filter(profile=profile):
        own = set(CATEGORY_BY_KEY[section.category].section_fields)
        poison(section, leave=frozenset(category_only - own))
    x, y = ash.boundary.extent[:2]
    point = InfrastructurePoint.objects.create(
        profile=profile, kind=InfrastructurePoint.Kind.RETAIL, name="x", location=Point(x + 0.01, y + 0.01, srid=4326)
    )
    poison(point)
    priority = ActivePriorityFactory(neighbourhood=ash, tier=0)
    poison(priority)
    poison(UpdateFactory(priority=priority))
    event = EventFactory(neighbourhood=ash, tier=0)
    poison(event)
    plan = complete(make_plan(neighbourhood=ash, actor=cast.olivia))
    poison(plan)
    for action in plan.actions.all():
        poison(action)
    return {
        "profile": reverse("profiles:detail", args=[ash.pk]),
        "profile print": reverse("profiles:print", args=[ash.pk]),
        "neighbourhood map": reverse("geography:neighbourhood-detail", args=[ash.pk]),
        "priority": reverse("priorities:detail", args=[priority.pk]),
        "register": reverse("priorities:index"),
        "event": reverse("events:detail", args=[event.pk]),
        "events": reverse("events:list"),
        "plan": reverse("problem_solving:detail", args=[plan.pk]),
        "plans": reverse("problem_solving:index"),
        "partner portal": reverse("partners:neighbourhood", args=[ash.pk]),
        "public page": reverse("public:neighbourhood", args=[cast.force.slug, ash.pk]),
    }


def _inert(page: Any, url: str) -> None:
    response = page.goto(url)
    assert response is not None, url
    assert response.status == 200, (url, response.status)
    page.wait_for_load_state("load")
    page.wait_for_timeout(150)  # let a broken image fire its onerror
    assert page.evaluate("window.__xss") is None, f"a payload ran on {url}"
    assert page.locator("main svg[onload], main iframe[srcdoc], main img[src='x']").count() == 0, url


def test_no_stored_payload_runs_on_any_page(cast: Any, corpus: dict[str, str], browser: Any, live_server: Any) -> None:
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        login(page, "olivia")
        for name, url in corpus.items():
            if name in {"partner portal", "public page"}:
                continue
            _inert(page, url)
        # The payloads are shown as the text that was typed.
        page.goto(corpus["priority"])
        assert "<img src=x onerror=window.__xss=2>" in page.inner_text("main")
        # Map tooltips: every marker and polygon of the profile's locations map hovered.
        page.goto(corpus["profile"])
        _hover_every_layer(page, "map-points", 2)  # the boundary and the poisoned location
        page.goto(corpus["neighbourhood map"])
        _hover_every_layer(page, "neighbourhood-map", 1)
        assert page.evaluate("window.__xss") is None
        context.clear_cookies()
        login(page, "pat")
        _inert(page, corpus["partner portal"])
        context.clear_cookies()
        _inert(page, corpus["public page"])
    finally:
        context.close()
    assert not dialogs
