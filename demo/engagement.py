"""Demo engagement (issue 9): groups to engage and KIN members in the register, events aimed at the groups, the
issues raised at them, and priorities with "you said, we did" updates, in the demo officer's first neighbourhood.

Idempotent: everything hangs off the demo PACT meeting (its title is the key); when it exists, a re-run changes
nothing. Writes go through the services, so history and audit events are as real use makes them. Dates are fixed
offsets from the "as at" date, so the same run gives the same data. Names are invented (synthetic, "demo").
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from core.tiers import Tier
from demo.writer import SyncStats
from engagement.event_services import concern_record, event_create
from engagement.kin_services import kin_round_record
from engagement.models import CommunityGroup, EngagementEvent, KeyContact, SurveyResult
from engagement.selectors import HEADLINE_QUESTION
from geography.models import Neighbourhood
from priorities.models import Priority
from priorities.services import priority_activate, priority_post_update, priority_promote_concern, priority_update
from profiles.services import profile_ensure

PACT_TITLE = "Demo PACT meeting: spring priorities"
GROUPS = [
    ("new_emerging", "Eritrean community (demo)", Tier.PARTNER),
    ("hard_to_reach", "Young people on the estate (demo)", Tier.PARTNER),
    ("vulnerable", "Older residents living alone (demo)", Tier.PARTNER),
    ("transient", "Student households (demo)", Tier.PARTNER),  # no event: the gap check shows it
]
KIN = [
    ("strategic", "Chair", "Mill Lane Residents' Association (demo)", "Alex Demo"),
    ("strategic", "Shop owner", "High Street Traders (demo)", "Sam Example"),
    ("tactical", "Caretaker", "Ashgrove Flats (demo)", "Jo Sample"),
]
CONCERNS = [
    ("Young people riding off-road bikes on the playing field (demo).", "Playing field", "Weekday evenings", 9),
    ("Cars parked on the pavement outside the primary school (demo).", "School Road", "School run", 6),
    ("Fly-tipping behind the garages (demo).", "Garages off Mill Lane", "Weekends", 3),
]


def _at(as_at: dt.date, days: int, hour: int = 18) -> dt.datetime:
    return dt.datetime.combine(as_at + dt.timedelta(days=days), dt.time(hour), tzinfo=timezone.get_default_timezone())


def load_engagement_demo(
    *, officer: User | None, neighbourhoods: list[Neighbourhood], as_at: dt.date, stats: SyncStats
) -> None:
    if not neighbourhoods or EngagementEvent.objects.filter(title=PACT_TITLE).exists():
        return
    area = neighbourhoods[0]
    profile = profile_ensure(neighbourhood=area, by=officer)
    groups = [
        CommunityGroup.objects.create(profile=profile, kind=kind, name=name, tier=tier, source="Demo")
        for kind, name, tier in GROUPS
    ]
    stats.add(CommunityGroup, "created", len(groups))
    members = []
    for kin_type, role, organisation, name in KIN:
        member = KeyContact(
            profile=profile,
            kind=KeyContact.Kind.KIN,
            role=role,
            organisation=organisation,
            name=name,
            kin_type=kin_type,
            consents_to_contact=True,
            preferred_contact=KeyContact.Preference.EMAIL,
        )
        member.full_clean()
        member.save()
        members.append(member)
    stats.add(KeyContact, "created", len(members))
    SurveyResult.objects.create(
        profile=profile,
        measure=SurveyResult.Measure.CONFIDENCE,
        is_headline=True,
        question=HEADLINE_QUESTION,
        surveyed_on=as_at - dt.timedelta(days=90),
        sample_size=240,
        value=Decimal("58.0"),
        source=SurveyResult.Source.FORCE,
        source_detail="Demo force survey",
        tier=Tier.PUBLIC,
    )
    stats.add(SurveyResult, "created")

    pact = event_create(
        neighbourhood=area,
        values={
            "kind": EngagementEvent.Kind.PACT,
            "title": PACT_TITLE,
            "starts_at": _at(as_at, -40),
            "ends_at": _at(as_at, -40, 20),
            "address": "Community centre, Mill Lane (demo)",
            "attendance": 23,
            "tier": Tier.PUBLIC,
            "contact": "The neighbourhood team (demo)",
        },
        audience=groups[:3],
        reached=groups[:2],
        actor=officer,
    )
    event_create(
        neighbourhood=area,
        values={
            "kind": EngagementEvent.Kind.STREET_BRIEFING,
            "title": "Demo street briefing at the shops",
            "starts_at": _at(as_at, 14, 11),
            "tier": Tier.PUBLIC,
        },
        audience=groups[2:3],
        actor=officer,
    )
    stats.add(EngagementEvent, "created", 2)
    concerns = [
        concern_record(
            neighbourhood=area,
            event=pact,
            values={"text": text, "location_text": where, "time_pattern": when, "people_count": people},
            actor=officer,
        )
        for text, where, when, people in CONCERNS
    ]
    for concern, title in zip(
        concerns[:2],
        ("Off-road bikes on the Mill Lane playing field, weekday evenings", "Pavement parking on School Road"),
        strict=False,
    ):
        priority = priority_promote_concern(concern=concern, actor=officer)
        priority_update(
            priority=priority,
            values={"title": title, "category": Priority.Category.ASB, "method": Priority.Method.PUBLIC_VOTE},
            loaded_version=priority.version,
            actor=officer,
        )
        priority.refresh_from_db()
        priority_activate(
            priority=priority,
            echr_checked=True,
            echr_note="Patrols and letters are proportionate to the harm reported (demo).",
            loaded_version=priority.version,
            actor=officer,
        )
        priority_post_update(
            priority=priority,
            on=as_at - dt.timedelta(days=7),
            action="You said the problem was every evening; we patrolled on six evenings and spoke to 12 people (demo).",
            progress="some",
            actor=officer,
        )
    stats.add(Priority, "created", 2)
    kin_round_record(
        neighbourhood=area,
        kind=EngagementEvent.Kind.ONLINE,
        title="Demo KIN email round: how are the priorities going?",
        on=as_at - dt.timedelta(days=5),
        method=KeyContact.Preference.EMAIL,
        members=members,
        actor=officer,
    )
