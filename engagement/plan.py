"""The engagement plan's gap check (guide 1062–1066 "no group is inadvertently excluded"; part3 §3; part2 §2.1).

For each of the neighbourhood's community groups marked "to engage" (the register the profile's category 8 shows),
when the team last engaged it in the last N months (an event held that was aimed at it or reached it) and when it
next plans to (an upcoming event aimed at it, within the rolling 12 months). A group with neither is a gap.
The plan is the upcoming events with their audiences plus planned engagement that is not an event
(``PlannedEngagement``: a newsletter, an online forum, a partner's channel), each dated; nothing is planned twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Max, Min, Q
from django.utils import timezone

from engagement.models import CommunityGroup, ParticipationMechanism
from geography.models import Neighbourhood

PLAN_MONTHS = 12  # the plan's rolling window (issue 9)
DEFAULT_MONTHS = 12


def _day(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment)


def _moment(day: dt.date | None) -> dt.datetime | None:
    """A planned engagement's day as the start of that local day, to compare with events' times."""
    if day is None:
        return None
    return dt.datetime.combine(day, dt.time(), tzinfo=ZoneInfo(settings.TIME_ZONE))


@dataclass(frozen=True)
class GroupEngagement:
    group: CommunityGroup
    last_engaged: dt.datetime | None
    next_planned: dt.datetime | None

    @property
    def is_gap(self) -> bool:
        return self.last_engaged is None and self.next_planned is None


def gap_check(
    *, neighbourhood: Neighbourhood, tier: int, months: int = DEFAULT_MONTHS, now: dt.datetime | None = None
) -> list[GroupEngagement]:
    """Every to-engage group a reader of TIER may see, gaps first; one query whatever the number of groups."""
    now = now or timezone.now()
    since = now - dt.timedelta(days=round(months * 30.44))
    horizon = now + dt.timedelta(days=round(PLAN_MONTHS * 30.44))
    groups = (
        CommunityGroup.objects.of_neighbourhood(neighbourhood)
        .at_most(tier)
        .filter(to_engage=True)
        .annotate(
            last_targeted=Max("events_targeting__starts_at", filter=Q(events_targeting__starts_at__range=(since, now))),
            last_reached=Max("events_reaching__starts_at", filter=Q(events_reaching__starts_at__range=(since, now))),
            next_planned=Min(
                "events_targeting__starts_at",
                filter=Q(events_targeting__starts_at__gt=now, events_targeting__starts_at__lte=horizon),
            ),
            # Planned engagement that is not an event counts the same (dated by day), at the reader's tier.
            last_done=Max(
                "planned_engagements__done_on",
                filter=Q(
                    planned_engagements__tier__lte=tier,
                    planned_engagements__done_on__range=(_day(since), _day(now)),
                ),
            ),
            next_other=Min(
                "planned_engagements__planned_on",
                filter=Q(
                    planned_engagements__tier__lte=tier,
                    planned_engagements__done_on__isnull=True,
                    planned_engagements__planned_on__gte=_day(now),
                    planned_engagements__planned_on__lte=_day(horizon),
                ),
            ),
        )
    )
    rows = []
    for group in groups:
        g: Any = group
        held = [when for when in (g.last_targeted, g.last_reached, _moment(g.last_done)) if when is not None]
        ahead = [when for when in (g.next_planned, _moment(g.next_other)) if when is not None]
        rows.append(GroupEngagement(group, max(held) if held else None, min(ahead) if ahead else None))
    return sorted(rows, key=lambda row: (not row.is_gap, row.group.name))


def mechanisms_for(*, neighbourhood: Neighbourhood, tier: int) -> list[ParticipationMechanism]:
    """The audit of existing participation mechanisms (guide 1484–1489) a reader of TIER may see, two queries;
    each carries ``visible_groups`` (and their ids): a police-only group is never named to a partner.
    """
    mechanisms = list(
        ParticipationMechanism.objects.filter(neighbourhood=neighbourhood)
        .at_most(tier)
        .select_related("assessed_by")
        .prefetch_related("groups_reached")[:100]
    )
    for mechanism in mechanisms:
        m: Any = mechanism
        m.visible_groups = [group for group in mechanism.groups_reached.all() if group.tier <= tier]
        m.visible_group_ids = [group.pk for group in m.visible_groups]
    return mechanisms
