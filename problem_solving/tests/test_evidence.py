"""The plan's crime evidence: counted through crime.queries only, missing months shown as missing, never 0."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest
from django.urls import reverse

from core.models import AuditEvent
from crime.categories import CATEGORY_SLUGS
from crime.importer import import_crimes
from crime.models import Crime
from crime.tests.conftest import WY_CRIME, csv_rows
from geography.models import LSOA, NeighbourhoodLSOA
from geography.services import neighbourhood_set_lsoas
from problem_solving import services
from problem_solving.evidence import plan_evidence
from problem_solving.models import Plan
from problem_solving.tests.factories import make_plan
from tests.factories import ForceFactory, LSOAFactory, NeighbourhoodFactory

pytestmark = pytest.mark.django_db


def _crime(neighbourhood, month: dt.date, category: str) -> Crime:
    return Crime.objects.create(
        key=uuid.uuid4(),
        month=month,
        reported_by="Testshire Police",
        falls_within="Testshire Police",
        category=category,
        neighbourhood=neighbourhood,
    )


def _set(plan: Plan, **kwargs) -> Plan:
    values = {"lsoas": [], "categories": [], "intervention_start": None, "evidence_months": 2} | kwargs
    return services.plan_set_evidence(plan=plan, loaded_version=plan.version, actor=None, **values)


def test_before_and_after_count_the_plans_categories_and_a_zero_month_with_data_is_zero(cast):
    plan = make_plan(neighbourhood=cast.ashfield, actor=cast.olivia)
    for month, n in ((dt.date(2026, 1, 1), 3), (dt.date(2026, 2, 1), 2), (dt.date(2026, 3, 1), 1)):
        for _ in range(n):
            _crime(cast.ashfield, month, "burglary")
    _crime(cast.ashfield, dt.date(2026, 4, 1), "anti-social-behaviour")  # April has data, but no burglary
    _crime(cast.brookside, dt.date(2026, 3, 1), "burglary")  # another area: not counted
    plan = _set(plan, categories=["burglary"], intervention_start=dt.date(2026, 3, 15))

    evidence = plan_evidence(plan)

    assert [(r.month.month, r.count) for r in evidence.before.rows] == [(1, 3), (2, 2)]
    assert [(r.month.month, r.count) for r in evidence.after.rows] == [(3, 1), (4, 0)]
    assert (evidence.before.total, evidence.after.total, evidence.change) == (5, 1, -4)
    assert evidence.change_percent == -80.0
    assert [(r.slug, r.before, r.after) for r in evidence.by_category] == [("burglary", 5, 1)]
    assert evidence.as_at == dt.date(2026, 4, 1)


def test_a_month_without_data_is_missing_and_there_is_no_change_figure(client, cast):
    plan = make_plan(neighbourhood=cast.ashfield, actor=cast.olivia)
    _crime(cast.ashfield, dt.date(2026, 1, 1), "burglary")
    _crime(cast.ashfield, dt.date(2026, 3, 1), "burglary")  # February and April: nothing loaded anywhere
    plan = _set(plan, intervention_start=dt.date(2026, 3, 1))

    evidence = plan_evidence(plan)

    assert [r.count for r in evidence.before.rows] == [1, None]
    assert [r.count for r in evidence.after.rows] == [1, None]
    assert not evidence.comparable
    assert evidence.change is None
    client.force_login(cast.olivia)
    body = client.get(reverse("problem_solving:detail", args=[plan.pk])).content.decode()
    assert "No change figure" in body
    assert body.count("No data") >= 2  # February and April rows
    assert "1 of 2 months with data" in body


def test_without_a_start_date_the_baseline_is_the_latest_months(cast):
    plan = make_plan(neighbourhood=cast.ashfield, actor=cast.olivia)
    for month in (dt.date(2025, 11, 1), dt.date(2025, 12, 1), dt.date(2026, 1, 1)):
        _crime(cast.ashfield, month, "drugs")
    plan = _set(plan)
    evidence = plan_evidence(plan)
    assert evidence.after is None
    assert [(r.month, r.count) for r in evidence.before.rows] == [(dt.date(2025, 12, 1), 1), (dt.date(2026, 1, 1), 1)]


def test_the_evidence_form_takes_the_neighbourhoods_lsoas_only_and_names_the_field(client, cast):
    own, other = LSOAFactory(), LSOAFactory()
    neighbourhood_set_lsoas(neighbourhood=cast.ashfield, lsoas=[own])
    plan = make_plan(neighbourhood=cast.ashfield, actor=cast.olivia)
    client.force_login(cast.olivia)
    url = reverse("problem_solving:evidence", args=[plan.pk])
    form = {"version": plan.version, "categories": ["burglary"], "evidence_months": "6"}
    bad = client.post(url, form | {"lsoas": [other.pk]})
    assert bad.status_code == 400
    assert "govuk-error-summary" in bad.content.decode()
    assert not Plan.objects.get(pk=plan.pk).area_lsoas.exists()
    ok = client.post(url, form | {"lsoas": [own.pk]} | _date("intervention_start"))
    assert ok.status_code == 302
    stored = Plan.objects.get(pk=plan.pk)
    assert list(stored.area_lsoas.all()) == [own]
    assert (stored.crime_categories, stored.intervention_start) == (["burglary"], dt.date(2026, 2, 1))
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.PLAN_EVIDENCE_SET, target_id=str(plan.pk)).exists()
    stale = client.post(url, form)
    assert stale.status_code == 409
    assert Plan.objects.get(pk=plan.pk).area_lsoas.count() == 1
    # The service refuses an LSOA of another neighbourhood whichever door calls it.
    with pytest.raises(Exception, match="only"):
        _set(Plan.objects.get(pk=plan.pk), lsoas=[other])


def _date(name: str) -> dict[str, str]:
    return {f"{name}_day": "1", f"{name}_month": "2", f"{name}_year": "2026"}


@pytest.mark.shared_data
def test_before_and_after_match_a_hand_count_of_real_west_yorkshire_rows(shared_data: Path, cast):
    """The plan's LSOAs and categories, counted by hand from the police.uk CSVs (each Crime ID once)."""
    files = [shared_data / WY_CRIME / f"{m}-west-yorkshire-street.csv.gz" for m in ("2017-07", "2018-07")]
    rows_2017, rows_2018 = (csv_rows(path) for path in files)
    codes = sorted({row["LSOA code"] for row in rows_2017 if row["LSOA code"].startswith("E0102")})[:3]
    for code in codes:
        LSOA.objects.create(code=code, vintage=2011, name=code)
    force = ForceFactory(slug="west-yorkshire", name="West Yorkshire Police")
    neighbourhood = NeighbourhoodFactory(force=force, boundary=None)
    NeighbourhoodLSOA.objects.bulk_create(
        NeighbourhoodLSOA(neighbourhood=neighbourhood, lsoa=lsoa, weight=1.0, method="explicit")
        for lsoa in LSOA.objects.filter(code__in=codes)
    )
    import_crimes(files)
    chosen = {"anti-social-behaviour", "violent-crime"}

    def by_hand(rows: list[dict[str, str]]) -> int:
        seen, n = set(), 0
        for row in rows:
            if row["LSOA code"] in codes and CATEGORY_SLUGS[row["Crime type"]] in chosen:
                if row["Crime ID"] and row["Crime ID"] in seen:
                    continue
                seen.add(row["Crime ID"])
                n += 1
        return n

    plan = make_plan(neighbourhood=neighbourhood, actor=None)
    # Twelve months either side of January 2018: only July 2017 (before) and July 2018 (after) are loaded.
    plan = _set(
        plan,
        lsoas=list(LSOA.objects.filter(code__in=codes[:2])),
        categories=sorted(chosen),
        intervention_start=dt.date(2018, 1, 1),
        evidence_months=12,
    )
    codes = codes[:2]

    evidence = plan_evidence(plan)

    assert evidence.before.total == by_hand(rows_2017) > 0
    assert evidence.after.total == by_hand(rows_2018) > 0
    assert [r.month for r in evidence.before.rows if r.count is not None] == [dt.date(2017, 7, 1)]
    assert [r.month for r in evidence.after.rows if r.count is not None] == [dt.date(2018, 7, 1)]
    assert (evidence.before.covered, evidence.after.covered) == (1, 1)
    assert evidence.change is None  # 11 of 12 months missing in each window: not a fall or a rise
    assert evidence.coverage.forces == ["west-yorkshire"]
    assert "gaps" in evidence.coverage.statement()
