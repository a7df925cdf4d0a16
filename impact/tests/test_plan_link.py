"""A study links the SARA plan it evaluates (problem_solving.Plan): the form offers the reader's plans of the
force, a plan with no treated areas treats its neighbourhood, the study page names and links the plan only to
readers of it, and migration 0003 turns typed references naming a plan into the link."""

from __future__ import annotations

import datetime as dt
from html import unescape
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from impact.models import ImpactStudy
from impact.tests.conftest import make_study

pytestmark = pytest.mark.django_db

migration = import_module("impact.migrations.0003_impactstudy_plan")

FORM = {
    "name": "Field bikes response",
    "unit": "neighbourhood",
    "vintage": "2021",
    "comparison": "rest",
    "matches_per_area": "3",
    "before_start": "2024-01",
    "before_end": "2024-06",
    "after_start": "2024-07",
    "after_end": "2024-12",
    "outcomes": ["anti-social-behaviour"],
}


def plan_of(neighbourhood, reference, title="Field bikes"):
    # By app label, as the app itself does: feature apps' tests do not import each other's models either.
    return apps.get_model("problem_solving", "Plan").objects.create(
        neighbourhood=neighbourhood, reference=reference, title=title, owner_name="PC Owen"
    )


def test_a_study_created_from_a_plan_treats_its_neighbourhood_and_links_it(client, cast):
    plan = plan_of(cast.brookside, "TS-PS-2026-0009")
    foreign = plan_of(cast.elsewhere, "EW-PS-2026-0001", "Not ours")
    client.force_login(cast.sam)
    page = unescape(client.get(reverse("impact:create")).content.decode())
    assert "TS-PS-2026-0009: Field bikes (Brookside)" in page
    assert "EW-PS-2026-0001" not in page  # another force's plan is not offered
    refused = unescape(client.post(reverse("impact:create"), FORM | {"plan": foreign.pk}).content.decode())
    assert "Select a SARA plan from the list" in refused
    neither = unescape(client.post(reverse("impact:create"), FORM).content.decode())
    assert "Enter the treated areas, or choose a SARA plan" in neither
    assert not ImpactStudy.objects.exists()
    response = client.post(reverse("impact:create"), FORM | {"plan": plan.pk})
    study = ImpactStudy.objects.get()
    assert response.url == reverse("impact:study", args=[study.pk])
    assert study.plan == plan
    assert study.treated == ["BRK"]
    assert list(plan.impact_studies.all()) == [study]


def test_the_study_page_links_the_plan_for_its_readers_only(client, cast):
    plan = plan_of(cast.ashfield, "TS-PS-2026-0003", "Shop theft")
    study = make_study(cast, plan=plan)
    client.force_login(cast.olivia)
    page = unescape(client.get(reverse("impact:study", args=[study.pk])).content.decode())
    assert f'href="{reverse("problem_solving:detail", args=[plan.pk])}"' in page
    assert "TS-PS-2026-0003: Shop theft" in page
    # A reader the selector does not let read the plan sees that a plan is linked, not which.
    plan.tier = 99  # above every reader's tier: no one reads it through the selector
    plan.save(update_fields=["tier"])
    page = unescape(client.get(reverse("impact:study", args=[study.pk])).content.decode())
    assert "A plan you cannot read" in page
    assert "Shop theft" not in page
    body = client.get(reverse("api-impact:study-detail", args=[study.pk])).json()
    assert body["plan"] == plan.pk


def test_the_migration_links_typed_references_that_name_a_plan_of_the_studys_force_and_can_be_undone(cast):
    plan = plan_of(cast.ashfield, "TS-PS-2026-0007")
    plan_of(cast.elsewhere, "EW-PS-2026-0002")
    typed = {
        "exact": "TS-PS-2026-0007",
        "lower, spaced": "  ts-ps-2026-0007 ",
        "label": "TS-PS-2026-0007: Field bikes",
        "a priority": "Priority 4: Field bikes",
        "another force's plan": "EW-PS-2026-0002",
    }
    studies = {
        name: ImpactStudy.objects.create(
            force=cast.ashfield.force,
            name=name,
            treated=["ASH"],
            reference=reference,
            before_start=dt.date(2024, 1, 1),
            before_end=dt.date(2024, 6, 1),
            after_start=dt.date(2024, 7, 1),
            after_end=dt.date(2024, 12, 1),
            outcomes=["all-crime"],
        )
        for name, reference in typed.items()
    }
    migration.link_typed_references(apps, None)
    now = {study.name: (study.plan_id, study.reference) for study in ImpactStudy.objects.all()}
    assert now == {
        "exact": (plan.pk, ""),
        "lower, spaced": (plan.pk, ""),
        "label": (plan.pk, ""),
        "a priority": (None, "Priority 4: Field bikes"),
        "another force's plan": (None, "EW-PS-2026-0002"),
    }
    migration.type_linked_references(apps, None)
    assert ImpactStudy.objects.get(pk=studies["label"].pk).reference == "TS-PS-2026-0007"
