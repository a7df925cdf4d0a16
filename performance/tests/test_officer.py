"""Officer-level figures (issue 15; guide 3669–3689): the officer, their sergeant and inspectors only, and the
figures against a hand count."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from performance.officer import officer_figures
from problem_solving.models import Plan, PlanAction
from problem_solving.tests.factories import make_plan

pytestmark = pytest.mark.django_db


def _action(plan: Plan, status: str, due_in_days: int) -> None:
    PlanAction.objects.create(
        plan=plan,
        kind=PlanAction.Kind.PREVENTION,
        description="Mend the fence",
        owner_name="PC Olivia",
        due_on=timezone.localdate() + dt.timedelta(days=due_in_days),
        status=status,
    )


def test_the_figures_match_a_hand_count(cast: Any) -> None:
    led = make_plan(neighbourhood=cast.ashfield, actor=cast.olivia)
    Plan.objects.filter(pk=led.pk).update(police_lead=cast.olivia)
    other = make_plan(neighbourhood=cast.ashfield, actor=cast.sam, title="Someone else's plan")
    Plan.objects.filter(pk=other.pk).update(police_lead=cast.sam)
    _action(led, "done", -3)
    _action(led, "planned", -1)  # overdue
    _action(led, "under_way", 5)
    _action(led, "dropped", -9)  # neither done nor counted
    _action(other, "done", -2)
    figures = {f.title: f for f in officer_figures(viewer=cast.sam, officer=cast.olivia)}
    assert figures["SARA plans they lead"].value == 1
    assert figures["Actions done on their plans"].value == 1
    assert figures["Actions done on their plans"].detail == "1 of 3 actions not dropped"
    assert figures["Actions overdue on their plans"].value == 1
    assert figures["Priorities worked"].value is None
    assert figures["Priorities worked"].missing.startswith("not available")
    assert figures["Community contacts"].value is None


def test_no_actions_is_missing_not_zero(cast: Any) -> None:
    figures = {f.title: f for f in officer_figures(viewer=cast.ian, officer=cast.olivia)}
    assert figures["SARA plans they lead"].value == 0  # the plan register is the record: none led
    assert figures["Actions done on their plans"].value is None
    assert figures["Actions done on their plans"].missing.startswith("missing")


def test_who_sees_an_officers_figures(client: Any, cast: Any) -> None:
    url = reverse("performance:officer", args=[cast.olivia.pk])
    for user, status in ((cast.olivia, 200), (cast.sam, 200), (cast.ian, 200), (cast.ana, 403), (cast.pat, 403)):
        client.force_login(user)
        assert client.get(url).status_code == status, user.username
    client.force_login(cast.olivia)
    assert client.get(reverse("performance:officer", args=[cast.owen.pk])).status_code == 403  # not a colleague's
    assert client.get(reverse("performance:officer", args=[999999])).status_code == 404


def test_the_team_page_links_its_members_for_the_sergeant_only(client: Any, cast: Any) -> None:
    from accounts.models import Team

    team = Team.objects.get(name="Ashfield and Brookside NPT")
    url = reverse("performance:team", args=[team.pk])
    client.force_login(cast.sam)
    assert reverse("performance:officer", args=[cast.olivia.pk]) in client.get(url).content.decode()
    client.force_login(cast.ana)
    assert reverse("performance:officer", args=[cast.olivia.pk]) not in client.get(url).content.decode()
