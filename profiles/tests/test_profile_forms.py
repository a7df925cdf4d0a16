"""Issue 6, items 5 and 12: significant locations near their neighbourhood; error messages that name the field."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from profiles.categories import CATEGORIES
from profiles.forms import form_class_for, section_form_class
from profiles.locations import NEAR_KM
from profiles.models import InfrastructurePoint
from tests.factories import square

pytestmark = pytest.mark.django_db

_SUMMARY_ITEM = re.compile(r'<li><a href="#([^"]+)">(.*?)</a></li>', re.S)
DJANGO_DEFAULTS = ("This field is required", "Enter a valid", "Ensure this value", "Select a valid choice")


def summary(page: str) -> list[tuple[str, str]]:
    """(field anchor, message) for each entry in the page's GOV.UK error summary."""
    body = page.split('class="govuk-list govuk-error-summary__list"', 1)
    if len(body) < 2:
        return []
    listing = body[1].split("</ul>", 1)[0]
    return [(anchor, html.unescape(message).strip()) for anchor, message in _SUMMARY_ITEM.findall(listing)]


def _forms() -> list[tuple[str, list[str], Any]]:
    """(category slug, URL tail, form class) for every section and item form of the profile."""
    found = []
    for category in CATEGORIES:
        found.append((category.slug, [], section_form_class(category)))
        found += [(category.slug, [kind.slug, "add"], form_class_for(kind.model)) for kind in category.items]
    return found


def _bad_values(form_class: Any) -> dict[str, str]:
    """A value each field must refuse: not a date, not a number, too long, not one of the choices."""
    data = {"version": "0"}
    for name, field in form_class().fields.items():
        if name == "version":
            continue
        kind = type(field).__name__
        if kind == "DateField":
            data.update({f"{name}_day": "31", f"{name}_month": "2", f"{name}_year": "2025"})
        elif kind in {"IntegerField", "DecimalField"}:
            data[name] = "lots"
        elif kind == "EmailField":
            data[name] = "not an address"
        elif kind == "TypedChoiceField":
            data[name] = "bogus"
        elif kind == "CharField" and getattr(field, "max_length", None):
            data[name] = "x" * (field.max_length + 1)
    return data


def _url(cast: Any, slug: str, tail: list[str]) -> str:
    if tail:
        return reverse("profiles:item-add", args=[cast.ashfield.pk, slug, *tail[:-1]])
    return reverse("profiles:edit", args=[cast.ashfield.pk, slug])


@pytest.mark.parametrize("payload", ["empty", "bad"])
def test_every_error_in_every_profile_form_names_its_field(ashfield_profile, cast, client, payload):
    client.force_login(cast.olivia)
    checked = 0
    for slug, tail, form_class in _forms():
        form = form_class()
        model = form_class._meta.model
        labels = {name: str(field.label).lower() for name, field in form.fields.items()}
        data = {"version": "0"} if payload == "empty" else _bad_values(form_class)
        page = client.post(_url(cast, slug, tail), data).content.decode()
        items = summary(page)
        if payload == "empty" and not any(f.required for n, f in form.fields.items() if n != "version"):
            continue
        assert items, (model.__name__, payload)
        messages = [message for _anchor, message in items]
        assert len(messages) == len(set(messages)), messages  # never the same message twice
        for anchor, message in items:
            name = anchor.removeprefix("id_")
            name = name if name in labels else name.removesuffix("_0")
            assert name in labels, anchor
            assert labels[name] in message.lower(), (model.__name__, name, message)
            assert not message.startswith(DJANGO_DEFAULTS), message
            checked += 1
    assert checked > 40


def test_required_messages_say_what_to_do(cast, client):
    client.force_login(cast.olivia)
    url = reverse("profiles:item-add", args=[cast.ashfield.pk, "physical", "points"])
    messages = [message for _anchor, message in summary(client.post(url, {"version": "0"}).content.decode())]
    assert "Select the category" in messages
    assert "Enter the name" in messages
    assert "Enter the latitude" in messages
    assert "Enter the longitude" in messages
    url = reverse("profiles:item-add", args=[cast.ashfield.pk, "housing", "housing"])
    messages = [message for _anchor, message in summary(client.post(url, {"version": "0"}).content.decode())]
    assert "Enter the as at date, like 27 3 2025" in messages


