"""Tier filtering: a partner never sees police-only data, in the selector, HTML, JSON, export or print."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.tiers import Tier
from profiles.models import CategoryKey
from profiles.selectors import profile_for
from profiles.services import section_update
from profiles.tests.conftest import PARTNER_SECRETS, POLICE_SECRETS

pytestmark = pytest.mark.django_db


def _names(view, slug):
    return [item.name for item in view.category("physical" if slug == "points" else "overview").items[slug]]


def test_it_drops_police_items_and_blanks_personal_details_for_a_partner(seeded, cast):
    view = profile_for(Tier.PARTNER, cast.ashfield)
    assert _names(view, "points") == ["Ashfield Library"]
    contacts = view.category("human").items["contacts"]
    assert len(contacts) == 2
    redacted = next(c for c in contacts if c.pk == seeded.contact.pk)
    assert redacted.is_redacted
    assert redacted.name == ""
    assert redacted.email == ""
    assert redacted.notes == ""
    assert redacted.role == "Chair"  # the non-personal part is shared
    assert _names(view, "groups") == ["PARTNER-GROUP-NAME"]
    assert view.category("context").section.notes == ""
    assert "SECRET" not in str(view.as_dict())


def test_it_shows_the_public_only_public_items(seeded, cast):
    view = profile_for(Tier.PUBLIC, cast.ashfield)
    assert view.category("human").items["contacts"] == []
    assert view.category("overview").items["groups"] == []
    text = str(view.as_dict())
    for secret in POLICE_SECRETS + PARTNER_SECRETS:
        assert secret not in text


def test_it_shows_everything_to_the_police(seeded, cast):
    text = str(profile_for(cast.olivia, cast.ashfield).as_dict())
    for secret in POLICE_SECRETS + PARTNER_SECRETS:
        assert secret in text


def test_it_shares_personal_details_only_with_consent_and_a_lower_restricted_tier(seeded, cast):
    contact = seeded.contact
    contact.consent_to_share = True
    contact.consent_recorded_on = dt.date(2025, 1, 2)
    contact.restricted_tier = Tier.PARTNER
    contact.full_clean()
    contact.save()
    partner_view = profile_for(Tier.PARTNER, cast.ashfield)
    assert "SECRET-CONTACT-NAME" in [c.name for c in partner_view.category("human").items["contacts"]]


def test_it_hides_a_whole_section_above_the_readers_tier(seeded, cast):
    section = seeded.profile.section(CategoryKey.HUMAN)
    section_update(section=section, values={"tier": Tier.POLICE}, loaded_version=section.version, by=cast.olivia)
    view = profile_for(Tier.PARTNER, cast.ashfield)
    assert view.category("human").hidden
    assert view.category("human").items["contacts"] == []
    assert view.category("human").section is None


def test_it_keeps_police_data_out_of_the_partners_html_json_and_print(seeded, cast, client):
    client.force_login(cast.pat)
    pages = [
        client.get(reverse("profiles:detail", args=[cast.ashfield.pk])),
        client.get(reverse("profiles:export", args=[cast.ashfield.pk])),
        client.get(reverse("profiles:export", args=[cast.ashfield.pk]) + "?tier=police"),
        client.get(reverse("profiles:print", args=[cast.ashfield.pk])),
    ]
    assert [page.status_code for page in pages] == [200, 200, 200, 200]
    for page in pages:
        for secret in POLICE_SECRETS:
            assert secret not in page.content.decode()
    assert "PARTNER-GROUP-NAME" in pages[0].content.decode()
    assert pages[1].json()["tier"] == "Partner"
    assert pages[2].json()["tier"] == "Partner"  # asking for more than your tier gets your tier
    assert "PARTNER-GROUP-NAME" not in pages[3].content.decode()  # print is the public version


def test_it_gives_a_police_user_the_public_version_to_print(seeded, cast, client):
    client.force_login(cast.olivia)
    page = client.get(reverse("profiles:print", args=[cast.ashfield.pk])).content.decode()
    assert "Ashfield Library" in page
    for secret in POLICE_SECRETS + PARTNER_SECRETS:
        assert secret not in page


def test_it_reads_public_only_once_a_partners_agreement_has_ended(seeded, cast, client):
    organisation = cast.pat.organisation
    organisation.agreement_ends = timezone.localdate() - dt.timedelta(days=1)
    organisation.save()
    client.force_login(cast.pat)
    page = client.get(reverse("profiles:detail", args=[cast.ashfield.pk])).content.decode()
    assert "Ashfield Library" in page
    for secret in POLICE_SECRETS + PARTNER_SECRETS:
        assert secret not in page


def test_it_lets_a_police_reader_export_a_lower_tier(seeded, cast, client):
    client.force_login(cast.ian)
    data = client.get(reverse("profiles:export", args=[cast.ashfield.pk]) + "?tier=public").json()
    assert data["tier"] == "Public"
    assert "SECRET" not in str(data)


def test_it_hands_the_engagement_plan_only_the_groups_a_reader_may_see(seeded, cast):
    from profiles.selectors import groups_to_engage

    assert [g.name for g in groups_to_engage(Tier.PARTNER, cast.ashfield)] == ["PARTNER-GROUP-NAME"]
    assert len(groups_to_engage(cast.sam, cast.ashfield)) == 2
    assert groups_to_engage(None, cast.ashfield) == []
