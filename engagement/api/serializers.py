"""Serializers for the KIN and the engagement plan APIs (issue 9).

KIN members keep the register's minimisation: a member's name, phone and email are given only to a reader of the
member's ``restricted_tier`` (police only by default); notes and anything beyond work contact details never.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from accounts.tiers import max_tier
from core.tiers import Tier
from engagement.models import CommunityGroup, EngagementEvent, KeyContact, ParticipationMechanism


class KinMemberSerializer(serializers.ModelSerializer[KeyContact]):
    neighbourhood = serializers.IntegerField(source="profile.neighbourhood_id", read_only=True)
    priority = serializers.IntegerField(source="kin_priority_id", read_only=True, allow_null=True)
    name = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()
    email = serializers.SerializerMethodField()

    class Meta:
        model = KeyContact
        fields = [
            "id",
            "neighbourhood",
            "kin_type",
            "priority",
            "kind",
            "role",
            "organisation",
            "name",
            "phone",
            "email",
            "preferred_contact",
            "consents_to_contact",
            "last_contacted_on",
        ]
        read_only_fields = fields

    def _personal(self, member: KeyContact, value: str) -> str | None:
        """VALUE if the reader may see the member's personal fields, else None (withheld, not blank)."""
        reader = max_tier(self.context["request"].user)
        return value if member.restricted_tier is not None and member.restricted_tier <= reader else None

    def get_name(self, member: KeyContact) -> str | None:
        return self._personal(member, member.name)

    def get_phone(self, member: KeyContact) -> str | None:
        return self._personal(member, member.phone)

    def get_email(self, member: KeyContact) -> str | None:
        return self._personal(member, member.email)


class GroupEngagementSerializer(serializers.Serializer[Any]):
    """One to-engage group of the plan: when it was last engaged and when it next is; both null is a gap."""

    group = serializers.IntegerField(source="group.pk")
    name = serializers.CharField(source="group.name")
    kind = serializers.ChoiceField(source="group.kind", choices=CommunityGroup.Kind.choices)
    last_engaged = serializers.DateTimeField(allow_null=True)
    next_planned = serializers.DateTimeField(allow_null=True)
    is_gap = serializers.BooleanField()


class MechanismSerializer(serializers.Serializer[Any]):
    """One existing participation mechanism of the plan's audit (guide 1484–1489) and how well it works."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=ParticipationMechanism.Kind.choices)
    run_by = serializers.ChoiceField(choices=ParticipationMechanism.RunBy.choices)
    run_by_name = serializers.CharField()
    frequency = serializers.CharField()
    reaches = serializers.CharField()
    groups_reached = serializers.ListField(
        child=serializers.IntegerField(), source="visible_group_ids", help_text="Profile groups you may see."
    )
    rating = serializers.ChoiceField(
        choices=ParticipationMechanism.Rating.choices, help_text="not_assessed until someone assesses it."
    )
    evidence = serializers.CharField()
    assessed_on = serializers.DateField(allow_null=True)
    tier = serializers.IntegerField()
    version = serializers.IntegerField()


class EngagementPlanSerializer(serializers.Serializer[Any]):
    neighbourhood = serializers.IntegerField()
    neighbourhood_name = serializers.CharField()
    months = serializers.IntegerField(help_text="The look-back window for engagement done.")
    plan_months = serializers.IntegerField(help_text="The plan's rolling window ahead.")
    gaps = serializers.IntegerField(help_text="Groups with no engagement done or planned.")
    groups = GroupEngagementSerializer(many=True)
    mechanisms = MechanismSerializer(many=True, help_text="The audit of existing participation mechanisms.")


class EngagementPlanQuerySerializer(serializers.Serializer[Any]):
    months = serializers.IntegerField(required=False, min_value=1, max_value=36, default=12)


class EventSerializer(serializers.ModelSerializer[EngagementEvent]):
    """An engagement event (issue 12). No personal data: the event's contact, its organiser and who recorded it
    are left out; partner organisations are organisations, not people.
    """

    neighbourhood_name = serializers.CharField(source="neighbourhood.name", read_only=True)
    tier = serializers.ChoiceField(choices=Tier.choices, read_only=True, help_text="Who can see the event.")
    longitude = serializers.SerializerMethodField()
    latitude = serializers.SerializerMethodField()

    class Meta:
        model = EngagementEvent
        fields = [
            "id", "neighbourhood", "neighbourhood_name", "kind", "title", "starts_at", "ends_at", "address",
            "longitude", "latitude", "tier", "description", "attendance", "other_partners",
        ]  # fmt: skip
        read_only_fields = fields

    def get_longitude(self, event: EngagementEvent) -> float | None:
        return event.location.x if event.location is not None else None

    def get_latitude(self, event: EngagementEvent) -> float | None:
        return event.location.y if event.location is not None else None
