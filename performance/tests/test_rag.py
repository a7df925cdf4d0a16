"""Thresholds, RAG status in words, and trends from stored earlier periods (issue 15)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse

from core.models import AuditEvent
from performance.compute import Period, compute
from performance.models import MeasureSnapshot, Threshold
from performance.rag import Judge, status_of
from performance.services import threshold_set
from performance.snapshots import snapshots_store
from performance.tests.conftest import NOW, PERIOD, Scene

pytestmark = pytest.mark.django_db

QUERY = {"months": "3", "ending": "2026-03"}
EARLIER = Period(dt.date(2025, 10, 1), dt.date(2025, 12, 31))


def _ids(scene: Scene) -> list[int]:
    c = scene.cast
    return [c.ashfield.pk, c.brookside.pk, c.cottam.pk]


def _set(cast: Any, measure: str, green: float, amber: float, direction: str = "higher") -> Threshold:
    return threshold_set(
        force=cast.force,
        measure=measure,
        direction=direction,
        green=green,
        amber=amber,
        actor=cast.ian,
        loaded_version=None,
    )


@pytest.mark.parametrize(
    ("green", "amber", "direction", "expected"),
    [
        (30, 20, "higher", "green"),  # 33% of neighbourhoods have a named officer
        (50, 30, "higher", "amber"),
        (90, 60, "higher", "red"),
        (40, 60, "lower", "green"),
        (20, 40, "lower", "amber"),
        (10, 20, "lower", "red"),
    ],
)
def test_status_against_the_threshold(scene: Scene, green: float, amber: float, direction: str, expected: str) -> None:
    ids = _ids(scene)
    threshold = _set(scene.cast, "named_officer", green, amber, direction)
    value = compute(ids, PERIOD, now=NOW).value("named_officer", ids)
    status = status_of(value, threshold)
    assert status.key == expected
    assert status.label.lower().startswith(expected)  # said in words, not by colour alone


def test_counts_are_judged_per_neighbourhood_with_data(scene: Scene) -> None:
    ids = _ids(scene)
    threshold = _set(scene.cast, "events_held", 1, 0.5)
    value = compute(ids, PERIOD, now=NOW).value("events_held", ids)
    assert value.value == 3  # 3 events over 3 neighbourhoods: 1 a neighbourhood, green at 1
    assert status_of(value, threshold).key == "green"
    assert status_of(compute(ids, PERIOD, now=NOW).value("events_held", ids[2:]), threshold).key == "red"


def test_missing_is_not_available_never_red_and_unset_says_so(scene: Scene) -> None:
    ids = _ids(scene)
    threshold = _set(scene.cast, "queries_72h", 90, 80)
    results = compute(ids, PERIOD, now=NOW)
    missing = status_of(results.value("queries_72h", [scene.cast.brookside.pk]), threshold)
    assert (missing.key, missing.label) == ("missing", "Not available")
    assert status_of(results.value("events_held", ids), None).label == "No threshold set"


def test_a_threshold_is_validated_versioned_and_audited(scene: Scene) -> None:
    cast = scene.cast
    first = _set(cast, "named_officer", 80, 60)
    with pytest.raises(Exception, match="Green must start at or above amber"):
        _set(cast, "named_officer", 50, 60)
    second = threshold_set(
        force=cast.force,
        measure="named_officer",
        direction="higher",
        green=90,
        amber=70,
        actor=cast.ian,
        loaded_version=first.version,
    )
    assert second.version == first.version + 1
    assert [h.green for h in second.history.order_by("history_date")] == [80, 90]
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.THRESHOLD_SET).count() == 2
    from core.locking import EditConflict

    with pytest.raises(EditConflict):  # someone loaded version 1 and saves after the change
        threshold_set(
            force=cast.force,
            measure="named_officer",
            direction="higher",
            green=10,
            amber=5,
            actor=cast.ian,
            loaded_version=first.version,
        )


def test_trend_from_the_earlier_stored_period(scene: Scene) -> None:
    cast = scene.cast
    ids = _ids(scene)
    snapshots_store(period=EARLIER)
    MeasureSnapshot.objects.filter(measure="named_officer", scope="force", scope_id=cast.force.pk).update(
        value=0.5, numerator=1, denominator=2
    )
    _set(cast, "named_officer", 80, 60)
    judge = Judge(force_ids=[cast.force.pk], scopes=[("force", cast.force.pk)], period=PERIOD)
    value = compute(ids, PERIOD, now=NOW).value("named_officer", ids)
    figure = judge.figure(value, force_id=cast.force.pk, scope=("force", cast.force.pk))
    assert figure.trend.arrow == "↓"
    assert figure.trend.text == "Down from 50% (01 Oct 2025 to 31 Dec 2025), worse"
    assert [e.shown for e in figure.trend.earlier] == ["50%"]
    # A period of another length does not compare: no arrow, and the page says why.
    other = Judge(force_ids=[cast.force.pk], scopes=[("force", cast.force.pk)], period=Period(PERIOD.end, PERIOD.end))
    assert other.figure(value, force_id=cast.force.pk, scope=("force", cast.force.pk)).trend.arrow == ""


def test_the_force_page_shows_status_trend_and_the_table_twin(client: Any, scene: Scene) -> None:
    cast = scene.cast
    snapshots_store(period=EARLIER)
    MeasureSnapshot.objects.filter(measure="named_officer", scope="force").update(value=0, numerator=0, denominator=3)
    _set(cast, "named_officer", 30, 20)
    client.force_login(cast.ian)
    body = client.get(reverse("performance:force", args=[cast.force.pk]), QUERY).content.decode()
    assert "Green: meets the target" in body
    assert "green at 30% or more, amber at 20% or more" in body
    assert "No threshold set" in body
    assert 'id="trends"' in body
    assert "01 Oct 2025 to 31 Dec 2025" in body  # the earlier period in the table twin
    response = client.get(reverse("performance:force-csv", args=[cast.force.pk]), QUERY)
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    force_row = next(r for r in rows if r["scope"] == "force" and r["measure"] == "named_officer")
    assert force_row["status"] == "Green: meets the target"
    assert force_row["trend"].startswith("Up from 0%")  # nobody was named in the earlier period's snapshot


def test_the_index_and_team_pages_carry_status(client: Any, scene: Scene) -> None:
    cast = scene.cast
    _set(cast, "named_officer", 90, 60)
    client.force_login(cast.sam)
    body = client.get(reverse("performance:index"), QUERY).content.decode()
    assert 'data-rag="red"' in body
    assert "Red: misses the target" in body


def test_the_thresholds_pages(client: Any, scene: Scene) -> None:
    cast = scene.cast
    url = reverse("performance:threshold-edit", args=[cast.force.pk, "named_officer"])
    client.force_login(cast.sam)
    assert client.get(reverse("performance:thresholds", args=[cast.force.pk])).status_code == 200
    assert client.get(url).status_code == 403  # sergeants read the thresholds, inspectors set them
    client.force_login(cast.ian)
    bad = client.post(url, {"direction": "higher", "green": "lots", "amber": ""})
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "govuk-error-summary" in page
    assert "Green from must be a number" in page
    assert "Enter amber from" in page
    assert client.post(url, {"direction": "higher", "green": "80", "amber": "60"}).status_code == 302
    saved = Threshold.objects.get(force=cast.force, measure="named_officer")
    assert (saved.green, saved.amber, saved.updated_by) == (80, 60, cast.ian)
    stale = client.post(url, {"direction": "higher", "green": "70", "amber": "60", "version": "0"})
    assert stale.status_code == 409
    assert client.get(reverse("performance:threshold-edit", args=[cast.force.pk, "nope"])).status_code == 404
    assert client.get(reverse("performance:thresholds", args=[cast.other_force.pk])).status_code == 404
