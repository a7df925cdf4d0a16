"""The response shapes for the OpenAPI schema (hyphenated keys need inline serializers, not attributes)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, inline_serializer
from rest_framework import serializers

S = serializers.CharField
NS = lambda **kw: serializers.CharField(allow_null=True, **kw)  # noqa: E731

FORCE = inline_serializer("PoliceUkForce", {"id": S(), "name": S()})
ENGAGEMENT = inline_serializer("PoliceUkEngagementMethod", {"url": S(), "description": S(), "title": S()})
FORCE_DETAIL = inline_serializer(
    "PoliceUkForceDetail",
    {
        "id": S(),
        "name": S(),
        "description": NS(),
        "url": NS(),
        "telephone": NS(),
        "engagement_methods": ENGAGEMENT.__class__(many=True),
    },
)
NEIGHBOURHOOD = inline_serializer("PoliceUkNeighbourhood", {"id": S(), "name": S()})
CONTACT_KEYS = (
    "email telephone mobile fax web website address facebook twitter youtube myspace bebo flickr "
    "google-plus forum e-messaging blog rss"
).split()
CONTACT = inline_serializer("PoliceUkContactDetails", {key: S(required=False) for key in CONTACT_KEYS})
LATLNG = inline_serializer("PoliceUkLatLng", {"latitude": NS(), "longitude": NS()})
LINK = inline_serializer("PoliceUkLink", {"url": S(), "description": NS(), "title": S()})
LOCATION = inline_serializer(
    "PoliceUkLocation",
    {
        "name": NS(),
        "longitude": NS(),
        "postcode": NS(),
        "address": NS(),
        "latitude": NS(),
        "type": NS(),
        "description": NS(),
    },
)
NEIGHBOURHOOD_DETAIL = inline_serializer(
    "PoliceUkNeighbourhoodDetail",
    {
        "url_force": NS(),
        "contact_details": CONTACT,
        "name": S(),
        "links": LINK.__class__(many=True),
        "centre": LATLNG,
        "locations": LOCATION.__class__(many=True),
        "description": NS(help_text="Sanitised HTML (allow-list)."),
        "id": S(),
        "population": S(help_text='A whole number as a string; "0" when unknown, as police.uk writes it.'),
        "welcome_message": NS(),
    },
)
BOUNDARY_POINT = inline_serializer(
    "PoliceUkBoundaryPoint",
    {
        "latitude": S(required=False),
        "longitude": S(required=False),
        "easting": S(required=False, help_text="NPT extension, with ?srid=27700."),
        "northing": S(required=False, help_text="NPT extension, with ?srid=27700."),
    },
)
PERSON = inline_serializer("PoliceUkPerson", {"name": S(), "rank": S(), "bio": NS(), "contact_details": CONTACT})
EVENT = inline_serializer(
    "PoliceUkEvent",
    {
        "contact_details": CONTACT,
        "description": NS(),
        "title": S(),
        "address": NS(),
        "type": S(),
        "start_date": S(help_text="Naive ISO datetime, local time."),
        "end_date": NS(),
    },
)
PRIORITY = inline_serializer(
    "PoliceUkPriority",
    {"issue": S(), "issue-date": NS(), "action": NS(), "action-date": NS()},
)
PRIORITY_UPDATE = inline_serializer("PoliceUkPriorityUpdate", {"action": S(), "action-date": S()})
PRIORITY_HISTORY = inline_serializer(
    "PoliceUkPriorityHistory",
    {
        "id": serializers.IntegerField(),
        "issue": S(),
        "status": S(help_text="active, resolved, closed_not_resolved or superseded"),
        "issue-date": NS(),
        "closed-date": NS(),
        "outcome": NS(),
        "updates": PRIORITY_UPDATE.__class__(many=True),
    },
)
LOCATE = inline_serializer("PoliceUkLocate", {"force": S(), "neighbourhood": S()})
CATEGORY = inline_serializer("PoliceUkCrimeCategory", {"url": S(), "name": S()})
STREET = inline_serializer("PoliceUkStreet", {"id": serializers.IntegerField(), "name": S()})
CRIME_LOCATION = inline_serializer("PoliceUkCrimeLocation", {"latitude": S(), "street": STREET, "longitude": S()})
# Why the outcome date is null (issue 12): NPT imports data.police.uk's street CSVs, whose "Last outcome category"
# column has no month; the month of an outcome is only in the separate outcomes CSVs, which NPT does not import
# (none is in the shared data, MANIFEST.md §c). A made-up date would look like a fact, so it is null.
OUTCOME_DATE_NOTE = (
    "Always null in NPT: the street-level CSV NPT imports gives the last outcome category but not its month "
    "(police.uk's separate outcomes CSV has it; NPT does not import that file). Null means unknown, not pending."
)
OUTCOME_STATUS = inline_serializer("PoliceUkOutcomeStatus", {"category": S(), "date": NS(help_text=OUTCOME_DATE_NOTE)})
CRIME = inline_serializer(
    "PoliceUkCrime",
    {
        "category": S(),
        "location_type": NS(),
        "location": CRIME_LOCATION.__class__(allow_null=True),
        "context": S(),
        "outcome_status": OUTCOME_STATUS.__class__(allow_null=True),
        "persistent_id": S(),
        "id": serializers.IntegerField(),
        "location_subtype": S(),
        "month": S(),
    },
)
OUTCOME = inline_serializer(
    "PoliceUkOutcome",
    {
        "category": inline_serializer("PoliceUkOutcomeCategory", {"code": S(), "name": S()}),
        "date": NS(help_text=OUTCOME_DATE_NOTE),
        "person_id": NS(),
    },
)
OUTCOMES_FOR_CRIME = inline_serializer(
    "PoliceUkOutcomesForCrime", {"crime": CRIME, "outcomes": OUTCOME.__class__(many=True)}
)
DATES = inline_serializer(
    "PoliceUkDataset",
    {
        "date": S(),
        "stop-and-search": serializers.ListField(child=S(), help_text="Always empty: NPT imports no stop and search."),
        "forces": serializers.ListField(child=S(), help_text="NPT extension: forces with street crime that month."),
    },
)
LAST_UPDATED = inline_serializer("PoliceUkLastUpdated", {"date": NS()})
ERROR = inline_serializer("PoliceUkError", {"detail": serializers.JSONField()})

NO_DATA_HEADER = OpenApiParameter(
    "X-NPT-No-Data",
    str,
    location=OpenApiParameter.HEADER,
    response=True,
    description="NPT extension: present (the month) when no crime data is loaded for the month asked, so an empty "
    "list is not read as no crime.",
)
LINK_HEADER = OpenApiParameter(
    "Link",
    str,
    location=OpenApiParameter.HEADER,
    response=True,
    description='NPT extension: over 10,000 results the body stays a plain list and rel="next" names the next page '
    "(?page=) instead of police.uk's 503.",
)
