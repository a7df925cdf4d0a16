"""Issue 9 plan, guide 1484–1489: the engagement plan starts with an audit of existing participation mechanisms and
how well they work: recorded and assessed through a typed service (history, audit, optimistic locking), shown
first on the plan page, police only by default."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.locking import EditConflict
from core.models import AuditEvent
from core.tiers import Tier
from engagement.event_rules import ADD_MECHANISM, CHANGE_MECHANISM
from engagement.mechanism_services import mechanism_record, mechanism_update
from engagement.models import CommunityGroup, ParticipationMechanism
from profiles.services import profile_ensure

pytestmark = pytest.mark.django_db

BASE = {"kind": "residents", "run_by": "community", "frequency": "Every two months", "tier": Tier.POLICE}


@pytest.fixture
def group(cast):
    profile = profile_ensure(neighbourhood=cast.ashfield, by=None)
    return CommunityGroup.objects.create(profile=profile, kind="hard_to_reach", name="Young carers")


def _record(cast, name="Ashfield Residents' Forum", **changes):
    return mechanism_record(neighbourhood=cast.ashfield, values={**BASE, "name": name, **changes}, actor=cast.olivia)


def _post(cast, **changes):
    today = timezone.localdate()
    values = {
        "name": "Mill Lane tenants' forum",
        "kind": "residents",
        "run_by": "partner",
        "run_by_name": "Ashfield Homes",
        "frequency": "Quarterly",
        "reaches": "Older tenants; few young people",
        "rating": "works_partly",
        "evidence": "Twelve attend; the same people each time",
        "assessed_on_day": str(today.day),
        "assessed_on_month": str(today.month),
        "assessed_on_year": str(today.year),
        "tier": "2",
        **changes,
    }
    return values


def test_the_service_records_history_audit_and_the_assessor(cast, group):
    mechanism = mechanism_record(
        neighbourhood=cast.ashfield, values={**BASE, "name": "Forum"}, groups=[group], actor=cast.olivia
    )
    assert mechanism.rating == ParticipationMechanism.Rating.NOT_ASSESSED
    assert mechanism.assessed_by is None
    assert list(mechanism.groups_reached.all()) == [group]
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.MECHANISM_RECORDED, target_id=str(mechanism.pk)).exists()

    today = timezone.localdate()
    mechanism_update(
        mechanism=mechanism,
        values={"rating": "does_not_work", "evidence": "Nobody under 40 attends", "assessed_on": today},
        loaded_version=1,
        actor=cast.sam,
    )
    mechanism.refresh_from_db()
    assert (mechanism.version, mechanism.assessed_by, mechanism.assessed_on) == (2, cast.sam, today)
    history = list(mechanism.history.order_by("history_date"))
    assert [h.rating for h in history] == ["not_assessed", "does_not_work"]
    assert history[-1].history_user == cast.sam
    changed = AuditEvent.objects.get(verb=AuditEvent.Verb.MECHANISM_CHANGED)
    assert changed.actor == cast.sam
    assert changed.data["changed"] == ["assessed_on", "evidence", "rating"]

    # Changing only the frequency keeps the assessor; a stale version is refused, nothing overwritten.
    mechanism_update(mechanism=mechanism, values={"frequency": "Monthly"}, loaded_version=2, actor=cast.olivia)
    mechanism.refresh_from_db()
    assert mechanism.assessed_by == cast.sam
    with pytest.raises(EditConflict):
        mechanism_update(mechanism=mechanism, values={"frequency": "Weekly"}, loaded_version=2, actor=cast.olivia)
    mechanism.refresh_from_db()
    assert mechanism.frequency == "Monthly"
    with pytest.raises(TypeError):
        mechanism_update(mechanism=mechanism, values={"version": 9}, loaded_version=3, actor=cast.olivia)


def test_an_assessment_needs_a_date_not_in_the_future(cast):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        _record(cast, rating="works_well")
    assert "assessed_on" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        _record(cast, rating="works_well", assessed_on=timezone.localdate() + dt.timedelta(days=1))
    assert "assessed_on" in caught.value.message_dict
    assert not ParticipationMechanism.objects.exists()


def test_officers_and_sergeants_record_the_audit_others_read_it(cast):
    for user in (cast.olivia, cast.sam):
        assert user.has_perm(ADD_MECHANISM, cast.ashfield)
        assert user.has_perm(CHANGE_MECHANISM, cast.ashfield)
    for user in (cast.ian, cast.ana, cast.pat):
        assert not user.has_perm(ADD_MECHANISM, cast.ashfield)
        assert not user.has_perm(CHANGE_MECHANISM, cast.ashfield)


def test_the_plan_page_starts_with_the_audit_and_partners_see_no_police_row(cast, client):
    _record(cast, name="POLICE-ONLY-FORUM")
    _record(cast, name="Ward panel", kind="ward_panel", run_by="partner", tier=Tier.PARTNER)
    url = reverse("engagement:plan", args=[cast.ashfield.pk])

    client.force_login(cast.olivia)
    body = client.get(url).content.decode()
    assert body.index("Audit of existing participation mechanisms") < body.index("Gap check")
    assert body.index("POLICE-ONLY-FORUM") < body.index("Gap check")
    assert "Existing participation mechanisms and how well they work</caption>" in body
    assert body.count("Not yet assessed") >= 4  # two ratings and two assessed dates, never blank
    assert "Add a participation mechanism" in body

    client.force_login(cast.pat)
    body = client.get(url).content.decode()
    assert "Ward panel" in body
    assert "POLICE-ONLY-FORUM" not in body
    assert "Add a participation mechanism" not in body
    police_only = ParticipationMechanism.objects.get(name="POLICE-ONLY-FORUM")
    assert client.get(reverse("engagement:mechanism-edit", args=[police_only.pk])).status_code == 404
    response = client.post(reverse("engagement:mechanism-add", args=[cast.ashfield.pk]), _post(cast))
    assert response.status_code == 403
    assert ParticipationMechanism.objects.count() == 2


def test_adding_through_the_page_records_the_assessor(cast, client, group):
    client.force_login(cast.olivia)
    response = client.post(
        reverse("engagement:mechanism-add", args=[cast.ashfield.pk]), _post(cast, groups_reached=[group.pk])
    )
    assert response.status_code == 302
    mechanism = ParticipationMechanism.objects.get()
    assert (mechanism.run_by_name, mechanism.rating, mechanism.assessed_by) == (
        "Ashfield Homes",
        "works_partly",
        cast.olivia,
    )
    assert list(mechanism.groups_reached.all()) == [group]
    body = client.get(reverse("engagement:plan", args=[cast.ashfield.pk])).content.decode()
    assert "Works partly" in body
    assert "Twelve attend; the same people each time" in body
    assert "Young carers" in body


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"kind": "séance"}, "kind"),
        ({"rating": "brilliant"}, "rating"),
        ({"assessed_on_day": "", "assessed_on_month": "", "assessed_on_year": ""}, "assessed_on"),
        ({"assessed_on_month": "13"}, "assessed_on"),
        ({"groups_reached": ["x"]}, "groups_reached"),
        ({"tier": "9"}, "tier"),
    ],
)
def test_a_malformed_post_is_a_400_with_the_error_summary_naming_the_field(cast, client, changes, field):
    client.force_login(cast.olivia)
    response = client.post(reverse("engagement:mechanism-add", args=[cast.ashfield.pk]), _post(cast, **changes))
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert f'href="#id_{field}' in body
    assert "<title>Error: " in body
    assert not ParticipationMechanism.objects.exists()


def test_a_stale_edit_is_a_409_and_overwrites_nothing(cast, client):
    mechanism = _record(cast)
    url = reverse("engagement:mechanism-edit", args=[mechanism.pk])
    client.force_login(cast.olivia)
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="version" value="1"' in page.content.decode()
    first = _post(cast, name="Renamed by Olivia", version="1")
    assert client.post(url, first).status_code == 302

    client.force_login(cast.sam)
    response = client.post(url, _post(cast, name="Renamed by Sam", version="1"))
    assert response.status_code == 409
    assert "Somebody else changed this mechanism" in response.content.decode()
    mechanism.refresh_from_db()
    assert (mechanism.name, mechanism.version) == ("Renamed by Olivia", 2)
    # The form now carries the current version, so saving again keeps Sam's change.
    assert 'name="version" value="2"' in response.content.decode()
    assert client.post(url, _post(cast, name="Renamed by Sam", version="2")).status_code == 302
    mechanism.refresh_from_db()
    assert mechanism.name == "Renamed by Sam"

    bad = client.post(url, _post(cast, rating="nope", version="3"))
    assert bad.status_code == 400
    assert 'href="#id_rating' in bad.content.decode()
    client.force_login(cast.ian)
    assert client.get(url).status_code == 403


def test_the_plan_api_lists_the_audit_at_the_readers_tier(cast, client, group):
    police_group = CommunityGroup.objects.create(profile=group.profile, kind="other", name="Hidden", tier=Tier.POLICE)
    _record(cast, name="POLICE-ONLY-FORUM")
    shared = _record(cast, name="Ward panel", tier=Tier.PARTNER)
    shared.groups_reached.set([group, police_group])
    url = reverse("api-engagement:plan-detail", args=[cast.ashfield.pk])
    client.force_login(cast.olivia)
    rows = {m["name"]: m for m in client.get(url).json()["mechanisms"]}
    assert set(rows) == {"POLICE-ONLY-FORUM", "Ward panel"}
    assert rows["POLICE-ONLY-FORUM"]["rating"] == "not_assessed"
    assert sorted(rows["Ward panel"]["groups_reached"]) == sorted([group.pk, police_group.pk])
    client.force_login(cast.pat)
    rows = {m["name"]: m for m in client.get(url).json()["mechanisms"]}
    assert set(rows) == {"Ward panel"}
    assert rows["Ward panel"]["groups_reached"] == [group.pk]
