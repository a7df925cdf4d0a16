"""Factories shared by every app's tests."""

from __future__ import annotations

import datetime as dt

import factory
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.utils import timezone

from accounts.grants import every_migration_grants, grant
from accounts.models import PartnerOrganisation, Team, User
from core.roles import Role
from geography.models import LSOA, Force, Neighbourhood, Vintage


def square(x: float, y: float, size: float = 0.01) -> MultiPolygon:
    """A small square in WGS84 with its south-west corner at (x, y)."""
    poly = Polygon(((x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)), srid=4326)
    return MultiPolygon(poly, srid=4326)


class ForceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Force
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"force-{n}")
    name = factory.LazyAttribute(lambda o: f"{o.slug.title()} Police")


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    force = factory.SubFactory(ForceFactory)
    code = factory.Sequence(lambda n: f"NB{n:03d}")
    name = factory.Sequence(lambda n: f"Neighbourhood {n}")
    boundary = factory.Sequence(lambda n: square(-1.6 + (n % 50) * 0.02, 53.7 + (n // 50) * 0.02, 0.02))


class LSOAFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LSOA

    code = factory.Sequence(lambda n: f"E0199{n:04d}")
    vintage = Vintage.V2011
    name = factory.Sequence(lambda n: f"Testtown {n:03d}A")
    geometry = factory.Sequence(lambda n: square(-1.6 + (n % 100) * 0.01, 53.7 + (n // 100) * 0.01))
    population = 1500


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    kind = PartnerOrganisation.Kind.COUNCIL
    force = factory.SubFactory(ForceFactory)
    agreement_reference = factory.Sequence(lambda n: f"ISA-{n:04d}")
    agreement_starts = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    agreement_ends = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=335))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User{n}")
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def role(self, create: bool, extracted: Role | None, **kwargs: object) -> None:
        if create and extracted:
            # get_or_create: transactional (browser) tests flush the groups the data migration made, and with
            # them the groups' permissions; put back what every app's data migrations grant.
            group, created = Group.objects.get_or_create(name=extracted.value)
            if created or not group.permissions.exists():
                for grants in every_migration_grants():
                    grant(django_apps, grants)
            self.groups.add(group)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")
    force = factory.SubFactory(ForceFactory)
