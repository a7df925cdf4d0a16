import datetime as dt
import uuid

import pytest
from django.contrib.gis.geos import Point

from crime.models import Crime
from crime.services import crimes_link_unlinked
from geography.services import neighbourhood_set_lsoas
from tests.factories import LSOAFactory, NeighbourhoodFactory, square

pytestmark = pytest.mark.django_db


def make_crime(lsoa, x, y, neighbourhood=None):
    return Crime.objects.create(
        key=uuid.uuid4(),
        month=dt.date(2018, 7, 1),
        reported_by="Testshire Police",
        falls_within="Testshire Police",
        location=Point(x, y, srid=4326),
        lsoa=lsoa,
        lsoa_code=lsoa.code,
        category="burglary",
        neighbourhood=neighbourhood,
    )


def test_it_links_crimes_imported_before_their_neighbourhood():
    inside_lsoa = LSOAFactory(geometry=square(-1.50, 53.80))
    outside_lsoa = LSOAFactory(geometry=square(-1.40, 53.80))
    hood = neighbourhood_set_lsoas(neighbourhood=NeighbourhoodFactory(boundary=None), lsoas=[inside_lsoa])
    far = NeighbourhoodFactory(boundary=square(10.0, 10.0))
    inside = make_crime(inside_lsoa, -1.495, 53.805)
    outside = make_crime(outside_lsoa, -1.395, 53.805)
    wrong = make_crime(inside_lsoa, -1.495, 53.805, neighbourhood=far)  # a link the boundaries do not support

    # One rule for import and relink (crime.linking): the smallest neighbourhood whose boundary covers the
    # point; a stale link is corrected.
    assert crimes_link_unlinked(neighbourhoods=[hood]) == 2
    for crime in (inside, outside, wrong):
        crime.refresh_from_db()
    assert inside.neighbourhood == hood
    assert outside.neighbourhood is None
    assert wrong.neighbourhood == hood
