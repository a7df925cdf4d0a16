"""Priority pages, the register (CSV and API) and the public neighbourhood page (issue 9)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from core.tiers import Tier
from priorities.forms import vague_title
from priorities.models import Priority
from priorities.tests.factories import (
    ActivePriorityFactory,
    ConcernFactory,
    EventFactory,
    PriorityFactory,
    UpdateFactory,
)

pytestmark = pytest.mark.django_db

POLICE_TEXT = "Drug line run from 14 Acacia Avenue"


def _public_scene(cast):
    public = ActivePriorityFactory(
        neighbourhood=cast.ashfield,
        title="Speeding on Mill Lane at school times",
        echr_note="ECHR note: " + POLICE_TEXT,
    )
    UpdateFactory(priority=public, on=dt.date(2026, 5, 1), action="Speed checks on three mornings; 12 drivers warned")
    ActivePriorityFactory(neighbourhood=cast.ashfield, tier=Tier.POLICE, title=POLICE_TEXT)
    ActivePriorityFactory(neighbourhood=cast.ashfield, tier=Tier.PARTNER, title="Partner-tier: " + POLICE_TEXT)
    closed = ActivePriorityFactory(neighbourhood=cast.ashfield, title="Graffiti on the canal bridge underpass")
    Priority.objects.filter(pk=closed.pk).update(
        status="resolved",
        closed_on=dt.date(2026, 4, 1),
        close_justification="Justification: " + POLICE_TEXT,
        decided_by="forum",
        raisers_satisfied="yes",
        outcome="The bridge was cleaned and has stayed clean",
    )
    event = EventFactory(neighbourhood=cast.ashfield, title="Ashfield PACT meeting", address="Ashfield Library")
    EventFactory(neighbourhood=cast.ashfield, title="Tasking: " + POLICE_TEXT, tier=Tier.POLICE)
    ConcernFactory(event=event, text="Concern: " + POLICE_TEXT)
    cast.ashfield.contact_details = {"telephone": "101", "email": "ashfield.npt@example.org", "bebo": "ignored"}
    cast.ashfield.save(update_fields=["contact_details"])
    return public


def _public_url(neighbourhood):
    return reverse("public:neighbourhood", args=[neighbourhood.force.slug, neighbourhood.pk])


def test_the_public_page_shows_the_minimum_content_to_anyone(cast, client):
    _public_scene(cast)
    response = client.get(_public_url(cast.ashfield))
    assert response.status_code == 200
    body = response.content.decode()
    for expected in (
        "Speeding on Mill Lane at school times",
        "Speed checks on three mornings; 12 drivers warned",
        "Graffiti on the canal bridge underpass",
        "The bridge was cleaned and has stayed clean",
        "Ashfield PACT meeting",
        "ashfield.npt@example.org",
        "Have your say",
    ):
        assert expected in body
    assert "Acacia Avenue" not in body  # no police-only or partner text, no ECHR note, no justification, no concern


def test_the_public_page_is_the_same_for_police_and_never_leaks(cast, client):
    _public_scene(cast)
    client.force_login(cast.olivia)
    assert "Acacia Avenue" not in client.get(_public_url(cast.ashfield)).content.decode()


def test_the_public_page_validates_its_path(cast, client):
    assert client.get(f"/n/otherton/{cast.ashfield.pk}/").status_code == 404
    assert client.get("/n/testshire/abc/").status_code == 404
    assert client.get(f"/n/testshire/{cast.ashfield.pk}/", {"x": "\x00"}).status_code == 200
    assert client.post(_public_url(cast.ashfield)).status_code == 405


def test_the_public_ical_has_public_events_only(cast, client):
    import icalendar

    _public_scene(cast)
    response = client.get(reverse("public:neighbourhood-ical", args=["testshire", cast.ashfield.pk]))
    cal = icalendar.Calendar.from_ical(response.content.decode())
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Ashfield PACT meeting"]


def test_the_api_is_cut_by_tier_and_scope(cast, client):
    _public_scene(cast)
    ActivePriorityFactory(neighbourhood=cast.elsewhere, title="Elsewhere's priority")
    client.force_login(cast.pat)
    rows = client.get(reverse("api-priorities:priority-list")).json()["results"]
    titles = {row["title"] for row in rows}
    assert "Partner-tier: " + POLICE_TEXT in titles
    assert POLICE_TEXT not in titles
    assert "Elsewhere's priority" not in titles
    police_only = Priority.objects.get(title=POLICE_TEXT)
    assert client.get(reverse("api-priorities:priority-detail", args=[police_only.pk])).status_code == 404
    client.force_login(cast.olivia)
    rows = client.get(reverse("api-priorities:priority-list"), {"status": "resolved"}).json()["results"]
    assert [(r["title"], r["raisers_satisfied"]) for r in rows] == [("Graffiti on the canal bridge underpass", "yes")]
    speeding = client.get(
        reverse("api-priorities:priority-list"), {"neighbourhood": cast.ashfield.pk, "category": "asb"}
    ).json()
    assert speeding["count"] == 4
    assert client.get(reverse("api-priorities:priority-list"), {"status": "bogus"}).status_code == 400
    assert client.get(reverse("api-priorities:priority-list"), {"changed_from": "yesterday"}).status_code == 400


def test_the_register_filters_and_exports_csv(cast, client, django_assert_max_num_queries):
    _public_scene(cast)
    client.force_login(cast.olivia)
    with django_assert_max_num_queries(15):
        page = client.get(reverse("priorities:index"), {"status": "active", "force": "testshire"})
    body = page.content.decode()
    assert "Speeding on Mill Lane at school times" in body
    assert "Graffiti on the canal" not in body
    assert client.get(reverse("priorities:index"), {"status": "nope"}).status_code == 400
    assert client.get(reverse("priorities:index"), {"force": "\x00"}).status_code == 400
    response = client.get(reverse("priorities:register-csv"), {"status": "resolved"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["title"], r["status"], r["raisers_satisfied"]) for r in rows] == [
        ("Graffiti on the canal bridge underpass", "resolved", "yes")
    ]
    client.force_login(cast.pat)
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("priorities:register-csv")).content.decode())))
    assert all("Acacia" not in r["title"] or r["tier"] == "Partner" for r in rows)
    assert not any(r["title"] == POLICE_TEXT for r in rows)


def test_the_csv_neutralises_formulas(cast, client):
    PriorityFactory(neighbourhood=cast.ashfield, title='=HYPERLINK("http://x") parked cars on School Lane')
    client.force_login(cast.olivia)
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("priorities:register-csv")).content.decode())))
    assert rows[0]["title"].startswith("'=")


@pytest.mark.parametrize("title", ["Tackle ASB", "ASB", "reduce crime", "Deal with anti-social behaviour", "Speeding"])
def test_vague_titles_are_refused(title):
    assert vague_title(title)


def test_a_specific_title_is_accepted():
    assert not vague_title("Motorbikes ridden on Mill Lane playing field on weekday evenings")


def test_the_form_refuses_a_vague_title_and_names_the_smart_fields(cast, client):
    client.force_login(cast.olivia)
    response = client.post(
        reverse("priorities:create", args=[cast.ashfield.pk]), {"title": "Tackle ASB", "tier": "0", "version": "0"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Title must say what the behaviour is, where and when" in body
    assert "Enter the problem behaviour" in body
    assert "Enter exact location" in body
    assert not Priority.objects.exists()


def test_the_lifecycle_through_the_pages(cast, client):
    concern = ConcernFactory(event=EventFactory(neighbourhood=cast.ashfield))
    client.force_login(cast.olivia)
    assert client.get(reverse("priorities:promote", args=[concern.pk])).status_code == 405
    response = client.post(reverse("priorities:promote", args=[concern.pk]))
    priority = Priority.objects.get()
    assert response["Location"] == reverse("priorities:edit", args=[priority.pk])
    activate = reverse("priorities:activate", args=[priority.pk])
    refused = client.post(activate, {"version": priority.version, "echr_note": "ok"})
    assert refused.status_code == 400
    assert "Confirm the ECHR and proportionality check has been done" in refused.content.decode()
    assert Priority.objects.get().status == "proposed"
    client.post(activate, {"version": priority.version, "echr_checked": "on", "echr_note": "Proportionate"})
    assert Priority.objects.get().status == "active"
    today = timezone.localdate()
    client.post(
        reverse("priorities:update", args=[priority.pk]),
        {
            "on_day": today.day,
            "on_month": today.month,
            "on_year": today.year,
            "action": "Parking patrols twice a week",
            "progress": "some",
        },
    )
    assert Priority.objects.get().updates.get().action == "Parking patrols twice a week"
    close = reverse("priorities:close", args=[priority.pk])
    refused = client.post(
        close,
        {
            "version": Priority.objects.get().version,
            "status": "resolved",
            "justification": "Fixed",
            "decided_by": "team",
        },
    )
    assert refused.status_code == 400
    assert "Select are those who raised it satisfied" in refused.content.decode()
    client.post(
        close,
        {
            "version": Priority.objects.get().version,
            "status": "resolved",
            "justification": "Fixed",
            "decided_by": "team",
            "raisers_satisfied": "yes",
        },
    )
    assert Priority.objects.get().status == "resolved"
    detail = client.get(reverse("priorities:detail", args=[priority.pk])).content.decode()
    assert "Activated" in detail
    assert "Closed: Resolved" in detail


def test_a_partner_reads_but_cannot_change(cast, client):
    priority = ActivePriorityFactory(neighbourhood=cast.ashfield)
    client.force_login(cast.pat)
    assert client.get(reverse("priorities:detail", args=[priority.pk])).status_code == 200
    assert client.get(reverse("priorities:edit", args=[priority.pk])).status_code == 403
    assert client.post(reverse("priorities:close", args=[priority.pk]), {}).status_code == 403


def test_the_board_flags_overdue_reviews_for_the_sergeant(cast, client):
    ActivePriorityFactory(
        neighbourhood=cast.ashfield,
        activated_on=timezone.localdate() - dt.timedelta(days=120),
        title="Overdue one on Mill Lane",
    )
    ActivePriorityFactory(
        neighbourhood=cast.cottam,
        activated_on=timezone.localdate() - dt.timedelta(days=120),
        title="Not the team's one",
    )
    client.force_login(cast.sam)
    body = client.get(reverse("priorities:board")).content.decode()
    assert "Overdue one on Mill Lane" in body
    assert "Review overdue" not in body
    assert "Overdue</strong>" in body
    assert "Not the team's one" not in body
    assert "No plan" in body
