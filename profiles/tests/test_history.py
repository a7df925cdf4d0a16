"""History (who and when), the as-at view and the side-by-side comparison."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from core.tiers import Tier
from profiles.compare import NOW, Version, compare_versions
from profiles.models import CategoryKey, LanguageSpoken
from profiles.selectors import profile_for
from profiles.services import item_create, item_delete, profile_ensure, profile_review_sign_off, section_update

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def at(*args):
    return time_machine.travel(dt.datetime(*args, tzinfo=LONDON), tick=False)


@pytest.fixture
def changing(cast):
    """Ashfield: streets "Old Street" on 10 Jan 2025; Polish added 20 Jan; streets changed and Polish removed 1 Mar."""
    with at(2025, 1, 10, 9):
        profile = profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
        section_update(
            section=profile.section(CategoryKey.CONTEXT),
            values={"streets": "Old Street"},
            loaded_version=1,
            by=cast.olivia,
        )
    with at(2025, 1, 20, 9):
        polish = item_create(
            profile=profile, model=LanguageSpoken, values={"language": "Polish", "source": "x"}, by=cast.olivia
        )
    with at(2025, 3, 1, 9):
        section_update(
            section=profile.section(CategoryKey.CONTEXT),
            values={"streets": "New Street"},
            loaded_version=2,
            by=cast.owen,
        )
        item_delete(item=polish, loaded_version=1, by=cast.owen)
    return profile


def test_it_rebuilds_the_profile_as_at_any_moment(changing, cast):
    def state(when):
        view = profile_for(Tier.POLICE, cast.ashfield, as_of=when)
        return view.category("context").section.streets, [
            i.language for i in view.category("overview").items["languages"]
        ]

    assert state(dt.datetime(2025, 1, 15, tzinfo=LONDON)) == ("Old Street", [])
    assert state(dt.datetime(2025, 2, 1, tzinfo=LONDON)) == ("Old Street", ["Polish"])
    assert state(dt.datetime(2025, 3, 2, tzinfo=LONDON)) == ("New Street", [])
    assert profile_for(Tier.POLICE, cast.ashfield, as_of=dt.datetime(2024, 12, 1, tzinfo=LONDON)).profile is None


def test_it_tier_filters_the_as_at_view_too(changing, cast):
    with at(2025, 1, 25, 9):
        item_create(
            profile=changing,
            model=LanguageSpoken,
            values={"language": "SECRET", "source": "x", "tier": Tier.POLICE},
            by=cast.olivia,
        )
    view = profile_for(Tier.PARTNER, cast.ashfield, as_of=dt.datetime(2025, 2, 1, tzinfo=LONDON))
    assert [i.language for i in view.category("overview").items["languages"]] == ["Polish"]


def test_it_shows_the_as_at_page_for_a_date(changing, cast, client):
    client.force_login(cast.ian)
    url = reverse("profiles:as-at", args=[cast.ashfield.pk])
    page = client.get(url, {"at_day": "1", "at_month": "2", "at_year": "2025"}).content.decode()
    assert "as it stood at the end of 1 February 2025" in page
    assert "Old Street" in page
    assert "New Street" not in page
    assert "Polish" in page
    bad = client.get(url, {"at_day": "31", "at_month": "2", "at_year": "2025"})
    assert bad.status_code == 400
    assert "govuk-error-summary" in bad.content.decode()


def test_it_lists_who_changed_what_and_when(changing, cast, client):
    client.force_login(cast.sam)
    page = client.get(reverse("profiles:history", args=[cast.ashfield.pk])).content.decode()
    assert "Old Street → New Street" in page
    assert "Removed: Language spoken “Polish”" in page
    assert page.index("1 Mar 2025") < page.index("20 Jan 2025") < page.index("10 Jan 2025")  # newest first
    assert cast.owen.get_full_name() in page


def test_it_compares_the_last_review_baseline_with_now(cast, client):
    with at(2025, 1, 10, 9):
        profile = profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)
        section_update(
            section=profile.section(CategoryKey.CONTEXT),
            values={"streets": "Old Street"},
            loaded_version=1,
            by=cast.olivia,
        )
        profile_review_sign_off(profile=profile, by=cast.sam, comment="Baseline agreed")
    with at(2025, 2, 10, 9):
        section_update(
            section=profile.section(CategoryKey.CONTEXT),
            values={"streets": "New Street"},
            loaded_version=2,
            by=cast.olivia,
        )
        item_create(profile=profile, model=LanguageSpoken, values={"language": "Polish", "source": "x"}, by=cast.olivia)
        client.force_login(cast.sam)
        response = client.get(reverse("profiles:compare", args=[cast.ashfield.pk]))
    page = response.content.decode()
    assert "Formal review" in page
    assert "signed off by Sam" in page
    assert "Old Street" in page
    assert "New Street" in page
    assert "Language spoken “Polish”" in page
    assert "Added" in page


def test_it_reports_no_changes_between_identical_versions(seeded, cast):
    now = Version(NOW, "Now", None)
    assert compare_versions(seeded.profile, now, now) == []


@pytest.mark.parametrize("name", ["history", "as-at", "compare"])
def test_it_keeps_history_from_partners(seeded, cast, client, name):
    client.force_login(cast.pat)
    assert client.get(reverse(f"profiles:{name}", args=[cast.ashfield.pk])).status_code == 403
