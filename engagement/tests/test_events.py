"""Engagement events (issue 9): iCal validity (parsed with the icalendar package), tier filtering, the concerns
raised at an event, and the forms' handling of malformed input."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from core.tiers import Tier
from engagement.ical import fold
from engagement.models import Concern, EngagementEvent
from priorities.tests.factories import ConcernFactory, EventFactory

pytestmark = pytest.mark.django_db

AWKWARD = "Café, Mill Lane; “drop-in”\\ with the PCSO — bring questions, please " * 2


def _calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode("utf-8")
    # RFC 5545 3.1: CRLF line ends, no line longer than 75 octets.
    lines = body.split("\r\n")
    assert lines[-1] == ""
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert "\n" not in body.replace("\r\n", "")
    return icalendar.Calendar.from_ical(body)


def test_it_exports_valid_icalendar_that_round_trips(cast, client):
    start = dt.datetime(2026, 7, 1, 18, 30, tzinfo=dt.UTC)
    event = EventFactory(
        neighbourhood=cast.ashfield,
        title=AWKWARD.strip(),
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        description="Line one\nLine two, with a comma",
        address="Ashfield Community Centre, 1 High St",
    )
    event.location = "SRID=4326;POINT(-1.5 53.8)"
    event.save()
    client.force_login(cast.olivia)
    cal = _calendar(client.get(reverse("events:ical"), {"neighbourhood": cast.ashfield.pk}))
    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"]
    (vevent,) = cal.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == AWKWARD.strip()
    assert str(vevent["DESCRIPTION"]) == "Line one\nLine two, with a comma"
    assert str(vevent["LOCATION"]) == "Ashfield Community Centre, 1 High St"
    assert vevent.decoded("DTSTART") == start
    assert vevent.decoded("DTEND") == start + dt.timedelta(hours=2)
    assert vevent["UID"]
    assert vevent["DTSTAMP"]
    assert tuple(round(v, 3) for v in vevent.decoded("GEO")) == (53.8, -1.5)
    assert not cal.errors
    assert not vevent.errors


def test_folding_never_splits_a_character():
    line = "SUMMARY:" + "é" * 100
    folded = fold(line)
    assert folded.replace("\r\n ", "") == line
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))


def test_the_ical_feed_and_list_are_cut_by_tier(cast, client):
    EventFactory(neighbourhood=cast.ashfield, title="Public PACT meeting", tier=Tier.PUBLIC)
    EventFactory(neighbourhood=cast.ashfield, title="Partner briefing", tier=Tier.PARTNER)
    EventFactory(neighbourhood=cast.ashfield, title="Police-only tasking", tier=Tier.POLICE)
    client.force_login(cast.pat)
    summaries = {str(e["SUMMARY"]) for e in _calendar(client.get(reverse("events:ical"))).walk("VEVENT")}
    assert summaries == {"Public PACT meeting", "Partner briefing"}
    page = client.get(reverse("events:list")).content.decode()
    assert "Partner briefing" in page
    assert "Police-only tasking" not in page
    client.force_login(cast.olivia)
    summaries = {str(e["SUMMARY"]) for e in _calendar(client.get(reverse("events:ical"))).walk("VEVENT")}
    assert "Police-only tasking" in summaries


def test_a_police_only_event_does_not_exist_for_a_partner(cast, client):
    event = EventFactory(neighbourhood=cast.ashfield, tier=Tier.POLICE)
    client.force_login(cast.pat)
    assert client.get(reverse("events:detail", args=[event.pk])).status_code == 404
    client.force_login(cast.olivia)
    assert client.get(reverse("events:detail", args=[event.pk])).status_code == 200


def test_it_records_two_issues_raised_at_an_event(cast, client):
    event = EventFactory(neighbourhood=cast.ashfield)
    client.force_login(cast.olivia)
    url = reverse("events:concern-add", args=[event.pk])
    assert client.get(url).status_code == 405  # GET never writes
    for text, count in (("Speeding on Mill Lane", "4"), ("Litter in the park", "2")):
        response = client.post(
            url, {"text": text, "people_count": count, "location_text": "Mill Lane", "time_pattern": "Evenings"}
        )
        assert response.status_code == 302
    stored = sorted(Concern.objects.filter(event=event).values_list("text", "people_count", "source"))
    assert stored == [("Litter in the park", 2, "event"), ("Speeding on Mill Lane", 4, "event")]
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert page.count("Promote to a candidate priority") == 2


def test_a_partner_cannot_see_or_add_concerns(cast, client):
    concern = ConcernFactory(
        event=EventFactory(neighbourhood=cast.ashfield, tier=Tier.PUBLIC), text="Private worry about a named family"
    )
    client.force_login(cast.pat)
    page = client.get(reverse("events:detail", args=[concern.event.pk]))
    assert page.status_code == 200
    assert "Private worry" not in page.content.decode()
    assert (
        client.post(
            reverse("events:concern-add", args=[concern.event.pk]), {"text": "x", "people_count": "1"}
        ).status_code
        == 403
    )


def test_a_bad_concern_names_its_fields(cast, client):
    event = EventFactory(neighbourhood=cast.ashfield)
    client.force_login(cast.olivia)
    response = client.post(
        reverse("events:concern-add", args=[event.pk]), {"text": "", "people_count": "0", "latitude": "53.8"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter what was raised" in body
    assert "How many people raised it must be 1 or more" in body
    assert "Enter the longitude too, or neither" in body
    assert not Concern.objects.exists()


def _event_form(**overrides):
    return {
        "kind": "pact",
        "title": "Ashfield PACT meeting",
        "date_day": "14",
        "date_month": "7",
        "date_year": "2026",
        "start_time": "19:00",
        "end_time": "20:30",
        "tier": str(Tier.PUBLIC),
        "version": "0",
        **overrides,
    }


def test_it_creates_an_event_with_london_times_and_partners(cast, client):
    client.force_login(cast.olivia)
    response = client.post(
        reverse("events:create", args=[cast.ashfield.pk]),
        _event_form(attendance="23", partner_organisations=[str(cast.pat.organisation_id)]),
    )
    assert response.status_code == 302
    event = EngagementEvent.objects.get()
    assert event.starts_at == dt.datetime(2026, 7, 14, 18, 0, tzinfo=dt.UTC)  # 19:00 BST
    assert event.ends_at == dt.datetime(2026, 7, 14, 19, 30, tzinfo=dt.UTC)
    assert event.attendance == 23
    assert list(event.partner_organisations.all()) == [cast.pat.organisation]
    assert event.history.earliest().history_type == "+"
    assert event.created_by == cast.olivia


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"start_time": "25:00"}, "Start time must be a time like 19:30"),
        ({"end_time": "18:00"}, "The end time must be after the start time"),
        ({"date_month": "13"}, "Date must be a real date"),
        ({"kind": "rave"}, "Select type from the list"),
        ({"attendance": "-1"}, "How many people attended must be 0 or more"),
    ],
)
def test_a_bad_event_form_names_the_field(cast, client, override, message):
    client.force_login(cast.olivia)
    response = client.post(reverse("events:create", args=[cast.ashfield.pk]), _event_form(**override))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not EngagementEvent.objects.exists()


def test_an_officer_cannot_record_events_outside_their_neighbourhoods(cast, client):
    client.force_login(cast.olivia)
    assert client.get(reverse("events:create", args=[cast.cottam.pk])).status_code == 403
    assert client.get(reverse("events:create", args=[cast.elsewhere.pk])).status_code == 404


def test_the_month_calendar_places_events_on_their_local_day(cast, client):
    # 23:30 UTC on 31 July is 00:30 BST on 1 August: it belongs to August.
    EventFactory(
        neighbourhood=cast.ashfield,
        title="Late street briefing",
        starts_at=dt.datetime(2026, 7, 31, 23, 30, tzinfo=dt.UTC),
    )
    client.force_login(cast.olivia)
    july = client.get(reverse("events:list"), {"view": "calendar", "month": "2026-07"}).content.decode()
    august = client.get(reverse("events:list"), {"view": "calendar", "month": "2026-08"}).content.decode()
    assert "Late street briefing" not in july
    assert "Late street briefing" in august
    assert client.get(reverse("events:list"), {"month": "2026-13"}).status_code == 400
    assert client.get(reverse("events:list"), {"view": "grid"}).status_code == 400


def test_upcoming_public_events_exclude_finished_and_police_only_ones(cast):
    from engagement.event_selectors import upcoming_public_events

    now = timezone.now()
    EventFactory(neighbourhood=cast.ashfield, title="Next week", starts_at=now + dt.timedelta(days=7))
    EventFactory(
        neighbourhood=cast.ashfield, title="Police only", starts_at=now + dt.timedelta(days=7), tier=Tier.POLICE
    )
    EventFactory(neighbourhood=cast.ashfield, title="Last week", starts_at=now - dt.timedelta(days=7))
    EventFactory(
        neighbourhood=cast.ashfield,
        title="Under way",
        starts_at=now - dt.timedelta(hours=1),
        ends_at=now + dt.timedelta(hours=1),
    )
    assert [e.title for e in upcoming_public_events(neighbourhood=cast.ashfield)] == ["Under way", "Next week"]
