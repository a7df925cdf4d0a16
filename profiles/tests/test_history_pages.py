"""Issue 6, items 10 and 11: compare picks from real versions; as-at validates; history is paged, filtered, readable."""

from __future__ import annotations

import datetime as dt
import html
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from engagement.models import KeyContact
from profiles.history import history_entries
from profiles.models import CategoryKey, LanguageSpoken
from profiles.services import item_create, item_update, profile_ensure, profile_review_sign_off, section_update
from profiles.tests.test_profile_forms import summary
from profiles.views.history import HISTORY_PAGE_SIZE

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def at(*args):
    return time_machine.travel(dt.datetime(*args, tzinfo=LONDON), tick=False)


def text(response) -> str:
    page = re.sub(r"<script.*?</script>", "", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


@pytest.fixture
def reviewed(cast):
    """Ashfield: streets set and a consenting contact on 10 Jan, reviewed; streets and consent changed 10 Feb."""
    with at(2025, 1, 10, 9):
        profile = profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
        section_update(
            section=profile.section(CategoryKey.CONTEXT),
            values={"streets": "Old Street"},
            loaded_version=1,
            by=cast.olivia,
        )
        contact = item_create(
            profile=profile,
            model=KeyContact,
            values={
                "kind": "councillor",
                "role": "Ward councillor",
                "consent_to_share": True,
                "consent_recorded_on": dt.date(2025, 1, 9),
            },
            by=cast.olivia,
        )
    with at(2025, 1, 11, 9):
        review = profile_review_sign_off(profile=profile, by=cast.sam, comment="Baseline agreed")
    with at(2025, 2, 10, 9):
        section_update(
            section=profile.section(CategoryKey.CONTEXT),
            values={"streets": "New Street"},
            loaded_version=2,
            by=cast.olivia,
        )
        item_update(item=contact, values={"consent_to_share": False}, loaded_version=1, by=cast.owen)
    return profile, review


def test_compare_offers_the_versions_that_exist(reviewed, cast, client):
    _profile, review = reviewed
    client.force_login(cast.sam)
    response = client.get(reverse("profiles:compare", args=[cast.ashfield.pk]))
    page = response.content.decode()
    options = re.findall(r'<option value="([^"]+)"', page)
    expected = ["now", f"review-{review.pk}", "day-2025-02-10", "day-2025-01-10"]
    assert options == expected * 2  # the same list for "from" and "to"
    assert re.search(r'<select name="from" class="govuk-select"', page)
    assert 'type="text"' not in page.split('class="npt-compare-form"', 1)[1].split("</form>", 1)[0]


def test_compare_shows_only_changed_fields_with_labels_and_display_values(reviewed, cast, client):
    _profile, review = reviewed
    client.force_login(cast.sam)
    response = client.get(reverse("profiles:compare", args=[cast.ashfield.pk]), {"from": f"review-{review.pk}"})
    shown = text(response)
    assert response.status_code == 200
    assert "Main streets and roads Old Street New Street" in shown
    assert "Key contact “Ward councillor”: Consents to their details being shared with partners Yes No" in shown
    assert "(blank)" not in shown
    assert "True" not in shown
    assert "False" not in shown
    # Unchanged fields are not listed.
    assert "Who can see this" not in shown.split("What changed", 2)[2]
    assert "Kind of contact" not in shown


def test_compare_between_two_days(reviewed, cast, client):
    client.force_login(cast.sam)
    url = reverse("profiles:compare", args=[cast.ashfield.pk])
    shown = text(client.get(url, {"from": "day-2025-01-10", "to": "day-2025-01-10"}))
    assert "Nothing changed between these two versions." in shown


@pytest.mark.parametrize(
    "query", [{"from": "review-1x"}, {"from": "2025-13-45"}, {"to": "<script>alert(1)</script>"}, {"from": ""}]
)
def test_compare_gives_a_govuk_error_for_bad_input(reviewed, cast, client, query):
    client.force_login(cast.sam)
    response = client.get(reverse("profiles:compare", args=[cast.ashfield.pk]), query)
    assert response.status_code == 400
    messages = [message for _anchor, message in summary(response.content.decode())]
    assert len(messages) == 1
    assert messages[0].startswith("Select the version to compare")
    assert "<script>alert(1)" not in response.content.decode()


def test_as_at_refuses_a_future_date_and_keeps_the_history(reviewed, cast, client):
    client.force_login(cast.sam)
    future = timezone.localdate() + dt.timedelta(days=3)
    url = reverse("profiles:as-at", args=[cast.ashfield.pk])
    response = client.get(url, {"at_day": future.day, "at_month": future.month, "at_year": future.year})
    assert response.status_code == 400
    messages = [message for _anchor, message in summary(response.content.decode())]
    assert messages == ["The date to show the profile on must be today or in the past"]
    shown = text(response)
    assert "No changes recorded yet" not in shown
    assert "Old Street → New Street" in shown


def test_as_at_with_an_invalid_date_says_so_and_shows_the_history(reviewed, cast, client):
    client.force_login(cast.sam)
    url = reverse("profiles:as-at", args=[cast.ashfield.pk])
    response = client.get(url, {"at_day": "31", "at_month": "2", "at_year": "2025"})
    assert response.status_code == 400
    assert [m for _a, m in summary(response.content.decode())] == [
        "The date to show the profile on must be a real date, like 27 3 2025"
    ]
    assert "Old Street → New Street" in text(response)


def test_history_humanises_values(reviewed, cast, client):
    client.force_login(cast.sam)
    shown = text(client.get(reverse("profiles:history", args=[cast.ashfield.pk])))
    assert "Consents to their details being shared with partners : Yes → No" in shown
    assert "Kind of contact : Councillor" in shown
    assert "Who can see this : Partner" in shown
    assert "True" not in shown
    assert "False" not in shown


def test_history_is_paged_and_filtered(cast, client):
    profile = profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
    for number in range(HISTORY_PAGE_SIZE + 5):
        item_create(profile=profile, model=LanguageSpoken, values={"language": f"L{number}", "source": "x"}, by=None)
    section_update(
        section=profile.section(CategoryKey.CONTEXT), values={"streets": "Mill Lane"}, loaded_version=1, by=cast.olivia
    )
    total = len(history_entries(profile))
    assert total == 8 + HISTORY_PAGE_SIZE + 5 + 1  # sections added, languages added, streets changed
    client.force_login(cast.sam)
    url = reverse("profiles:history", args=[cast.ashfield.pk])
    first = text(client.get(url))
    assert f"Showing changes 1 to {HISTORY_PAGE_SIZE} of {total}" in first
    assert "Older changes" in first
    second = client.get(url, {"page": "2"})
    assert f"Showing changes {HISTORY_PAGE_SIZE + 1} to {total} of {total}" in text(second)
    assert client.get(url, {"page": "x"}).status_code == 200
    only_context = text(client.get(url, {"category": "context"}))
    assert "Showing changes 1 to 2 of 2 to contextual map" in only_context
    assert "Mill Lane" in only_context
    assert "L1" not in only_context
    bad = client.get(url, {"category": "nope"})
    assert [m for _a, m in summary(bad.content.decode())] == ["Select the category to show changes to in the list"]


def test_one_diff_helper_serves_conflicts_the_log_and_compare(reviewed, cast, client, monkeypatch):
    """Issue 7, section 3: the edit conflict, the change log and compare all read core.changes.record_changes."""
    import core.changes
    import core.locking
    import profiles.history

    calls = []
    original = core.changes.record_changes

    def spy(*args, **kwargs):
        calls.append(args[0].__name__)
        return original(*args, **kwargs)

    monkeypatch.setattr(core.locking, "record_changes", spy)
    monkeypatch.setattr(profiles.history, "changes_between", spy)
    profile, review = reviewed
    client.force_login(cast.sam)
    client.get(reverse("profiles:history", args=[cast.ashfield.pk]))
    assert "ProfileSection" in calls
    calls.clear()
    client.get(reverse("profiles:compare", args=[cast.ashfield.pk]), {"from": f"review-{review.pk}"})
    assert "KeyContact" in calls
    calls.clear()
    client.force_login(cast.olivia)
    url = reverse("profiles:edit", args=[cast.ashfield.pk, "context"])
    response = client.post(url, {"streets": "Mine", "tier": "0", "restricted_tier": "2", "version": "2"})
    assert "Your changes were not saved" in response.content.decode()
    assert calls == ["ProfileSection"]
    assert "Main streets and roads" in response.content.decode()


def test_compare_offers_data_refresh_snapshots(reviewed, cast, client):
    from profiles.models import ProfileSnapshot
    from profiles.services import snapshot_take

    profile, _review = reviewed
    with at(2025, 3, 5, 14, 30):
        snapshot = snapshot_take(profile=profile, kind=ProfileSnapshot.Kind.DATA_REFRESH)
    client.force_login(cast.sam)
    url = reverse("profiles:compare", args=[cast.ashfield.pk])
    page = client.get(url).content.decode()
    assert f'<option value="snapshot-{snapshot.pk}">Figures refreshed, 5 March 2025 14:30</option>' in page
    response = client.get(url, {"from": f"snapshot-{snapshot.pk}", "to": "now"})
    assert response.status_code == 200
    assert "Nothing changed between these two versions." in text(response)
