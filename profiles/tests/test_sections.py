"""One ProfileSection table (ADR 0005): one row per profile and category, each category's fields kept to it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from profiles.categories import BY_KEY, CATEGORIES
from profiles.models import CategoryKey, ProfileSection
from profiles.services import section_save, section_update
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_each_profile_has_one_section_per_category(ashfield_profile):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProfileSection.objects.create(profile=ashfield_profile, category=CategoryKey.HOUSING)
    duplicate = ProfileSection(profile=ashfield_profile, category=CategoryKey.HOUSING)
    with pytest.raises(ValidationError, match="already exists"):
        duplicate.full_clean()


@pytest.mark.parametrize(
    ("category", "field", "value"),
    [
        (CategoryKey.HOUSING, "streets", "High Street"),
        (CategoryKey.OVERVIEW, "households", 10),
        (CategoryKey.CONTEXT, "age_profile", "Young"),
        (CategoryKey.DEMOGRAPHIC, "as_at", "2025-01-01"),
    ],
)
def test_the_database_keeps_a_categorys_own_fields_empty_elsewhere(ashfield_profile, category, field, value):
    section = ashfield_profile.section(category)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProfileSection.objects.filter(pk=section.pk).update(**{field: value})
    setattr(section, field, value)
    with pytest.raises(ValidationError, match="Only the"):
        section.full_clean()


def test_a_section_takes_only_its_own_categorys_fields(ashfield_profile, cast):
    housing = ashfield_profile.section(CategoryKey.HOUSING)
    with pytest.raises(ValueError, match="no editable field 'streets'"):
        section_update(section=housing, values={"streets": "High Street"}, loaded_version=1, by=cast.olivia)
    with pytest.raises(ValueError, match="no editable field 'streets'"):
        section_save(
            neighbourhood=cast.ashfield,
            category=CategoryKey.OVERVIEW,
            values={"streets": "High Street"},
            loaded_version=1,
            by=cast.olivia,
        )
    assert ProfileSection.objects.get(pk=housing.pk).version == 1
    saved = section_save(
        neighbourhood=cast.ashfield,
        category=CategoryKey.OVERVIEW,
        values={"age_profile": "Mostly under 30"},
        loaded_version=1,
        by=cast.olivia,
    )
    assert (saved.category, saved.version) == (CategoryKey.OVERVIEW, 2)
    assert ProfileSection.objects.get(pk=saved.pk).age_profile == "Mostly under 30"
    assert ashfield_profile.section(CategoryKey.CONTEXT).version == 1  # its own row, its own version


def test_each_category_edit_form_shows_only_its_own_fields(ashfield_profile, cast, client):
    client.force_login(cast.olivia)
    own = {field for category in CATEGORIES for field in category.section_fields}
    for category in CATEGORIES:
        page = client.get(reverse("profiles:edit", args=[cast.ashfield.pk, category.slug])).content.decode()
        shown = {name for name in own if f'name="{name}' in page}
        assert shown == set(category.section_fields), category.slug
        assert 'name="notes"' in page


def test_the_json_export_lists_each_categorys_own_fields(ashfield_profile, cast, client):
    """ADR 0005, plan 3: the export and snapshot JSON keep their shape (the same keys per category)."""
    client.force_login(cast.olivia)
    data = client.get(reverse("profiles:export", args=[cast.ashfield.pk])).json()
    keys = {entry["slug"]: set(entry["section"]) for entry in data["categories"]}
    common = {"id", "version", "tier", "notes", "restricted_tier"}
    assert keys["context"] == common | {
        "boundary_agreement",
        "boundary_agreed_on",
        "streets",
        "households",
        "open_spaces",
        "surrounding_area",
    }
    assert keys["overview"] == common | {"age_profile", "ethnic_profile", "source", "as_at"}
    assert keys["housing"] == keys["priorities"] == common


def test_the_admin_shows_a_section_with_its_own_fields_and_adds_none(ashfield_profile, client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    context = ashfield_profile.section(CategoryKey.CONTEXT)
    page = client.get(reverse("admin:profiles_profilesection_change", args=[context.pk])).content.decode()
    assert 'name="streets"' in page
    assert 'name="age_profile"' not in page
    housing = ashfield_profile.section(CategoryKey.HOUSING)
    page = client.get(reverse("admin:profiles_profilesection_change", args=[housing.pk])).content.decode()
    assert 'name="streets"' not in page
    assert 'name="notes"' in page
    assert client.get(reverse("admin:profiles_profilesection_add")).status_code == 403
    history = client.get(reverse("admin:profiles_profilesection_history", args=[context.pk]))
    assert history.status_code == 200
    assert (
        str(BY_KEY[CategoryKey.CONTEXT].title)
        in client.get(reverse("admin:profiles_profilesection_changelist")).content.decode()
    )
