"""The review cycle: due every N months per force, overdue flagged, signed off by a sergeant or analyst."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import AuditEvent
from profiles.models import NeighbourhoodProfile, ProfileSnapshot, add_months
from profiles.services import profile_ensure, profile_review_sign_off

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def at(*args):
    return time_machine.travel(dt.datetime(*args, tzinfo=LONDON), tick=False)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2025, 1, 31), 6, dt.date(2025, 7, 31)),
        (dt.date(2025, 8, 31), 6, dt.date(2026, 2, 28)),
        (dt.date(2023, 8, 31), 6, dt.date(2024, 2, 29)),
        (dt.date(2025, 11, 15), 3, dt.date(2026, 2, 15)),
    ],
)
def test_it_adds_calendar_months(day, months, expected):
    assert add_months(day, months) == expected


def test_it_is_due_six_months_after_it_was_started_by_default(cast):
    with at(2025, 1, 31, 10):
        profile = profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
    assert profile.review_due_on() == dt.date(2025, 7, 31)
    with at(2025, 7, 31, 23, 30):
        assert not profile.is_review_overdue()
    with at(2025, 8, 1, 0, 5):
        assert profile.is_review_overdue()


def test_it_follows_the_forces_interval(cast):
    cast.force.profile_review_months = 3
    cast.force.save()
    with at(2025, 1, 10, 10):
        profile = profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
    assert NeighbourhoodProfile.objects.get(pk=profile.pk).review_due_on() == dt.date(2025, 4, 10)


def test_it_restarts_the_clock_when_a_sergeant_signs_off(cast):
    with at(2025, 1, 10, 10):
        profile = profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
    with at(2025, 9, 1, 10):
        assert profile.is_review_overdue()
        review = profile_review_sign_off(profile=profile, by=cast.sam, comment="  Checked every section.  ")
        assert not profile.is_review_overdue()
    assert review.comment == "Checked every section."
    assert review.baseline.kind == ProfileSnapshot.Kind.REVIEW_BASELINE
    assert review.baseline.data["neighbourhood"]["name"] == "Ashfield"
    assert profile.review_due_on() == dt.date(2026, 3, 1)
    event = AuditEvent.objects.get(verb="profile.review_signed_off")
    assert event.actor == cast.sam
    assert event.data["next_due"] == "2026-03-01"


def test_it_lets_the_teams_analyst_sign_off(cast):
    profile = profile_ensure(neighbourhood=cast.brookside, by=cast.sam)
    profile_review_sign_off(profile=profile, by=cast.ana, comment="Reviewed with the team")
    assert profile.reviews.count() == 1


@pytest.mark.parametrize("who", ["olivia", "ian", "pat", "ada"])
def test_it_refuses_sign_off_by_anyone_but_a_sergeant_or_analyst(cast, who):
    profile = profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
    with pytest.raises(PermissionDenied):
        profile_review_sign_off(profile=profile, by=getattr(cast, who), comment="ok")
    assert profile.reviews.count() == 0


def test_it_refuses_sign_off_by_a_sergeant_outside_the_team(cast):
    profile = profile_ensure(neighbourhood=cast.cottam, by=cast.ada)
    with pytest.raises(PermissionDenied):
        profile_review_sign_off(profile=profile, by=cast.sam, comment="ok")


def test_it_needs_a_comment(cast):
    profile = profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
    with pytest.raises(ValidationError):
        profile_review_sign_off(profile=profile, by=cast.sam, comment="   ")
    assert not ProfileSnapshot.objects.exists()


def test_it_flags_overdue_reviews_on_the_sergeants_dashboard(cast, client):
    with at(2025, 1, 10, 10):
        profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
    with at(2025, 6, 1, 10):
        profile_ensure(neighbourhood=cast.brookside, by=cast.sam)
    client.force_login(cast.sam)
    with at(2025, 8, 1, 10):
        page = client.get(reverse("profiles:index")).content.decode()
        overdue = client.get(reverse("profiles:index"), {"scope": "mine", "overdue": "1"}).content.decode()
    assert "1 review overdue" in page
    assert "Ashfield" in page
    assert "Brookside" in page
    assert "Cottam" not in page
    assert "Ashfield" in overdue
    assert "Brookside" not in overdue


def test_it_signs_off_through_the_review_page(cast, client):
    profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
    client.force_login(cast.sam)
    url = reverse("profiles:review", args=[cast.ashfield.pk])
    assert "There is a problem" in client.post(url, {"comment": ""}).content.decode()
    response = client.post(url, {"comment": "All sections checked"})
    assert response.status_code == 302
    assert NeighbourhoodProfile.objects.get(neighbourhood=cast.ashfield).reviews.get().comment == "All sections checked"
    client.force_login(cast.olivia)
    assert client.get(url).status_code == 403
