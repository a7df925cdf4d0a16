"""The home-page flag for neighbourhoods with no published named officer (issue 16), via core.home_panels."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from core.tiers import Tier
from queries.models import NamedOfficer

pytestmark = pytest.mark.django_db


def home(client: Any, user: Any) -> str:
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def _panel(body: str) -> str:
    start = body.find('id="no-named-officer"')
    return body[start : body.find("</ul>", start)] if start >= 0 else ""


def test_the_sergeant_is_shown_their_teams_neighbourhoods_without_a_named_officer(client: Any, cast: Any) -> None:
    NamedOfficer.objects.create(neighbourhood=cast.ashfield, name="PC Ash", rank="PC", role="Beat manager")
    panel = _panel(home(client, cast.sam))
    assert "1 neighbourhood you oversee has no named" in panel
    assert "Brookside" in panel
    assert "Ashfield" not in panel
    assert "Cottam" not in panel  # in no team of Sam's


def test_the_inspector_sees_the_whole_force_and_a_police_only_officer_does_not_count(client: Any, cast: Any) -> None:
    NamedOfficer.objects.create(
        neighbourhood=cast.ashfield, name="PC Hidden", rank="PC", role="Beat manager", tier=Tier.POLICE
    )
    panel = _panel(home(client, cast.ian))
    assert "3 neighbourhoods you oversee have no named" in panel
    for name in ("Ashfield", "Brookside", "Cottam"):
        assert name in panel
    assert cast.elsewhere.name not in panel


def test_with_every_neighbourhood_named_the_flag_is_not_shown(client: Any, cast: Any) -> None:
    for hood in (cast.ashfield, cast.brookside):
        NamedOfficer.objects.create(neighbourhood=hood, name=f"PC {hood.name}", rank="PC", role="Beat manager")
    assert 'id="no-named-officer"' not in home(client, cast.sam)


@pytest.mark.parametrize("user", ["olivia", "ana", "pat"])
def test_roles_without_the_oversight_permission_never_see_the_flag(client: Any, cast: Any, user: str) -> None:
    assert 'id="no-named-officer"' not in home(client, getattr(cast, user))


def test_the_flag_follows_the_permission_not_the_role(client: Any, cast: Any) -> None:
    from django.contrib.auth.models import Permission

    cast.olivia.user_permissions.add(Permission.objects.get(codename="view_query_oversight"))
    assert 'id="no-named-officer"' in home(client, type(cast.olivia).objects.get(pk=cast.olivia.pk))
