"""Reads shared by the query pages, the API, the performance framework and (later) the police.uk API.

``named_officers`` gives police.uk's ``people`` shape; ``query_measures`` the Guarantee's 72-hour measures.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.models import Team
from core.tiers import Tier
from geography.models import Neighbourhood
from queries.models import RESPONSE_TIME, NamedOfficer, Query


def named_officers(neighbourhood: Neighbourhood, *, tier: int = Tier.PUBLIC) -> list[dict[str, Any]]:
    """The neighbourhood's named officers in police.uk's ``people`` shape (name, rank, bio, contact_details),
    with the role beside it. The contact route is the query form; a personal address only if published.
    """
    people = []
    for officer in NamedOfficer.objects.filter(neighbourhood=neighbourhood, tier__lte=tier).order_by("order", "pk"):
        contact: dict[str, str] = {"contact_form": reverse("queries:contact", args=[neighbourhood.pk])}
        if officer.public_email:
            contact["email"] = officer.public_email
        if officer.public_phone:
            contact["telephone"] = officer.public_phone
        people.append(
            {
                "name": officer.name,
                "rank": officer.rank,
                "role": officer.role,
                "bio": officer.bio,
                "contact_details": contact,
            }
        )
    return people


# The fields a change to a named officer is described by (the sergeant's form, and the place in the list).
_OFFICER_FIELDS = {
    "name": "name",
    "rank": "rank",
    "role": "role",
    "bio": "bio",
    "public_email": "published email",
    "public_phone": "published phone",
    "user": "account",
    "tier": "who can see it",
    "order": "place in the list",
}
HISTORY_LIMIT = 100


def neighbourhood_officer_history(neighbourhood: Neighbourhood, *, limit: int = HISTORY_LIMIT) -> list[dict[str, Any]]:
    """The newest LIMIT changes to NEIGHBOURHOOD's named officers, from their history, in one query: when, who,
    added/changed/removed, the officer as they were, and which fields changed (compared with the record before).
    """
    records = list(
        NamedOfficer.history.filter(neighbourhood_id=neighbourhood.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[: limit + 1]
    )
    entries = []
    for index, record in enumerate(records[:limit]):
        before = next((r for r in records[index + 1 :] if r.id == record.id), None)
        fields = []
        if record.history_type == "~" and before is not None:
            fields = [
                label
                for name, label in _OFFICER_FIELDS.items()
                if getattr(record, f"{name}_id" if name == "user" else name)
                != getattr(before, f"{name}_id" if name == "user" else name)
            ]
        user = record.history_user
        entries.append(
            {
                "at": record.history_date,
                "by": (user.get_full_name() or user.get_username()) if user else "System",
                "what": {"+": "Added", "~": "Changed", "-": "Removed"}[record.history_type],
                "officer": f"{record.rank} {record.name}",
                "fields": fields,
            }
        )
    return entries


def oversight_area(user: Any) -> QuerySet[Neighbourhood]:
    """What USER oversees: a sergeant their teams' neighbourhoods; an inspector (who leads no team) every one
    they can read (their force).
    """
    visible = Neighbourhood.objects.visible_to(user)
    led = visible.filter(teams__leader=user)
    return visible.filter(pk__in=led.values("pk")) if led.exists() else visible


def neighbourhoods_without_named_officer(neighbourhoods: QuerySet[Neighbourhood]) -> QuerySet[Neighbourhood]:
    """Of NEIGHBOURHOODS, those with no published named officer (flagged to sergeants and inspectors)."""
    published = NamedOfficer.objects.filter(tier=Tier.PUBLIC).values("neighbourhood")
    return neighbourhoods.exclude(pk__in=published).order_by("name")


@dataclass(frozen=True)
class Measures:
    """The Guarantee's query measures for a set of neighbourhoods over [start, end).

    ``answered_in_time_share`` is over the queries received in the period whose outcome is known: answered, or
    past their deadline; those still inside their 72 hours are ``still_in_time`` and in neither count.
    ``overdue_now`` is as at ``as_at`` whatever the period. None means no queries to measure: missing, not 0.
    """

    label: str
    start: dt.datetime
    end: dt.datetime
    as_at: dt.datetime
    received: int
    answered_in_time: int
    measurable: int
    still_in_time: int
    median_response: dt.timedelta | None
    overdue_now: int
    escalations: int

    @property
    def answered_in_time_share(self) -> float | None:
        return self.answered_in_time / self.measurable if self.measurable else None

    @property
    def median_response_hours(self) -> float | None:
        return None if self.median_response is None else self.median_response.total_seconds() / 3600


def query_measures(
    neighbourhoods: Iterable[Neighbourhood] | QuerySet[Neighbourhood],
    start: dt.datetime,
    end: dt.datetime,
    *,
    label: str = "",
    now: dt.datetime | None = None,
) -> Measures:
    """Received, share with a meaningful response within 72 hours, median time to response, overdue now and
    escalations for NEIGHBOURHOODS taken together, for queries received in [START, END).
    """
    ids = [n.pk for n in neighbourhoods]
    return measures_by_group({label: ids}, start, end, now=now)[0]


def measures_by_group(
    groups: dict[str, list[int]], start: dt.datetime, end: dt.datetime, *, now: dt.datetime | None = None
) -> list[Measures]:
    """``query_measures`` for each group of neighbourhood ids (label -> ids), in three database queries in all:
    the measures page shows every neighbourhood, team and force at once.
    """
    now = now or timezone.now()
    every = {pk for ids in groups.values() for pk in ids}
    scoped = Query.objects.filter(neighbourhood_id__in=every)
    rows: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in scoped.filter(received_at__gte=start, received_at__lt=end).values_list(
        "neighbourhood_id", "received_at", "due_at", "first_response_at", "status"
    ):
        rows[row[0]].append(row[1:])
    overdue = dict(
        scoped.overdue(now)
        .order_by()
        .values("neighbourhood_id")
        .annotate(n=Count("pk"))
        .values_list("neighbourhood_id", "n")
    )
    escalations = dict(
        scoped.filter(escalated_at__gte=start, escalated_at__lt=end)
        .order_by()
        .values("neighbourhood_id")
        .annotate(n=Count("pk"))
        .values_list("neighbourhood_id", "n")
    )
    return [
        _measures(
            label,
            [row for pk in set(ids) for row in rows[pk]],
            start=start,
            end=end,
            now=now,
            overdue_now=sum(overdue.get(pk, 0) for pk in set(ids)),
            escalations=sum(escalations.get(pk, 0) for pk in set(ids)),
        )
        for label, ids in groups.items()
    ]


def _measures(
    label: str,
    rows: list[tuple[Any, ...]],
    *,
    start: dt.datetime,
    end: dt.datetime,
    now: dt.datetime,
    overdue_now: int,
    escalations: int,
) -> Measures:
    answered = [(first - received) for received, _due, first, _status in rows if first is not None]
    in_time = sum(1 for _received, due, first, _status in rows if first is not None and first <= due)
    # Still inside the 72 hours: not yet a success or a failure (a query closed unanswered has failed).
    still = sum(
        1 for _received, due, first, status in rows if first is None and due >= now and status != Query.Status.CLOSED
    )
    return Measures(
        label=label,
        start=start,
        end=end,
        as_at=now,
        received=len(rows),
        answered_in_time=in_time,
        measurable=len(rows) - still,
        still_in_time=still,
        median_response=statistics.median(answered) if answered else None,
        overdue_now=overdue_now,
        escalations=escalations,
    )


@dataclass(frozen=True)
class MeasureGroups:
    """The neighbourhood ids to measure together, label -> ids, for one area's pages (labels unique per table)."""

    neighbourhoods: dict[str, list[int]]
    teams: dict[str, list[int]]
    forces: dict[str, list[int]]


