"""The officer's journey in Chromium: edit two categories, add a location on the map, see the new version;
a second officer's stale save is refused. Axe checks every page on the way."""

from __future__ import annotations

from typing import Any

import pytest

from profiles.models import CategoryKey, InfrastructurePoint, ProfileSection
from tests.browser.conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _save(page: Any, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state("load")


def test_it_lets_an_officer_edit_a_profile_and_refuses_a_stale_save(
    cast: Any, page: Any, browser: Any, live_server: Any
) -> None:
    pk = cast.ashfield.pk
    context_url = f"/profiles/{pk}/edit/context/"

    # Owen opens the contextual map form first, and leaves it open.
    owens = browser.new_context(base_url=live_server.url).new_page()
    login(owens, "owen")
    owens.goto(context_url)
    owens.get_by_label("Main streets and roads").fill("Owen's list of streets")

    login(page, "olivia")
    page.goto(context_url)
    assert_accessible(page)
    page.get_by_label("How the boundary was agreed").fill("Agreed with residents at the March PACT meeting")
    page.get_by_label("Main streets and roads").fill("High Street, Mill Lane")
    _save(page, "Save contextual map")
    assert "Contextual map saved" in page.content()
    assert "Version 2" in page.content()

    page.goto(f"/profiles/{pk}/edit/overview/")
    page.get_by_label("Age profile").fill("Mostly families with young children")
    _save(page, "Save demographic characteristics (overview)")
    assert "Version 2" in page.content()

    page.goto(f"/profiles/{pk}/edit/physical/")
    page.get_by_role("link", name="Add a significant location").click()
    page.get_by_label("Category").select_option("faith")
    page.get_by_label("Type", exact=True).fill("Church")
    page.get_by_label("Name").fill("St Mary's Church")
    page.get_by_label("Faith or denomination").fill("Church of England")
    page.locator("#point-map[data-ready='true']").wait_for()
    assert_accessible(page)
    box = page.locator("#point-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.get_by_label("Latitude").input_value() != ""
    assert "Location set to" in page.locator("#point-map-status").inner_text()
    _save(page, "Save significant location")
    point = InfrastructurePoint.objects.get(name="St Mary's Church")
    assert cast.ashfield.boundary.contains(point.location)  # the click landed inside the drawn boundary

    page.goto(f"/profiles/{pk}/")
    assert "Agreed with residents at the March PACT meeting" in page.content()
    assert "Mostly families with young children" in page.content()
    assert page.locator("#points-twin").get_by_text("St Mary's Church").is_visible()
    assert page.locator("#map-points").get_attribute("data-features") == "2"  # boundary + the new point
    assert_accessible(page)

    page.goto(f"/profiles/{pk}/history/")
    assert "Added: Significant location “St Mary's Church”" in page.content()
    assert_accessible(page)

    # Owen saves the form he opened at version 1: refused, and told what Olivia changed.
    _save(owens, "Save contextual map")
    conflict = owens.locator("#conflict")
    assert "Your changes were not saved" in conflict.inner_text()
    assert "High Street, Mill Lane" in conflict.inner_text()
    assert owens.get_by_label("Main streets and roads").input_value() == "Owen's list of streets"
    assert_accessible(owens)
    assert (
        ProfileSection.objects.get(profile__neighbourhood=cast.ashfield, category=CategoryKey.CONTEXT).streets
        == "High Street, Mill Lane"
    )
    owens.context.close()


def test_it_shows_accessible_index_review_and_print_pages(cast: Any, page: Any) -> None:
    login(page, "sam")
    page.goto("/profiles/")
    assert page.get_by_role("heading", level=1).inner_text() == "Neighbourhood profiles"
    assert_accessible(page)
    page.goto(f"/profiles/{cast.ashfield.pk}/edit/human/contacts/add/")
    assert_accessible(page)
    # Opening a page starts nothing (GET never writes): the first save starts the profile.
    page.goto(f"/profiles/{cast.ashfield.pk}/edit/context/")
    assert_accessible(page)
    _save(page, "Save contextual map")
    page.goto(f"/profiles/{cast.ashfield.pk}/review/")
    page.get_by_label("Review comment").fill("Checked all eight categories")
    _save(page, "Sign off the review")
    assert "Review signed off" in page.content()
    page.goto(f"/profiles/{cast.ashfield.pk}/compare/")
    assert_accessible(page)
    page.goto(f"/profiles/{cast.ashfield.pk}/print/")
    assert_accessible(page)
