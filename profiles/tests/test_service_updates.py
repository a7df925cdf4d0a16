"""Service updates set only declared editable fields and write only those (issue 7 §6, replacing ``_apply``)."""

from __future__ import annotations

from typing import Any

import pytest

from profiles.models import CategoryKey, ProfileSection
from profiles.services import section_update

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["version", "profile_id", "updated_by", "id"])
def test_bookkeeping_and_identity_cannot_be_set(ashfield_profile: Any, cast: Any, field: str) -> None:
    section = ashfield_profile.section(CategoryKey.CONTEXT)
    with pytest.raises(ValueError, match=field):
        section_update(section=section, values={field: 1}, loaded_version=1, by=cast.olivia)
    assert ProfileSection.objects.get(pk=section.pk).version == 1


def test_an_update_writes_only_the_fields_it_was_given(ashfield_profile: Any, cast: Any) -> None:
    section = ashfield_profile.section(CategoryKey.CONTEXT)
    # A column changed underneath this in-memory copy (as a data fix would, without touching the version).
    ProfileSection.objects.filter(pk=section.pk).update(open_spaces="Ashfield Park")
    section_update(section=section, values={"households": 2140}, loaded_version=1, by=cast.olivia)
    stored = ProfileSection.objects.get(pk=section.pk)
    assert stored.households == 2140
    assert stored.open_spaces == "Ashfield Park"  # a whole-row save would have blanked it
    assert stored.version == 2
    assert stored.updated_by == cast.olivia
