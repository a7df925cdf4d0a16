"""Demo queries (issue 16): named officers for the demo officer's neighbourhoods and a fortnight of queries.

Deterministic and idempotent: every row has a fixed reference ("NQ-DEMO-..."), times are fixed offsets from
the "as at" date, and a second run changes nothing. One team neighbourhood is left without a named officer so
that the sergeant's oversight flag has something to show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from accounts.models import User
from demo.writer import SyncStats, upsert
from geography.models import Neighbourhood
from queries.models import RESPONSE_TIME, NamedOfficer, Query, QueryReply


@dataclass(frozen=True)
class DemoQuery:
    number: int
    area: int  # index into the officer's neighbourhoods
    days_before: float  # received this long before the "as at" morning
    topic: str
    message: str
    reply_after_hours: float | None  # None: not answered yet
    closed: bool = False


QUERIES = [
    DemoQuery(1, 0, 13, "asb", "Young people gathering by the shops every evening (demo).", 20),
    DemoQuery(2, 0, 12, "local_problem", "Cars parked on the pavement outside the school (demo).", 50, closed=True),
    DemoQuery(3, 1, 11, "priority", "What is happening about the speeding on the main road? (demo)", 80),
    DemoQuery(4, 1, 9, "feedback", "Thank you for the street briefing last week (demo).", 5, closed=True),
    DemoQuery(5, 0, 7, "asb", "Fireworks set off in the park late at night (demo).", 70),
    DemoQuery(6, 1, 6, "other", "How do I join the neighbourhood watch? (demo)", 30),
    DemoQuery(7, 0, 4, "local_problem", "Fly-tipping behind the garages (demo).", None),
    DemoQuery(8, 1, 1, "asb", "Off-road bikes on the playing field (demo).", None),
]


def _morning(as_at: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(as_at, dt.time(9)))


def load_query_demo(
    *, officer: User | None, neighbourhoods: list[Neighbourhood], as_at: dt.date, stats: SyncStats
) -> None:
    """Named officers for NEIGHBOURHOODS (the demo officer's) and the demo queries in them."""
    if not neighbourhoods:
        return
    for index, neighbourhood in enumerate(neighbourhoods):
        upsert(
            NamedOfficer,
            {"neighbourhood": neighbourhood, "name": "Demo Officer"},
            {
                "user": officer,
                "rank": "PC",
                "role": "Neighbourhood beat manager (demo)",
                "bio": f"Your beat manager for {neighbourhood.name}. This is demonstration data.",
                "order": index,
            },
            stats,
        )
    morning = _morning(as_at)
    for item in QUERIES:
        neighbourhood = neighbourhoods[item.area % len(neighbourhoods)]
        received = morning - dt.timedelta(days=item.days_before)
        replied = None if item.reply_after_hours is None else received + dt.timedelta(hours=item.reply_after_hours)
        status = Query.Status.CLOSED if item.closed else (Query.Status.ANSWERED if replied else Query.Status.NEW)
        query = upsert(
            Query,
            {"reference": f"NQ-DEMO-{item.number:04d}"},
            {
                "neighbourhood": neighbourhood,
                "topic": item.topic,
                "message": item.message,
                "reply_by": Query.ReplyBy.EMAIL,
                "sender_name": f"Demo Resident {item.number}",
                "sender_email": f"resident{item.number}@demo.example",
                "consent_contact": True,
                "consent_share": item.number % 2 == 0,
                "received_at": received,
                "due_at": received + RESPONSE_TIME,
                "first_response_at": replied,
                "status": status,
                "assigned_to": officer,
                "closed_at": replied + dt.timedelta(hours=1) if item.closed and replied else None,
                "outcome": Query.Outcome.ANSWERED if item.closed else "",
            },
            stats,
        )
        if replied is not None:
            upsert(
                QueryReply,
                {"query": query, "sent_at": replied},
                {
                    "channel": QueryReply.Channel.EMAIL,
                    "message": "Thank you: we are looking into it (demo).",
                    "sent_by": officer,
                },
                stats,
            )
