"""The key pages every role reaches, shared by the rendered-source test and the 390 px browser test (issue 6).

``key_pages(cast)`` prepares what the pages need (a started Ashfield profile with a significant location, an
LSOA and a finished job) and returns ``(username, url)`` pairs: each role's home page, the neighbourhood list and
detail, every profile page an officer opens, and the import jobs pages.
"""

from __future__ import annotations

from typing import Any

from django.contrib.gis.geos import Point
from django.urls import reverse

from core.models import Job
from geography.models import NeighbourhoodLSOA
from profiles.categories import CATEGORIES
from profiles.models import InfrastructurePoint
from profiles.services import profile_ensure
from tests.factories import LSOAFactory

ROLE_USERS = ("olivia", "sam", "ian", "ana", "pat", "ada", "nobody")


def key_pages(cast: Any) -> list[tuple[str, str]]:
    ashfield = cast.ashfield
    x, y = ashfield.boundary.extent[:2]
    lsoa = LSOAFactory(name="Ashfield 001A", geometry=ashfield.boundary)
    NeighbourhoodLSOA.objects.create(neighbourhood=ashfield, lsoa=lsoa, weight=1, method="spatial")
    profile = profile_ensure(neighbourhood=ashfield, by=cast.olivia)
    point = InfrastructurePoint.objects.create(
        profile=profile,
        kind=InfrastructurePoint.Kind.RETAIL,
        name="The Red Lion",
        address="1 High Street",
        location=Point(x + 0.01, y + 0.01, srid=4326),
    )
    job = Job.objects.create(kind="import_neighbourhoods", status=Job.Status.SUCCEEDED, progress=100)

    pk = ashfield.pk
    pages = [(user, reverse("home")) for user in ROLE_USERS]
    pages += [(user, reverse("geography:neighbourhood-list")) for user in ("olivia", "pat")]
    pages += [
        ("olivia", reverse("geography:neighbourhood-detail", args=[pk])),
        ("pat", reverse("geography:neighbourhood-detail", args=[pk])),
        ("olivia", reverse("profiles:index")),
        ("olivia", reverse("profiles:detail", args=[pk])),
        ("pat", reverse("profiles:detail", args=[pk])),
        ("olivia", reverse("profiles:print", args=[pk])),
        ("olivia", reverse("profiles:history", args=[pk])),
        ("olivia", reverse("profiles:as-at", args=[pk])),
        ("olivia", reverse("profiles:compare", args=[pk])),
        ("sam", reverse("profiles:review", args=[pk])),
        ("olivia", reverse("profiles:item-add", args=[pk, "physical", "points"])),
        ("olivia", reverse("profiles:item-edit", args=[pk, "physical", "points", point.pk])),
        ("ana", reverse("geography:job-list")),
        ("ana", reverse("geography:job-detail", args=[job.pk])),
    ]
    pages += [("olivia", reverse("profiles:edit", args=[pk, category.slug])) for category in CATEGORIES]
    return pages
