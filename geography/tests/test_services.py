import pytest
from django.contrib.gis.geos import MultiPolygon, Polygon

from geography.models import NeighbourhoodLSOA, Vintage
from geography.services import membership_derive, neighbourhood_set_lsoas
from tests.factories import LSOAFactory, NeighbourhoodFactory, square

pytestmark = pytest.mark.django_db


def test_it_builds_a_neighbourhood_from_whole_lsoas():
    a = LSOAFactory(geometry=square(-1.50, 53.80), population=1000)
    b = LSOAFactory(geometry=square(-1.49, 53.80), population=1200)
    hood = NeighbourhoodFactory(boundary=None)
    neighbourhood_set_lsoas(neighbourhood=hood, lsoas=[a, b])
    hood.refresh_from_db()
    assert hood.population == 2200
    assert hood.boundary.covers(a.geometry.point_on_surface)
    assert hood.boundary.covers(b.geometry.point_on_surface)
    assert set(hood.memberships.values_list("weight", "method")) == {(1.0, "explicit")}


def test_it_leaves_population_unknown_when_a_member_has_none():
    a = LSOAFactory(geometry=square(-1.50, 53.80), population=None)
    hood = NeighbourhoodFactory(boundary=None)
    neighbourhood_set_lsoas(neighbourhood=hood, lsoas=[a])
    assert hood.population is None


def test_it_weights_spatial_membership_by_share_of_area():
    whole = LSOAFactory(geometry=square(-1.50, 53.80))
    half = LSOAFactory(geometry=square(-1.49, 53.80))
    outside = LSOAFactory(geometry=square(-1.40, 53.80))
    # Covers `whole` fully and the western half of `half`.
    hood = NeighbourhoodFactory(
        boundary=MultiPolygon(
            Polygon(((-1.50, 53.80), (-1.485, 53.80), (-1.485, 53.81), (-1.50, 53.81), (-1.50, 53.80)), srid=4326),
            srid=4326,
        )
    )
    assert membership_derive(neighbourhood=hood, vintage=Vintage.V2011) == 2
    weights = dict(NeighbourhoodLSOA.objects.filter(neighbourhood=hood).values_list("lsoa__code", "weight"))
    assert weights[whole.code] == pytest.approx(1.0, abs=1e-3)
    assert weights[half.code] == pytest.approx(0.5, abs=0.01)
    assert outside.code not in weights


def test_it_keeps_other_vintages_when_deriving_one():
    old = LSOAFactory(geometry=square(-1.50, 53.80), vintage=Vintage.V2011)
    new = LSOAFactory(geometry=square(-1.50, 53.80), vintage=Vintage.V2021)
    hood = NeighbourhoodFactory(boundary=square(-1.50, 53.80, 0.01))
    membership_derive(neighbourhood=hood, vintage=Vintage.V2011)
    membership_derive(neighbourhood=hood, vintage=Vintage.V2021)
    membership_derive(neighbourhood=hood, vintage=Vintage.V2011)
    assert set(hood.memberships.values_list("lsoa__code", "lsoa__vintage")) == {(old.code, 2011), (new.code, 2021)}
