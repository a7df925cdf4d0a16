import pytest

from tests.browser.conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_signs_an_officer_in_to_the_officer_home(cast, page):
    login(page, "olivia")
    assert page.get_by_role("heading", level=1).inner_text() == "Officer home"
    assert page.get_by_role("link", name="Ashfield").first.is_visible()
    assert_accessible(page)


def test_it_shows_an_error_summary_for_a_wrong_password(cast, page):
    login(page, "olivia", "wrong-password")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Enter a correct username and password" in summary.inner_text()
    assert_accessible(page)


def test_it_signs_out_with_a_post(cast, page):
    login(page, "sam")
    page.get_by_role("button", name="Sign out").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in"
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in"
