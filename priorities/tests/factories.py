"""Factories for engagement events, concerns and priorities (issue 9 tests)."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from core.tiers import Tier
from engagement.models import Concern, EngagementEvent
from priorities.models import Priority, PriorityUpdate


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EngagementEvent

    kind = EngagementEvent.Kind.PACT
    title = factory.Sequence(lambda n: f"PACT meeting {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    tier = Tier.PUBLIC


class ConcernFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Concern

    neighbourhood = factory.SelfAttribute("event.neighbourhood")
    event = factory.SubFactory(EventFactory)
    text = factory.Sequence(lambda n: f"Cars parked on the pavement outside the school, issue {n}")
    people_count = 3


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    title = factory.Sequence(lambda n: f"Motorbikes ridden on Mill Lane playing field, case {n}")
    problem = "Off-road motorbikes ridden across the playing field"
    location_text = "Mill Lane playing field"
    time_pattern = "Weekday evenings, 6pm to 9pm"
    affected = "Families using the park"
    category = Priority.Category.ASB
    tier = Tier.PUBLIC


class ActivePriorityFactory(PriorityFactory):
    status = Priority.Status.ACTIVE
    echr_checked = True
    echr_note = "Patrols and warnings are proportionate"
    activated_on = factory.LazyFunction(timezone.localdate)


class UpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorityUpdate

    on = factory.LazyFunction(timezone.localdate)
    action = "Extra patrols on four evenings; two bikes seized"
    progress = PriorityUpdate.Progress.SOME
