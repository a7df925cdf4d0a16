"""The Chromium journey (issue 16): an anonymous visitor sends a query from the public neighbourhood page and
gets a reference; the named officer sees it in the queue with its deadline, replies and turns it into a
community concern; the measures show one query answered within 72 hours; the sender's link shows the reply; the
sergeant's oversight panel agrees and the sergeant names a second officer. Axe checks every page."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps

from queries.models import Query
from tests.browser.conftest import assert_accessible, browser, login, page  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_query_from_the_public_is_answered_within_72_hours(
    query_grants: Any,
    named: Any,
    page: Any,  # noqa: F811
) -> None:
    cast = query_grants
    page.goto(f"/n/{cast.force.slug}/{cast.ashfield.pk}/")
    assert "PC Olivia Officer" in page.content()
    assert_accessible(page)
    page.get_by_test_id("contact-team").click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/queries/contact/{cast.ashfield.pk}/")
    assert "PC Olivia Officer" in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Send message").click()  # empty: the error summary names each field
    page.wait_for_load_state("load")
    assert "Enter your message" in page.content()
    assert_accessible(page)
    page.get_by_label("Anti-social behaviour").check()
    page.get_by_label("Your message").fill("Motorbikes on the <b>playing field</b> every night")
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("Email address").fill("rita@example.com")
    page.get_by_label("I agree to the neighbourhood team contacting me").check()
    page.get_by_role("button", name="Send message").click()
    page.wait_for_load_state("load")
    reference = page.get_by_test_id("reference").inner_text()
    query = Query.objects.get()
    assert reference == query.reference
    assert "will reply by" in page.content()
    assert_accessible(page)
    progress_link = page.get_by_role("link", name="ask the team's sergeant for a review").get_attribute("href")

    context = page.context.browser.new_context(base_url=page.url.split("/queries/")[0])
    officer = context.new_page()
    login(officer, "olivia")
    officer.goto("/queries/?show=mine")
    assert reference in officer.content()
    assert "left" in officer.content()  # the time left to the deadline
    assert_accessible(officer)
    officer.get_by_role("link", name=reference).click()
    officer.wait_for_load_state("load")
    assert officer.get_by_test_id("due").inner_text() != ""
    assert "&lt;b&gt;playing field&lt;/b&gt;" in officer.content()  # shown as text
    assert_accessible(officer)
    officer.get_by_label("Reply", exact=True).fill("We will patrol the playing field this week.")
    officer.get_by_role("button", name="Send reply").click()
    officer.wait_for_load_state("load")
    assert "Reply recorded and sent." in officer.content()
    officer.get_by_label("What the community raised").fill("Motorbikes on the playing field at night")
    officer.get_by_role("button", name="Record as a community concern").click()
    officer.wait_for_load_state("load")
    assert "Community concern recorded." in officer.content()
    assert_accessible(officer)
    query.refresh_from_db()
    assert query.first_response_at is not None
    assert query.answered_in_time()
    concern = apps.get_model("engagement", "Concern").objects.get()
    assert query.concern == concern
    assert concern.neighbourhood == cast.ashfield

    officer.goto("/queries/measures/")
    row = officer.get_by_test_id("measures-by-neighbourhood-those-with-queries").get_by_role("row", name="Ashfield")
    assert "100% (1 of 1)" in row.inner_text()
    assert_accessible(officer)
    context.close()

    page.goto(progress_link)  # the sender's own link: how the query stands
    assert "Replied to on" in page.get_by_test_id("progress").inner_text()
    assert "rita@example.com" not in page.content()
    assert_accessible(page)

    context = page.context.browser.new_context(base_url=page.url.split("/queries/")[0])
    sergeant = context.new_page()
    login(sergeant, "sam")
    sergeant.goto("/queries/oversight/")
    team = sergeant.get_by_test_id("measures-by-team").get_by_role("row", name="Ashfield and Brookside NPT")
    assert "100% (1 of 1)" in team.inner_text()
    assert "Brookside" in sergeant.get_by_test_id("without-officer").inner_text()
    assert_accessible(sergeant)
    sergeant.goto(f"/queries/officers/{cast.ashfield.pk}/")
    assert_accessible(sergeant)
    sergeant.get_by_role("link", name="Add a named officer").click()
    sergeant.wait_for_load_state("load")
    sergeant.get_by_role("button", name="Add the officer").click()  # empty: the summary names the fields
    sergeant.wait_for_load_state("load")
    assert "Enter name" in sergeant.content()
    assert_accessible(sergeant)
    sergeant.get_by_label("Name", exact=True).fill("Priya Shah")
    sergeant.get_by_label("Rank").fill("PCSO")
    sergeant.get_by_label("Role").fill("Community support officer")
    sergeant.get_by_label("Published on the public neighbourhood page").check()
    sergeant.get_by_role("button", name="Add the officer").click()
    sergeant.wait_for_load_state("load")
    assert "PCSO Priya Shah added." in sergeant.content()
    assert "Added: PCSO Priya Shah" in sergeant.get_by_test_id("officer-history").inner_text()
    assert_accessible(sergeant)
    context.close()
    page.goto(f"/n/{cast.force.slug}/{cast.ashfield.pk}/")
    assert "PCSO Priya Shah" in page.get_by_test_id("named-officers").inner_text()
