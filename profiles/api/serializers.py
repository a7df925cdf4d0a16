"""Serializers of the profiles API. The detail is ``ProfileView.as_dict()`` (the JSON export's shape), so what a
reader sees is decided once, by ``profiles.selectors.profile_for``; these classes only describe it for the schema.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from geography.models import Neighbourhood


class ProfileSummarySerializer(serializers.ModelSerializer[Neighbourhood]):
    force = serializers.CharField(source="force.slug", read_only=True, help_text="police.uk force id.")
    started = serializers.BooleanField(read_only=True, help_text="The neighbourhood's profile exists.")
    last_reviewed_at = serializers.DateTimeField(
        source="profile_last_reviewed_at", read_only=True, allow_null=True, help_text="Null: never reviewed."
    )

    class Meta:
        model = Neighbourhood
        fields = ["id", "code", "name", "force", "started", "last_reviewed_at"]
        read_only_fields = fields


class ProfileNeighbourhoodSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class ProfileCategorySerializer(serializers.Serializer[Any]):
    number = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()
    hidden = serializers.BooleanField(help_text="The section is above your tier: it and its items are withheld.")
    section = serializers.DictField(allow_null=True, help_text="Null: no section yet, or hidden.")
    items = serializers.DictField(
        child=serializers.ListField(child=serializers.DictField()),
        help_text="Item kind slug to the items at your tier (restricted fields blanked).",
    )


class ProfilePrioritiesSerializer(serializers.Serializer[Any]):
    current = serializers.ListField(child=serializers.DictField())
    previous = serializers.ListField(child=serializers.DictField())
    note = serializers.CharField(allow_blank=True)


class ProfileDetailSerializer(serializers.Serializer[Any]):
    neighbourhood = ProfileNeighbourhoodSerializer()
    tier = serializers.CharField(help_text="The tier the profile was read at (yours).")
    as_of = serializers.DateTimeField(allow_null=True)
    categories = ProfileCategorySerializer(many=True)
    deprivation = serializers.DictField(allow_null=True, help_text="Null: hidden, or no figures recorded.")
    deprivation_as_at = serializers.DateTimeField(allow_null=True)
    priorities = ProfilePrioritiesSerializer()
