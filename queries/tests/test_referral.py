"""Referring a query to a named partner contact from engagement's register (issue 16): police only, audited,
and not a response: the 72-hour clock runs on, so the query still goes overdue and is escalated."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import AuditEvent
from core.tiers import Tier
from engagement.models import KeyContact
from profiles.services import profile_ensure
from profiles.tests.factories import KeyContactFactory
from queries.models import Query, QueryReply
from queries.referral import query_refer, referral_contacts
from queries.selectors import query_measures
from queries.services import queries_escalate_overdue, query_reply
from queries.tests.conftest import RECEIVED, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def contacts(cast: Any) -> dict[str, KeyContact]:
    profile = profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
    other = profile_ensure(neighbourhood=cast.brookside, by=cast.olivia)
    return {
        "council": KeyContactFactory(
            profile=profile,
            kind=KeyContact.Kind.PARTNER,
            name="Cal Council",
            role="ASB officer",
            organisation="Council",
        ),
        "unnamed": KeyContactFactory(profile=profile, kind=KeyContact.Kind.PARTNER, name="", role="Housing desk"),
        "team": KeyContactFactory(profile=profile, kind=KeyContact.Kind.TEAM, name="PCSO Pat"),
        "elsewhere": KeyContactFactory(profile=other, kind=KeyContact.Kind.PARTNER, name="Brook Partner"),
    }


def test_only_named_partner_contacts_of_the_queries_neighbourhood_are_offered(cast: Any, contacts: Any) -> None:
    assert list(referral_contacts(cast.ashfield)) == [contacts["council"]]
    query = submit(cast)
    for name in ("unnamed", "team", "elsewhere"):
        with pytest.raises(ValidationError):
            query_refer(query=query, contact=contacts[name], actor=cast.olivia)
    assert Query.objects.get(pk=query.pk).referred_to is None


def test_a_referral_is_recorded_and_audited_but_does_not_stop_the_clock(cast: Any, named: Any, contacts: Any) -> None:
    with time_machine.travel(RECEIVED, tick=False):
        query = submit(cast, consent_share=False)
    with time_machine.travel(RECEIVED + dt.timedelta(hours=2), tick=False):
        query_refer(query=query, contact=contacts["council"], actor=cast.olivia)
    query.refresh_from_db()
    assert query.referred_to == contacts["council"]
    assert query.referred_at == RECEIVED + dt.timedelta(hours=2)
    assert query.first_response_at is None
    assert query.status == Query.Status.NEW
    assert query.due_at == RECEIVED + dt.timedelta(hours=72)
    event = AuditEvent.objects.get(verb=AuditEvent.Verb.QUERY_REFERRED)
    assert event.actor == cast.olivia
    assert event.data == {"contact": contacts["council"].pk, "kind": "partner", "message_shared": False}
    assert "rita" not in str(event.data).lower()  # no sender details in the trail
    assert query.history.latest().referred_to_id == contacts["council"].pk

    # Still overdue and escalated at 72 hours: a referral is not a meaningful response.
    assert queries_escalate_overdue(now=RECEIVED + dt.timedelta(hours=73)) == [query.pk]
    with time_machine.travel(RECEIVED + dt.timedelta(hours=80), tick=False):
        query_reply(query=query, message="Passed to the council", channel=QueryReply.Channel.EMAIL, actor=cast.olivia)
    query.refresh_from_db()
    assert query.first_response_at == RECEIVED + dt.timedelta(hours=80)
    measures = query_measures([cast.ashfield], RECEIVED - dt.timedelta(days=1), RECEIVED + dt.timedelta(days=5))
    assert measures.answered_in_time == 0
    assert measures.measurable == 1


def test_a_closed_query_cannot_be_referred(cast: Any, contacts: Any) -> None:
    query = submit(cast)
    Query.objects.filter(pk=query.pk).update(status=Query.Status.CLOSED)
    query.refresh_from_db()
    with pytest.raises(ValidationError):
        query_refer(query=query, contact=contacts["council"], actor=cast.olivia)


def test_the_officer_refers_through_the_page_and_sees_it_recorded(
    client: Any, cast: Any, named: Any, contacts: Any
) -> None:
    query = submit(cast)
    client.force_login(cast.olivia)
    page = client.get(reverse("queries:detail", args=[query.pk])).content.decode()
    assert "Cal Council, ASB officer, Council" in page
    assert "PCSO Pat" not in page
    assert "Brook Partner" not in page
    response = client.post(
        reverse("queries:refer", args=[query.pk]), {"version": query.version, "contact": contacts["council"].pk}
    )
    assert response.status_code == 302
    page = client.get(reverse("queries:detail", args=[query.pk])).content.decode()
    assert "the 72-hour clock runs on" in page


def test_a_bad_choice_is_a_400_naming_the_field_never_a_500(client: Any, cast: Any, contacts: Any) -> None:
    query = submit(cast)
    client.force_login(cast.olivia)
    url = reverse("queries:refer", args=[query.pk])
    for value in ("", "abc", str(contacts["elsewhere"].pk), "\x00"):
        response = client.post(url, {"version": query.version, "contact": value})
        assert response.status_code == 400, value
        assert "named partner contact" in response.content.decode()


@pytest.mark.parametrize(("user", "status"), [("pat", 404), ("ian", 403), ("nobody", 404)])
def test_only_police_who_work_the_query_can_refer_it(
    client: Any, cast: Any, contacts: Any, user: str, status: int
) -> None:
    query = submit(cast)
    client.force_login(getattr(cast, user))
    response = client.post(
        reverse("queries:refer", args=[query.pk]), {"version": query.version, "contact": contacts["council"].pk}
    )
    assert response.status_code == status
    assert Query.objects.get(pk=query.pk).referred_to is None


def test_a_police_only_contact_is_offered_to_police_but_never_to_a_partner_tier(cast: Any, contacts: Any) -> None:
    from engagement.selectors import partner_contacts_for_referral

    KeyContact.objects.filter(pk=contacts["council"].pk).update(tier=Tier.POLICE)
    assert list(partner_contacts_for_referral(neighbourhood=cast.ashfield, tier=Tier.POLICE)) == [contacts["council"]]
    assert list(partner_contacts_for_referral(neighbourhood=cast.ashfield, tier=Tier.PARTNER)) == []
