import datetime as dt
import uuid

import pytest
from django.contrib.gis.geos import MultiPolygon, Point, Polygon
from django.utils import timezone

from crime.models import Crime
from engagement.models import EngagementEvent
from priorities.models import Priority, PriorityUpdate
from queries.models import NamedOfficer


def active(neighbourhood, tier, title, **extra):
    return Priority.objects.create(
        neighbourhood=neighbourhood,
        tier=tier,
        title=title,
        status="active",
        echr_checked=True,
        echr_note="Proportionate",
        activated_on=dt.date(2026, 3, 1),
        set_on=dt.date(2026, 2, 20),
        **extra,
    )


@pytest.fixture
def scene(cast):
    """Ashfield with a boundary, one priority, event and officer of each tier, and two months of crime."""
    hood = cast.ashfield
    hood.boundary = MultiPolygon(Polygon.from_bbox((-1.2, 52.6, -1.1, 52.7)), srid=4326)
    hood.centre = Point(-1.15, 52.65, srid=4326)
    hood.description = '<p>Hello <script>alert(1)</script><a href="javascript:x()">link</a></p>'
    hood.contact_details = {"email": "ash@example.org", "google-plus": "g", "website": "http://example.org"}
    hood.save()
    soon = timezone.now() + dt.timedelta(days=7)
    for tier, word in ((0, "Public"), (1, "Partner"), (2, "Police")):
        p = active(hood, tier, f"{word} priority")
        if tier == 0:
            PriorityUpdate.objects.create(
                priority=p, on=dt.date(2026, 4, 2), action="<p>We patrolled</p>", progress="some"
            )
        EngagementEvent.objects.create(
            neighbourhood=hood, tier=tier, kind="pact", title=f"{word} event", starts_at=soon
        )
        NamedOfficer.objects.create(neighbourhood=hood, name=f"{word} Officer", rank="PC", role="Beat", tier=tier)
    active(hood, 0, "Unactioned priority")
    for month, n in ((dt.date(2026, 1, 1), 2), (dt.date(2026, 2, 1), 3)):
        for i in range(n):
            Crime.objects.create(
                key=uuid.uuid4(),
                crime_id=f"{month:%Y%m}{i:058d}",
                month=month,
                reported_by="Testshire Police",
                falls_within="Testshire Police",
                location=Point(-1.15, 52.65, srid=4326),
                location_text="On or near Mill Lane",
                category="burglary" if i else "anti-social-behaviour",
                last_outcome="Under investigation" if i else "",
                neighbourhood=hood,
            )
    return cast
