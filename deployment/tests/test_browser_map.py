"""The deployment map in Chromium: it loads, layers toggle, the table twin matches the layer, axe passes, and an
LSOA name from an imported file reaches the tooltip as text (never HTML)."""

from __future__ import annotations

import datetime as dt
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.contrib.gis.geos import Point

from accounts.grants import grant
from deployment.scoring import run_scores
from tests.browser.conftest import assert_accessible, browser, login, page  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAYLOAD = "<img src=x onerror=\"window.__xss=(window.__xss||0)+1;alert('lsoa')\">"


def test_the_map_loads_toggles_layers_and_its_table_twin_matches(scene: Any, page: Any) -> None:  # noqa: F811
    # A transactional test flushed the groups' permissions: put back what deployment's migration grants.
    grant(django_apps, import_module("deployment.migrations.0002_role_permissions").GRANTS)
    lsoa = scene.lsoas["E01980003"]
    lsoa.name = PAYLOAD
    lsoa.save()
    run_scores(method=scene.imd_only, force=scene.cast.force)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    login(page, "ian")
    page.goto("/deployment/map/?force=testshire&layer=imd_decile")
    page.wait_for_function("() => document.getElementById('deployment-map').dataset.features === '4'")
    page.wait_for_function("() => document.getElementById('deployment-map').dataset.boundaries === '3'")
    assert_accessible(page)

    # The twin lists exactly the LSOAs the layer drew.
    drawn = page.evaluate(
        "() => fetch(document.getElementById('deployment-map').dataset.layerUrl + '&zoom=11')"
        ".then(r => r.json()).then(d => d.features.map(f => f.properties.code).sort())"
    )
    twin = page.eval_on_selector_all("#lsoa-twin tbody tr", "rows => rows.map(r => r.dataset.code).sort()")
    assert twin == drawn == sorted(scene.lsoas)

    fills = "() => [...document.querySelectorAll('#deployment-map path.leaflet-interactive')].map(p => p.getAttribute('fill'))"
    by_decile = page.evaluate(fills)
    page.get_by_label("Band").check()
    page.wait_for_function("() => document.getElementById('deployment-map').dataset.layer === 'band'")
    assert page.evaluate(fills) != by_decile
    assert "Priority (top 10%)" in page.locator("#deployment-legend").inner_text()

    # Sorting the twin by IMD decile puts the most deprived first.
    page.get_by_role("button", name="IMD decile").click()
    assert page.locator("#lsoa-twin tbody tr").first.get_attribute("data-code") == "E01980001"

    # The payload shows as characters in the tooltip and in the twin; nothing ran.
    assert page.locator("#lsoa-twin").get_by_text(PAYLOAD).count() == 1
    page.evaluate("() => { const m = document.getElementById('deployment-map'); m.scrollIntoView(); }")
    shown = []
    for path in page.locator("#deployment-map path.leaflet-interactive").all():
        box = path.bounding_box()
        if not box:
            continue
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        tooltip = page.locator("#deployment-map .leaflet-tooltip")
        if tooltip.count():
            shown.append(tooltip.first.inner_text())
            assert tooltip.locator("img").count() == 0
    assert any(PAYLOAD in text for text in shown)
    assert dialogs == []
    assert page.evaluate("() => window.__xss") is None


def test_a_point_layer_toggles_with_its_table_twin_and_its_popup_is_text(scene: Any, page: Any) -> None:  # noqa: F811
    grant(django_apps, import_module("deployment.migrations.0002_role_permissions").GRANTS)
    priority = django_apps.get_model("priorities", "Priority")
    centre = scene.lsoas["E01980001"].geometry.point_on_surface
    for title, tier in ((PAYLOAD, 0), ("Police-only priority", 2)):
        priority.objects.create(
            neighbourhood=scene.cast.ashfield,
            title=title,
            tier=tier,
            status="active",
            echr_checked=True,
            echr_note="Proportionate",
            activated_on=dt.date(2026, 3, 1),
            location=Point(centre.x, centre.y, srid=4326),
            location_text="Mill Lane",
        )
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    login(page, "pat")  # a partner: the public and partner tiers of Ashfield only
    page.goto("/deployment/map/?force=testshire&layer=imd_decile")
    page.wait_for_function("() => document.getElementById('deployment-map').dataset.features === '2'")
    assert page.locator("#twin-priorities").is_hidden()

    page.get_by_role("checkbox", name="Active priorities").check()
    page.wait_for_function("() => document.getElementById('deployment-map').dataset.priorities === '1'")
    assert page.locator("#twin-priorities").is_visible()
    twin = page.eval_on_selector_all("#priorities-twin tbody tr", "rows => rows.map(r => r.cells[0].textContent)")
    assert twin == [PAYLOAD]  # the police-only priority is in neither the layer nor its twin
    assert page.locator("#deployment-map path.npt-point--priorities").count() == 1
    assert_accessible(page)

    page.locator("#deployment-map path.npt-point--priorities").click(force=True)
    popup = page.locator("#deployment-map .leaflet-popup-content")
    popup.wait_for()
    assert PAYLOAD in popup.inner_text()
    assert popup.locator("img").count() == 0

    page.get_by_role("checkbox", name="Active priorities").uncheck()
    page.wait_for_function("() => document.getElementById('deployment-map').dataset.priorities === '0'")
    assert page.locator("#twin-priorities").is_hidden()
    assert page.locator("#deployment-map path.npt-point--priorities").count() == 0
    assert dialogs == []
    assert page.evaluate("() => window.__xss") is None
