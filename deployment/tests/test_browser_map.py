"""The deployment map in Chromium: it loads, layers toggle, the table twin matches the layer, axe passes, and an
LSOA name from an imported file reaches the tooltip as text (never HTML)."""

from __future__ import annotations

from importlib import import_module
from typing import Any

import pytest
from django.apps import apps as django_apps

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