def test_it_refuses_dates_in_the_future(cast, client):
    client.force_login(cast.olivia)
    url = reverse("profiles:item-add", args=[cast.ashfield.pk, "satisfaction", "surveys"])
    tomorrow = timezone.localdate() + dt.timedelta(days=2)
    data = {"surveyed_on_day": tomorrow.day, "surveyed_on_month": tomorrow.month, "surveyed_on_year": tomorrow.year}
    messages = [message for _anchor, message in summary(client.post(url, {"version": "0", **data}).content.decode())]
    assert "Date of the survey must be today or in the past" in messages


def _point(cast: Any, latitude: float, longitude: float) -> dict[str, str]:
    return {
        "kind": "retail",
        "subtype": "Licensed premises",
        "name": "The Crown",
        "latitude": f"{latitude:.6f}",
        "longitude": f"{longitude:.6f}",
        "tier": "0",
        "restricted_tier": "2",
        "version": "0",
    }


def test_it_refuses_a_location_far_from_the_neighbourhood(cast, client):
    client.force_login(cast.olivia)
    url = reverse("profiles:item-add", args=[cast.ashfield.pk, "physical", "points"])
    # Ashfield is put in Leeds (the factory's boundaries move with the test order); this point is in Cornwall.
    cast.ashfield.boundary = square(-1.6, 53.7, 0.02)
    cast.ashfield.save()
    response = client.post(url, _point(cast, 50.26, -5.05))
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    messages = [message for _anchor, message in summary(page)]
    assert len(messages) == 1
    assert re.fullmatch(
        r"The point is 4\d\d km from Ashfield\. Enter a latitude and longitude inside or near .*", messages[0]
    )
    assert InfrastructurePoint.objects.count() == 0


def test_it_accepts_a_location_in_the_force_area_or_near_the_neighbourhood(cast, client):
    client.force_login(cast.olivia)
    url = reverse("profiles:item-add", args=[cast.ashfield.pk, "physical", "points"])
    inside_brookside = cast.brookside.boundary.point_on_surface
    assert client.post(url, _point(cast, inside_brookside.y, inside_brookside.x)).status_code == 302
    # Just outside every boundary of the force, but within NEAR_KM of Ashfield's.
    extent = cast.ashfield.boundary.extent  # (xmin, ymin, xmax, ymax)
    south = extent[1] - (NEAR_KM - 1) / 111.0
    assert client.post(url, _point(cast, south, extent[0])).status_code == 302
    # Further than NEAR_KM, outside the force area: refused.
    far_south = extent[1] - (NEAR_KM + 2) / 111.0
    response = client.post(url, _point(cast, far_south, extent[0]))
    assert response.status_code == 200
    assert "km from Ashfield" in html.unescape(response.content.decode())
    assert InfrastructurePoint.objects.count() == 2


def test_the_review_form_names_its_field(ashfield_profile, cast, client):
    client.force_login(cast.sam)
    response = client.post(reverse("profiles:review", args=[cast.ashfield.pk]), {"comment": "  "})
    messages = [message for _anchor, message in summary(response.content.decode())]
    assert messages == ["Enter a review comment: what you checked and what needs updating"]


def test_a_loaded_force_boundary_is_the_force_area(cast, client):
    client.force_login(cast.olivia)
    url = reverse("profiles:item-add", args=[cast.ashfield.pk, "physical", "points"])
    cast.ashfield.boundary = square(-1.6, 53.7, 0.02)
    cast.ashfield.save()
    far = (53.2, -1.0)  # about 60 km from Ashfield, outside every neighbourhood of the force
    assert client.post(url, _point(cast, *far)).status_code == 200  # refused: no force boundary yet
    cast.force.boundary = square(-1.7, 53.1, 0.8)
    cast.force.save()
    assert client.post(url, _point(cast, *far)).status_code == 302  # inside the force's own boundary
    assert InfrastructurePoint.objects.count() == 1
