"""The deployment map's point layers: priorities and events cut by scope and tier, crime points by snap point.

Priorities and events are made through the app registry: feature apps' tests import only each other's selectors
(``[tool.importlinter]``). Pat the partner covers Ashfield only, and reads partner and public tiers.
"""

import datetime as dt
import uuid

import pytest
from django.apps import apps
from django.contrib.gis.geos import Point
from django.urls import reverse
from django.utils import timezone

from crime.models import Crime

pytestmark = pytest.mark.django_db

PAYLOAD = '<img src=x onerror="alert(1)">'
HERE = Point(-1.55, 53.8, srid=4326)


def _priority(neighbourhood, title, *, tier=0, status="active", location=HERE):
    return apps.get_model("priorities", "Priority").objects.create(
        neighbourhood=neighbourhood,
        title=title,
        tier=tier,
        status=status,
        echr_checked=True,
        echr_note="Proportionate",
        activated_on=dt.date(2026, 3, 1),
        location=location,
        location_text="Mill Lane",
    )


def _event(neighbourhood, title, *, tier=0, days=3, location=HERE):
    return apps.get_model("engagement", "EngagementEvent").objects.create(
        neighbourhood=neighbourhood,
        tier=tier,
        kind="pact",
        title=title,
        starts_at=timezone.now() + dt.timedelta(days=days),
        location=location,
    )


def _crimes(neighbourhood, point, n, *, month=dt.date(2026, 2, 1), category="burglary", text="On or near Mill Lane"):
    Crime.objects.bulk_create(
        Crime(
            key=uuid.uuid4(),
            month=month,
            reported_by="Testshire Police",
            falls_within="Testshire Police",
            category=category,
            neighbourhood=neighbourhood,
            location=point,
            location_text=text,
        )
        for _ in range(n)
    )


def _points(client, user, layer, **query):
    client.force_login(user)
    return client.get(reverse("api-deployment:layer-points"), {"force": "testshire", "layer": layer, **query})


@pytest.fixture
def layers(cast):
    for tier, word in ((0, "Public"), (1, "Partner"), (2, "Police")):
        _priority(cast.ashfield, f"{word} priority", tier=tier)
        _event(cast.ashfield, f"{word} event", tier=tier)
    _priority(cast.brookside, "Brookside priority")
    _priority(cast.ashfield, "Proposed priority", status="proposed")
    _priority(cast.ashfield, "Unlocated priority", location=None)
    _event(cast.ashfield, "Past event", days=-3)
    _event(cast.brookside, "Brookside event")
    return cast


def test_police_see_every_tier_of_their_force_and_partners_their_tiers_and_areas_only(client, layers):
    police = _points(client, layers.ian, "priorities").json()
    assert sorted(p["name"] for p in police["points"]) == [
        "Brookside priority",
        "Partner priority",
        "Police priority",
        "Public priority",
    ]
    partner = _points(client, layers.pat, "priorities").json()
    assert sorted(p["name"] for p in partner["points"]) == ["Partner priority", "Public priority"]
    events = _points(client, layers.pat, "events").json()
    assert sorted(p["name"] for p in events["points"]) == ["Partner event", "Public event"]
    point = events["points"][0]
    assert (point["longitude"], point["latitude"]) == pytest.approx((-1.55, 53.8))
    assert point["neighbourhood"] == layers.ashfield.name


def test_the_map_page_twins_list_what_the_layers_give(client, layers):
    client.force_login(layers.pat)
    page = client.get(reverse("deployment:map"), {"force": "testshire", "overlays": ["events"]}).content.decode()
    assert 'id="twin-events" class="npt-overlay-twin">' in page  # shown: the layer is ticked
    assert 'id="twin-priorities" class="npt-overlay-twin" hidden>' in page
    assert "Partner event" in page
    assert "Public event" in page
    assert "Police event" not in page
    assert "Police priority" not in page
    assert "Brookside" not in page


def test_crime_points_are_counted_per_snap_point_for_the_month_and_category(client, cast):
    near, far = Point(-1.5, 53.7, srid=4326), Point(-1.6, 53.9, srid=4326)
    _crimes(cast.ashfield, near, 3)
    _crimes(cast.ashfield, far, 1, text=PAYLOAD)
    _crimes(cast.ashfield, far, 2, category="drugs")
    _crimes(cast.ashfield, near, 5, month=dt.date(2026, 1, 1))
    _crimes(cast.brookside, near, 7)  # outside Pat's area
    latest = _points(client, cast.pat, "crimes").json()  # default: the latest month loaded
    assert [(p["name"], p["count"]) for p in latest["points"]] == [
        ("On or near Mill Lane", 3),
        ("On or near Mill Lane", 2),
        (PAYLOAD, 1),
    ]
    burglary = _points(client, cast.pat, "crimes", month="2026-02", category="burglary").json()
    assert sorted((p["name"], p["count"]) for p in burglary["points"]) == [(PAYLOAD, 1), ("On or near Mill Lane", 3)]
    assert "February 2026" in burglary["note"]
    assert "4 located crimes" in burglary["note"]
    january = _points(client, cast.ian, "crimes", month="2026-01").json()
    assert [p["count"] for p in january["points"]] == [5]
    assert _points(client, cast.ian, "crimes", month="2026-13").status_code == 400
    assert _points(client, cast.ian, "crimes", category="nope").status_code == 400
    assert _points(client, cast.ian, "nope").status_code == 400
    assert _points(client, cast.pat, "crimes", force="otherton").status_code == 404


def test_point_text_is_data_in_the_api_and_escaped_on_the_page(client, cast):
    _priority(cast.ashfield, PAYLOAD)
    client.force_login(cast.ian)
    response = _points(client, cast.ian, "priorities")
    assert response.json()["points"][0]["name"] == PAYLOAD
    page = client.get(reverse("deployment:map"), {"force": "testshire", "overlays": ["priorities"]}).content.decode()
    assert PAYLOAD not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