def measure_groups(neighbourhoods: QuerySet[Neighbourhood], *, only_with_queries: bool = True) -> MeasureGroups:
    """Group NEIGHBOURHOODS by themselves, by the teams covering them and by force, for ``measures_by_group``.

    ONLY_WITH_QUERIES leaves out neighbourhoods that never had a query (the force-wide table would be mostly
    empty rows). With several forces in scope (administrators) each label names its force.
    """
    visible = list(neighbourhoods.select_related("force").order_by("force__name", "name"))
    ids = [n.pk for n in visible]
    with_queries = set(Query.objects.filter(neighbourhood_id__in=ids).values_list("neighbourhood_id", flat=True))
    id_set = set(ids)
    several = len({n.force_id for n in visible}) > 1

    def label(name: str, force: str) -> str:
        return f"{name} ({force})" if several else name

    areas = {label(n.name, n.force.name): [n.pk] for n in visible if n.pk in with_queries or not only_with_queries}
    teams: dict[str, list[int]] = {}
    memberships = (
        Team.objects.filter(neighbourhoods__pk__in=ids)
        .order_by("name")
        .values_list("name", "force__name", "neighbourhoods__pk")
    )
    for name, force, pk in memberships:
        if pk in id_set:
            teams.setdefault(label(name, force), []).append(pk)
    forces: dict[str, list[int]] = {}
    for n in visible:
        forces.setdefault(n.force.name, []).append(n.pk)
    return MeasureGroups(areas, teams, forces)


def default_period(now: dt.datetime | None = None) -> tuple[dt.datetime, dt.datetime]:
    """The last 28 days up to now."""
    now = now or timezone.now()
    return now - dt.timedelta(days=28), now


__all__ = [
    "RESPONSE_TIME",
    "MeasureGroups",
    "Measures",
    "measure_groups",
    "measures_by_group",
    "named_officers",
    "neighbourhood_officer_history",
    "neighbourhoods_without_named_officer",
    "oversight_area",
    "query_measures",
]
