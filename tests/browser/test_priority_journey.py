"""Issue 9's journey in Chromium: from a PACT meeting to "you said, we did" on the public page.

An officer records a PACT meeting with its attendance and two issues raised, promotes one to a candidate
priority and makes it SMART; the sergeant records the ECHR/proportionality check and makes it active (guide
7370–7373); the officer posts a "we did" update; an anonymous visitor then sees the priority and the update on
the public neighbourhood page, without police-only text. axe runs on every page on the way.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from core.models import AuditEvent
from engagement.models import Concern, EngagementEvent
from priorities.models import Priority, PriorityUpdate
from tests.browser.conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_ISSUE = "Motorbikes ridden across Mill Lane playing field"
POLICE_ONLY_ISSUE = "Suspected drug dealing from a flat on Acacia Avenue"
ECHR_NOTE = "Patrols and warnings are proportionate; no covert tactics; Acacia Avenue intelligence kept separate"
WE_DID = "Three evening patrols on the playing field; two riders given Section 59 warnings"


def _fill_date(page: Any, name: str, day: dt.date) -> None:
    page.locator(f"[name={name}_day]").fill(str(day.day))
    page.locator(f"[name={name}_month]").fill(str(day.month))
    page.locator(f"[name={name}_year]").fill(str(day.year))


def _record_the_meeting(page: Any, cast: Any, held: dt.date) -> EngagementEvent:
    page.goto(f"/engagement/events/new/{cast.ashfield.pk}/")
    assert_accessible(page)
    page.get_by_label("Type").select_option(label="PACT or panel meeting")
    page.get_by_label("Title").fill("Ashfield PACT meeting")
    _fill_date(page, "date", held)
    page.get_by_label("Start time").fill("19:00")
    page.get_by_label("End time").fill("20:30")
    page.get_by_label("Address").fill("Ashfield Library, Mill Lane")
    page.get_by_label("How many people attended").fill("23")
    page.get_by_role("group", name="Who can see this").get_by_label("Public", exact=True).check()
    page.get_by_role("button", name="Save the event").click()
    page.wait_for_url(re.compile(r"/engagement/events/\d+/$"))
    assert_accessible(page)
    return EngagementEvent.objects.get(title="Ashfield PACT meeting")


def _record_an_issue(page: Any, text: str, where: str, when: str, people: int) -> None:
    page.get_by_label("What was raised").fill(text)
    page.get_by_label("Where", exact=True).fill(where)
    page.get_by_label("When it happens").fill(when)
    page.get_by_label("How many people raised it").fill(str(people))
    page.get_by_role("button", name="Record the issue").click()
    page.wait_for_url(re.compile(r"/engagement/events/\d+/#concerns$"))


def test_a_pact_meeting_becomes_a_priority_the_public_sees_with_we_did(cast: Any, page: Any, browser: Any) -> None:
    held = timezone.localdate() - dt.timedelta(days=2)
    login(page, "olivia")
    event = _record_the_meeting(page, cast, held)
    assert event.attendance == 23
    assert event.kind == EngagementEvent.Kind.PACT
    assert event.tier == 0

    _record_an_issue(page, PUBLIC_ISSUE, "Mill Lane playing field", "Weekday evenings, 6pm to 9pm", 9)
    _record_an_issue(page, POLICE_ONLY_ISSUE, "Acacia Avenue", "Late at night", 2)
    assert_accessible(page)
    assert Concern.objects.filter(event=event).count() == 2
    assert page.get_by_role("cell", name=POLICE_ONLY_ISSUE).is_visible()

    # Promote the first issue: the edit page opens with what, where and when carried over.
    page.get_by_role("row").filter(has_text=PUBLIC_ISSUE).get_by_role("button", name=re.compile("Promote")).click()
    page.wait_for_url(re.compile(r"/priorities/\d+/edit/$"))
    assert_accessible(page)
    assert page.get_by_label("Exact location").input_value() == "Mill Lane playing field"
    page.get_by_label("Title").fill("Motorbikes ridden on Mill Lane playing field on weekday evenings")
    page.get_by_label("Who is affected").fill("Families using the playing field; residents of Mill Lane")
    page.get_by_label("Category").select_option(label="Anti-social behaviour")
    page.get_by_role("group", name="How it was decided").get_by_label("Vote at a public meeting").check()
    page.get_by_label("Votes for").fill("17")
    page.get_by_label("Votes cast in all").fill("23")
    page.get_by_role("button", name=re.compile("Save")).click()
    page.wait_for_url(re.compile(r"/priorities/\d+/$"))
    assert_accessible(page)
    priority = Priority.objects.get()
    assert priority.status == Priority.Status.PROPOSED
    assert list(priority.concerns.values_list("text", flat=True)) == [PUBLIC_ISSUE]
    assert list(priority.events.all()) == [event]
    assert priority.proposed_by == Priority.ProposedBy.PUBLIC
    assert priority.set_on == held

    # The sergeant makes it active; without the ECHR check the guard refuses, naming the field.
    sergeant = browser.new_context(base_url=page.url.split("/priorities/")[0]).new_page()
    login(sergeant, "sam")
    sergeant.goto(f"/priorities/{priority.pk}/")
    sergeant.get_by_role("button", name="Make it active").click()
    assert sergeant.locator(".govuk-error-summary").is_visible()
    assert "ECHR" in sergeant.locator(".govuk-error-summary").inner_text()
    assert_accessible(sergeant)
    priority.refresh_from_db()
    assert priority.status == Priority.Status.PROPOSED
    sergeant.get_by_label("The ECHR and proportionality check has been done").check()
    sergeant.get_by_label("What the check considered and concluded").fill(ECHR_NOTE)
    sergeant.get_by_role("button", name="Make it active").click()
    sergeant.wait_for_url(re.compile(r"/priorities/\d+/$"))
    assert "Priority is now active." in sergeant.inner_text("body")
    assert_accessible(sergeant)
    sergeant.context.close()
    priority.refresh_from_db()
    assert priority.status == Priority.Status.ACTIVE
    assert priority.echr_note == ECHR_NOTE
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.PRIORITY_ACTIVATED, actor=cast.sam).count() == 1

    # The officer posts the "we did" update.
    page.goto(f"/priorities/{priority.pk}/")
    _fill_date(page, "on", timezone.localdate())
    page.get_by_label("What we did").fill(WE_DID)
    page.get_by_role("group", name="Progress").get_by_label("Some progress").check()
    page.get_by_role("button", name="Post the update").click()
    page.wait_for_url(re.compile(r"/priorities/\d+/$"))
    assert_accessible(page)
    assert PriorityUpdate.objects.get(priority=priority).action == WE_DID

    # An anonymous visitor sees "you said, we did", and nothing police-only.
    public = browser.new_context(base_url=page.url.split("/priorities/")[0]).new_page()
    public.goto(f"/n/{cast.force.slug}/{cast.ashfield.pk}/")
    assert_accessible(public)
    body = public.inner_text("body")
    assert "Motorbikes ridden on Mill Lane playing field on weekday evenings" in body
    assert WE_DID in body
    assert "Acacia Avenue" not in body  # neither the police-only issue nor the ECHR note
    assert not public.get_by_role("link", name="Sign out").count()
    public.context.close()
