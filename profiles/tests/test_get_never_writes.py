"""Issue 6, item 2: opening an edit or "add" page writes nothing; the first successful save starts the profile."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import reverse

from core.models import AuditEvent
from profiles.categories import CATEGORIES
from profiles.models import CategoryKey, LanguageSpoken, NeighbourhoodProfile, ProfileSection

pytestmark = pytest.mark.django_db


def _rows() -> dict[str, int]:
    """Rows in every profiles table (history tables included) and in the audit log."""
    counts = {model._meta.label: model._base_manager.count() for model in apps.get_app_config("profiles").get_models()}
    counts["audit"] = AuditEvent.objects.count()
    return counts


def _edit_and_add_urls(pk: int) -> list[str]:
    urls = []
    for category in CATEGORIES:
        urls.append(reverse("profiles:edit", args=[pk, category.slug]))
        urls += [reverse("profiles:item-add", args=[pk, category.slug, kind.slug]) for kind in category.items]
    return urls


def test_opening_every_edit_and_add_page_writes_nothing(cast, client):
    client.force_login(cast.olivia)
    before = _rows()
    assert sum(before.values()) == 0
    urls = _edit_and_add_urls(cast.ashfield.pk)
    assert len(urls) == 8 + 7
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Nobody has started this profile yet" in response.content.decode(), url
    # The item pages of a profile that does not exist are 404s, also without writing.
    for name in ("item-edit", "item-remove"):
        url = reverse(f"profiles:{name}", args=[cast.ashfield.pk, "overview", "languages", 1])
        assert client.get(url).status_code == 404
    for page in ("detail", "history", "as-at", "review"):
        client.force_login(cast.sam)
        client.get(reverse(f"profiles:{page}", args=[cast.ashfield.pk]))
    assert _rows() == before


def test_a_refused_first_save_writes_nothing(cast, client):
    client.force_login(cast.olivia)
    url = reverse("profiles:item-add", args=[cast.ashfield.pk, "overview", "languages"])
    response = client.post(url, {"language": "", "source": "", "tier": "0", "restricted_tier": "2", "version": "0"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert sum(_rows().values()) == 0


def test_the_first_section_save_starts_the_profile(cast, client):
    client.force_login(cast.olivia)
    url = reverse("profiles:edit", args=[cast.ashfield.pk, "context"])
    form = {"streets": "Mill Lane", "tier": "0", "restricted_tier": "2", "version": "0"}
    response = client.post(url, form)
    assert response.status_code == 302
    profile = NeighbourhoodProfile.objects.get(neighbourhood=cast.ashfield)
    assert profile.created_by == cast.olivia
    assert profile.section(CategoryKey.CONTEXT).streets == "Mill Lane"
    assert profile.section(CategoryKey.CONTEXT).version == 2
    assert profile.section(CategoryKey.CONTEXT).updated_by == cast.olivia
    # All eight sections exist, and the start is in the audit log, credited to the person who saved.
    assert sorted(ProfileSection.objects.filter(profile=profile).values_list("category", flat=True)) == [
        category.key for category in CATEGORIES
    ]
    event = AuditEvent.objects.get(verb="profile.started")
    assert event.actor == cast.olivia


def test_a_second_first_save_sees_the_first_as_a_conflict(cast, client):
    """Two people open the empty page; the second save must not overwrite the first silently."""
    client.force_login(cast.olivia)
    url = reverse("profiles:edit", args=[cast.ashfield.pk, "context"])
    client.post(url, {"streets": "Mill Lane", "tier": "0", "restricted_tier": "2", "version": "0"})
    client.force_login(cast.owen)
    response = client.post(url, {"streets": "Owen's streets", "tier": "0", "restricted_tier": "2", "version": "0"})
    assert response.status_code == 200
    assert "Your changes were not saved" in response.content.decode()
    assert (
        NeighbourhoodProfile.objects.get(neighbourhood=cast.ashfield).section(CategoryKey.CONTEXT).streets
        == "Mill Lane"
    )


def test_the_first_item_starts_the_profile(cast, client):
    client.force_login(cast.owen)
    url = reverse("profiles:item-add", args=[cast.ashfield.pk, "overview", "languages"])
    form = {"language": "Polish", "source": "School census", "tier": "0", "restricted_tier": "2", "version": "0"}
    assert client.post(url, form).status_code == 302
    item = LanguageSpoken.objects.get()
    assert item.profile.neighbourhood == cast.ashfield
    assert item.profile.created_by == cast.owen
