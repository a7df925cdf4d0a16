"""Deprivation aggregates per neighbourhood: population-weighted, honest about what is missing, never mixing
vintages, and the same whether asked for one neighbourhood or many."""

import pytest

from geography.deprivation import (
    DeprivationSummary,
    deprivation_by_neighbourhood,
    deprivation_for,
    neighbourhoods_with_deprivation,
)
from geography.models import DeprivationRecord, Domain, NeighbourhoodLSOA, Vintage
from tests.deprivation_fixtures import INPUT
from tests.factories import LSOAFactory

pytestmark = pytest.mark.django_db

# The fixture ``three`` (tests/deprivation_fixtures.py): three 2011 LSOAs in Ashfield with these figures.


def test_it_population_weights_ranks_and_deciles(three, cast):
    (edition,) = deprivation_for(cast.ashfield).editions
    imd = edition.imd
    total = sum(pop for pop, _, _ in INPUT)
    assert imd.average_rank == pytest.approx(sum(pop * rank for pop, rank, _ in INPUT) / total)
    assert imd.average_decile == pytest.approx(sum(pop * decile for pop, _, decile in INPUT) / total)
    assert imd.share_lsoas_most_deprived == pytest.approx(1 / 3)
    assert imd.share_population_most_deprived == pytest.approx(1000 / total)
    assert imd.average_score is None  # IoD2019 files here have no scores: not available, not zero
    assert not imd.scores_published
    assert edition.population_sources == ["test mid-2015"]
    assert edition.sources == ["File 1"]
    assert edition.vintage == Vintage.V2011


def test_it_uses_the_share_of_each_lsoa_inside_the_neighbourhood(three, cast):
    NeighbourhoodLSOA.objects.filter(lsoa=three[2]).update(weight=0.5)
    imd = deprivation_for(cast.ashfield).editions[0].imd
    weights = [1000, 2000, 1500]
    assert imd.average_rank == pytest.approx((1000 * 500 + 2000 * 9000 + 1500 * 30000) / sum(weights))
    assert imd.share_lsoas_most_deprived == pytest.approx(1 / 2.5)


def test_it_reports_missing_population_as_not_available(three, cast):
    three[1].population = None
    three[1].save()
    edition = deprivation_for(cast.ashfield).editions[0]
    assert edition.population_missing == [three[1].code]
    assert edition.weighted_population is None
    assert edition.imd.average_rank is None
    assert edition.imd.share_population_most_deprived is None
    assert edition.imd.share_lsoas_most_deprived == pytest.approx(1 / 3)  # needs no population


def test_it_shows_an_lsoa_without_a_record_as_missing(three, cast):
    DeprivationRecord.objects.filter(lsoa=three[0]).delete()
    imd = deprivation_for(cast.ashfield).editions[0].imd
    assert imd.missing == [three[0].code]
    assert imd.average_rank is None
    assert imd.share_lsoas_most_deprived is None


def test_it_never_mixes_2011_and_2021_lsoas(three, cast):
    lsoa21 = LSOAFactory(vintage=Vintage.V2021, population=1500)
    DeprivationRecord.objects.create(lsoa=lsoa21, edition=2025, domain=Domain.IMD, score=41.5, rank=100, decile=1)
    NeighbourhoodLSOA.objects.create(neighbourhood=cast.ashfield, lsoa=lsoa21, weight=1, method="explicit")
    summary = deprivation_for(cast.ashfield)
    newest, older = summary.editions
    assert summary.latest is newest
    assert (newest.edition, [r.code for r in newest.lsoas]) == (2025, [lsoa21.code])
    assert newest.imd.average_score == pytest.approx(41.5)
    assert newest.imd.scores_published
    assert len(older.lsoas) == 3


def test_it_gives_each_of_many_neighbourhoods_what_it_gives_one_in_two_queries(three, cast, django_assert_num_queries):
    # Brookside shares the most deprived LSOA (half of it) and has one of its own from another source.
    own = LSOAFactory(population=4000)
    DeprivationRecord.objects.create(lsoa=own, edition=2019, domain=Domain.IMD, rank=20000, decile=7, source="Own")
    NeighbourhoodLSOA.objects.create(neighbourhood=cast.brookside, lsoa=three[0], weight=0.5, method="explicit")
    NeighbourhoodLSOA.objects.create(neighbourhood=cast.brookside, lsoa=own, weight=1, method="explicit")
    ids = [cast.ashfield.pk, cast.brookside.pk, cast.cottam.pk]
    with django_assert_num_queries(2):
        many = deprivation_by_neighbourhood(ids)
    for neighbourhood in (cast.ashfield, cast.brookside, cast.cottam):
        assert many[neighbourhood.pk].as_dict() == deprivation_for(neighbourhood).as_dict()
    brookside = many[cast.brookside.pk].editions[0]
    assert brookside.sources == ["File 1", "Own"]  # Ashfield's other LSOAs add nothing here
    assert brookside.imd.average_rank == pytest.approx((500 * 500 + 4000 * 20000) / 4500)
    assert not many[cast.cottam.pk].available  # no LSOAs: no editions, not zeros
    assert many[cast.cottam.pk].latest is None


def test_it_says_which_neighbourhoods_have_figures_by_the_same_rule_as_the_summary(three, cast):
    bare = LSOAFactory()  # an LSOA with no records
    NeighbourhoodLSOA.objects.create(neighbourhood=cast.brookside, lsoa=bare, weight=1, method="explicit")
    ids = [cast.ashfield.pk, cast.brookside.pk, cast.cottam.pk]
    summaries = deprivation_by_neighbourhood(ids)
    assert neighbourhoods_with_deprivation(ids) == {pk for pk in ids if summaries[pk].available} == {cast.ashfield.pk}


def test_it_reads_back_its_own_json(three, cast):
    three[1].population = None
    three[1].save()
    data = deprivation_for(cast.ashfield).as_dict()
    assert DeprivationSummary.from_dict(data).as_dict() == data
    assert data["vulnerable_localities_index"] is None  # not computed yet, and says so
    assert "not computed yet" in data["vulnerable_localities_index_note"]
