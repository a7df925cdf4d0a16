"""Concurrent edits: the second save is refused with the other person's change; nothing is overwritten."""

import pytest
from django.urls import reverse

from core.locking import EditConflict
from profiles.models import CategoryKey, LanguageSpoken, ProfileSection
from profiles.services import item_create, item_delete, item_update, section_update

pytestmark = pytest.mark.django_db


def test_it_refuses_a_stale_section_save_and_says_who_changed_what(ashfield_profile, cast):
    olivias = ProfileSection.objects.get(profile=ashfield_profile, category=CategoryKey.CONTEXT)
    owens = ProfileSection.objects.get(profile=ashfield_profile, category=CategoryKey.CONTEXT)  # both opened version 1
    section_update(section=olivias, values={"streets": "High Street"}, loaded_version=1, by=cast.olivia)
    with pytest.raises(EditConflict) as caught:
        section_update(section=owens, values={"streets": "Mill Lane"}, loaded_version=1, by=cast.owen)
    conflict = caught.value
    assert conflict.by == cast.olivia.get_full_name()
    assert conflict.current_version == 2
    assert conflict.loaded_version == 1
    assert [(c.label, c.old, c.new) for c in conflict.changes] == [
        ("Main streets and roads", "Not recorded", "High Street")
    ]
    assert "changed by Olivia" in conflict.describe()
    assert ProfileSection.objects.get(profile=ashfield_profile, category=CategoryKey.CONTEXT).streets == "High Street"


def test_it_lets_two_officers_edit_different_sections_at_once(ashfield_profile, cast):
    section_update(
        section=ashfield_profile.section(CategoryKey.CONTEXT), values={"streets": "A"}, loaded_version=1, by=cast.olivia
    )
    section_update(
        section=ashfield_profile.section(CategoryKey.OVERVIEW),
        values={"age_profile": "Young"},
        loaded_version=1,
        by=cast.owen,
    )
    assert (
        ashfield_profile.section(CategoryKey.CONTEXT).version
        == ashfield_profile.section(CategoryKey.OVERVIEW).version
        == 2
    )


def test_it_refuses_to_edit_an_item_someone_removed(ashfield_profile, cast):
    item = item_create(
        profile=ashfield_profile, model=LanguageSpoken, values={"language": "Urdu", "source": "x"}, by=cast.olivia
    )
    stale = LanguageSpoken.objects.get(pk=item.pk)
    item_delete(item=item, loaded_version=1, by=cast.olivia)
    with pytest.raises(EditConflict) as caught:
        item_update(item=stale, values={"language": "Punjabi"}, loaded_version=1, by=cast.owen)
    assert caught.value.deleted
    assert "deleted by Olivia" in caught.value.describe()
    assert not LanguageSpoken.objects.exists()


def test_it_refuses_to_remove_an_item_changed_since_it_was_loaded(ashfield_profile, cast):
    item = item_create(
        profile=ashfield_profile, model=LanguageSpoken, values={"language": "Urdu", "source": "x"}, by=cast.olivia
    )
    item_update(item=LanguageSpoken.objects.get(pk=item.pk), values={"speakers": 40}, loaded_version=1, by=cast.olivia)
    with pytest.raises(EditConflict):
        item_delete(item=item, loaded_version=1, by=cast.owen)
    assert LanguageSpoken.objects.filter(pk=item.pk).exists()


def test_it_shows_the_conflict_and_keeps_what_was_typed(ashfield_profile, cast, client):
    url = reverse("profiles:edit", args=[ashfield_profile.neighbourhood.pk, "context"])
    form = {"tier": "0", "restricted_tier": "2", "version": "1"}
    client.force_login(cast.olivia)
    assert client.post(url, {**form, "streets": "High Street"}).status_code == 302
    client.force_login(cast.owen)
    response = client.post(url, {**form, "streets": "Owen's typed streets"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your changes were not saved" in page
    assert "High Street" in page
    assert "Owen&#x27;s typed streets" in page  # nothing the person typed is lost
    assert 'name="version" value="2"' in page  # saving again is now a deliberate overwrite
    assert ProfileSection.objects.get(profile=ashfield_profile, category=CategoryKey.CONTEXT).streets == "High Street"


def test_it_keeps_the_entered_values_after_a_validation_error(ashfield_profile, cast, client):
    client.force_login(cast.olivia)
    url = reverse("profiles:item-add", args=[ashfield_profile.neighbourhood.pk, "overview", "languages"])
    response = client.post(
        url, {"language": "Somali", "speakers": "many", "tier": "0", "restricted_tier": "2", "version": "0"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert 'value="Somali"' in page
    assert "Estimated speakers must be a number" in page
    assert not LanguageSpoken.objects.exists()


def test_it_tells_the_editor_who_removed_the_item_they_were_changing(ashfield_profile, cast, client):
    item = item_create(
        profile=ashfield_profile, model=LanguageSpoken, values={"language": "Urdu", "source": "x"}, by=cast.olivia
    )
    url = reverse("profiles:item-edit", args=[ashfield_profile.neighbourhood.pk, "overview", "languages", item.pk])
    item_delete(item=item, loaded_version=1, by=cast.olivia)
    client.force_login(cast.owen)
    page = client.post(url, {"language": "Punjabi", "source": "x", "tier": "0", "restricted_tier": "2", "version": "1"})
    assert "was deleted by" in page.content.decode()
    assert not LanguageSpoken.objects.exists()
