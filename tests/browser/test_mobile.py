"""Phones (issue 6 item 9): at 390 CSS px no key page is wider than the screen, wide tables scroll inside a
focusable, named region, and the main navigation is a menu button that opens and closes the links."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import assert_accessible, login
from tests.key_pages import key_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

_WIDTHS = """() => ({
  document: document.documentElement.scrollWidth,
  viewport: document.documentElement.clientWidth,
  wide: [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .filter((el) => !el.closest('.npt-table-region, .leaflet-container'))
    .slice(0, 5)
    .map((el) => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right)),
})"""


@pytest.fixture
def phone(browser: Any, live_server: Any) -> Any:
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


_BARE_TABLES = """() => [...document.querySelectorAll('table')]
  .filter((t) => {
    const region = t.parentElement;
    return !(region.matches('.npt-table-region[role=region][tabindex="0"]') && region.getAttribute('aria-label').trim());
  })
  .map((t) => t.outerHTML.slice(0, 80))"""


def test_no_key_page_is_wider_than_a_phone_and_each_passes_axe(cast: Any, phone: Any) -> None:
    signed_in = None
    too_wide = []
    bare = []
    pages = key_pages(cast)
    for username, url in pages:
        if username != signed_in:
            phone.context.clear_cookies()
            login(phone, username)
            signed_in = username
        phone.goto(url)
        phone.wait_for_load_state("load")
        widths = phone.evaluate(_WIDTHS)
        if widths["document"] > widths["viewport"]:
            too_wide.append(f"{username} {url}: {widths}")
        if tables := phone.evaluate(_BARE_TABLES):
            bare.append(f"{username} {url}: {tables}")
        assert_accessible(phone)  # the collapsed navigation and the scrolling regions included
    assert widths["viewport"] == PHONE["width"]
    assert not too_wide, "\n".join(too_wide)
    # Every table scrolls inside a region a keyboard can reach and a screen reader can name.
    assert not bare, "\n".join(bare)


def test_a_wide_table_scrolls_by_keyboard_inside_its_region(cast: Any, phone: Any) -> None:
    key_pages(cast)
    login(phone, "ana")
    phone.goto(f"/geography/neighbourhoods/{cast.ashfield.pk}/")
    region = phone.get_by_role("region", name="LSOAs in Ashfield")
    assert region.evaluate("(el) => el.scrollWidth > el.clientWidth")  # wider than the phone: it must scroll
    region.focus()
    phone.keyboard.press("ArrowRight")
    region.evaluate(
        "(el) => new Promise((done) => { const t = Date.now(); (function wait() { if (el.scrollLeft > 0 || Date.now() - t > 5000) done(); else requestAnimationFrame(wait); })(); })"
    )
    assert region.evaluate("(el) => el.scrollLeft") > 0
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(phone)


def test_the_navigation_is_a_menu_button_on_a_phone(cast: Any, phone: Any) -> None:
    login(phone, "olivia")
    nav = phone.get_by_role("navigation", name="Main")
    button = nav.get_by_role("button", name="Menu")
    link = nav.get_by_role("link", name="Neighbourhoods")
    assert button.is_visible()
    assert button.get_attribute("aria-expanded") == "false"
    assert button.get_attribute("aria-controls") == "main-navigation"
    assert not link.is_visible()
    strip = phone.locator(".npt-nav")
    closed_height = strip.bounding_box()["height"]
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert link.is_visible()
    open_height = strip.bounding_box()["height"]
    assert_accessible(phone)
    button.click()
    assert button.get_attribute("aria-expanded") == "false"
    assert not link.is_visible()
    # Closed, the strip is one row (the button), not the rows of links it replaced.
    assert closed_height < 70
    assert open_height > closed_height + 3 * 30

    # On a wider screen the links show in a row and there is no button.
    phone.set_viewport_size({"width": 1024, "height": 768})
    button.wait_for(state="hidden")  # the media query applies after the resize is laid out
    assert not button.is_visible()
    assert link.is_visible()


def test_without_javascript_the_links_show_and_the_button_does_not(cast: Any, browser: Any, live_server: Any) -> None:
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        login(page, "olivia")
        nav = page.get_by_role("navigation", name="Main")
        assert nav.get_by_role("button", name="Menu").count() == 0  # hidden: not in the accessibility tree
        assert nav.get_by_role("link", name="Neighbourhoods").is_visible()
        # A table its template wrapped, and one it left bare (the profiles dashboard): neither widens the page.
        key_pages(cast)
        for url in ("/geography/neighbourhoods/", "/profiles/"):
            page.goto(url)
            assert page.locator("table").count() == 1
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], url
    finally:
        context.close()
