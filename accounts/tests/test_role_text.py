"""Issue 6 item 14: each role sees only the text that applies to it."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _page(client: Any, user: Any, url: str) -> str:
    client.force_login(user)
    return client.get(url).content.decode()


def test_a_team_without_a_sergeant_says_so(client: Any, cast: Any) -> None:
    from tests.factories import TeamFactory

    TeamFactory(name="Cottam NPT", force=cast.force, leader=None)
    html = _page(client, cast.ian, reverse("home"))
    assert "Cottam NPT" in html
    assert "No sergeant assigned" in html
    assert ">None<" not in html


@pytest.mark.parametrize(("user", "shown"), [("olivia", True), ("sam", True), ("ian", False), ("pat", False)])
def test_only_roles_that_edit_see_the_neighbourhoods_i_can_edit_tab(
    client: Any, cast: Any, user: str, shown: bool
) -> None:
    html = _page(client, getattr(cast, user), reverse("profiles:index"))
    assert ("Neighbourhoods I can edit" in html) is shown


def test_a_partner_asking_for_mine_gets_what_they_can_read(client: Any, cast: Any) -> None:
    html = _page(client, cast.pat, reverse("profiles:index") + "?scope=mine")
    assert "Ashfield" in html
    assert "You cannot edit any neighbourhood" not in html


@pytest.mark.parametrize(
    ("user", "advice"),
    [
        ("olivia", "ask your sergeant or an administrator"),
        ("sam", "ask an NPT administrator"),
        ("pat", "ask an NPT administrator"),
        ("nobody", "ask an NPT administrator"),
    ],
)
def test_the_403_page_gives_advice_that_fits_the_role(client: Any, cast: Any, user: str, advice: str) -> None:
    client.force_login(getattr(cast, user))
    response = client.get(reverse("geography:job-list"))
    assert response.status_code == 403
    html = response.content.decode()
    assert advice in html
    if user != "olivia":
        assert "sergeant" not in html
