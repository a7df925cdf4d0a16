"""Queries as the API shows them. Two shapes: police readers get the sender's details, others never do."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from queries.models import Query


class QuerySerializer(serializers.ModelSerializer[Query]):
    """A query without the sender's details or location (partners, and any reader without view_query_sender)."""

    neighbourhood_name = serializers.CharField(source="neighbourhood.name", read_only=True)
    overdue = serializers.SerializerMethodField()
    message = serializers.SerializerMethodField()

    class Meta:
        model = Query
        fields = [
            "id",
            "reference",
            "neighbourhood",
            "neighbourhood_name",
            "topic",
            "message",
            "status",
            "received_at",
            "due_at",
            "acknowledged_at",
            "first_response_at",
            "overdue",
            "escalated_at",
            "review_requested_at",
            "closed_at",
            "outcome",
        ]
        read_only_fields = fields

    def get_overdue(self, obj: Query) -> bool:
        return obj.is_overdue()

    def get_message(self, obj: Query) -> str | None:
        """The message only if the sender agreed to share it (partners see nothing else of theirs)."""
        return obj.message if obj.consent_share else None


class PoliceQuerySerializer(QuerySerializer):
    """For readers holding view_query_sender: the message and the contact details."""

    class Meta(QuerySerializer.Meta):
        fields = [
            *QuerySerializer.Meta.fields,
            "location_text",
            "sender_name",
            "reply_by",
            "sender_email",
            "sender_phone",
            "consent_contact",
            "consent_share",
            "erased_at",
        ]
        read_only_fields = fields

    def get_message(self, obj: Query) -> str | None:
        return obj.message


class MeasuresSerializer(serializers.Serializer[object]):
    label = serializers.CharField()  # type: ignore[assignment]  # a field named "label", not Field.label
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    as_at = serializers.DateTimeField()
    received = serializers.IntegerField()
    answered_in_time = serializers.IntegerField()
    measurable = serializers.IntegerField()
    still_in_time = serializers.IntegerField()
    answered_in_time_share = serializers.FloatField(allow_null=True)
    median_response_hours = serializers.FloatField(allow_null=True)
    overdue_now = serializers.IntegerField()
    escalations = serializers.IntegerField()


class PersonContactSerializer(serializers.Serializer[Any]):
    contact_form = serializers.CharField(help_text="The query form: the public's contact route.")
    email = serializers.CharField(required=False, help_text="Only when the force publishes one.")
    telephone = serializers.CharField(required=False, help_text="Only when the force publishes one.")


class PersonSerializer(serializers.Serializer[Any]):
    """A published named officer in police.uk's ``people`` shape, with the role beside it."""

    name = serializers.CharField()
    rank = serializers.CharField()
    role = serializers.CharField()
    bio = serializers.CharField()
    contact_details = PersonContactSerializer()
