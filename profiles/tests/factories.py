"""Factories for profile items. Build a profile with ``profile_ensure`` (the real service) first."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.gis.geos import Point

from core.tiers import Tier
from engagement.models import CommunityGroup, KeyContact, SurveyResult
from profiles.models import DemographicSource, HousingItem, InfrastructurePoint, LanguageSpoken


class DemographicSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DemographicSource

    kind = DemographicSource.Kind.MOSAIC
    name = "Mosaic group"
    value = factory.Sequence(lambda n: f"Group {n}: urban cohesion")
    source = "Experian"
    as_at = dt.date(2024, 4, 1)
    cadence = "annual"


class HousingItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HousingItem

    kind = HousingItem.Kind.LA_STOCK
    count = 120
    source = "Council housing register"
    as_at = dt.date(2024, 4, 1)


class InfrastructurePointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InfrastructurePoint

    kind = InfrastructurePoint.Kind.RETAIL
    subtype = "Licensed premises"
    name = factory.Sequence(lambda n: f"The Red Lion {n}")
    address = "1 High Street"
    location = factory.Sequence(lambda n: Point(-1.595 + (n % 10) * 0.001, 53.705, srid=4326))


class KeyContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyContact

    kind = KeyContact.Kind.RESIDENTS
    role = "Chair"
    organisation = "Ashfield Residents' Association"
    name = factory.Sequence(lambda n: f"Jo Contact{n}")
    phone = "0113 496 0000"
    email = "chair@example.org"


class SurveyResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyResult

    measure = SurveyResult.Measure.CONFIDENCE
    is_headline = True
    question = ""
    surveyed_on = dt.date(2024, 3, 31)
    sample_size = 400
    value = Decimal("55.0")
    source = SurveyResult.Source.FORCE

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        obj = model_class(*args, **kwargs)
        obj.full_clean()  # fills the headline question in
        obj.save()
        return obj


class LanguageSpokenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LanguageSpoken

    language = factory.Sequence(lambda n: f"Language {n}")
    speakers = 200
    source = "School census"


class CommunityGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityGroup

    kind = CommunityGroup.Kind.NEW_EMERGING
    name = factory.Sequence(lambda n: f"Community {n}")
    tier = Tier.PARTNER
