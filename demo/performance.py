"""Demo performance framework (issue 15): the force's thresholds, two earlier quarters stored for the trend, a
"seen or heard" survey result, and the team's self-assessment for the last quarter, signed off.

Deterministic and idempotent: thresholds are set through the service only when they differ; the survey result is
found by its neighbourhood, question and date; the assessment by team and period; snapshots are rewritten in place
(``snapshots_store`` upserts), so a second load changes nothing. The sergeant drafts and the inspector signs off,
as the workflow demands (nobody signs off their own assessment).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from accounts.models import Team, User
from core.tiers import Tier
from demo.writer import SyncStats
from engagement.models import SurveyResult
from geography.models import Force, Neighbourhood
from performance.checklist import QUESTIONS
from performance.compute import Period, add_months
from performance.models import SelfAssessment, Threshold
from performance.services import assessment_create, assessment_sign_off, assessment_update, threshold_set
from performance.snapshots import snapshots_store
from profiles.models import NeighbourhoodProfile

SEEN_OR_HEARD = "Have you seen or heard anything about what the police are doing about crime and ASB locally? (demo)"

# (measure, direction, green from, amber from): shares and changes in percent, counts per neighbourhood.
THRESHOLDS = [
    ("named_officer", "higher", 100, 90),
    ("priorities_up_to_date", "higher", 90, 70),
    ("queries_72h", "higher", 90, 75),
    ("beat_meetings", "higher", 1, 0.5),
    ("events_held", "higher", 3, 1),
    ("you_said_we_did", "higher", 80, 50),
    ("seen_or_heard", "higher", 50, 40),
    ("crime_trend", "lower", 0, 10),
    ("asb_trend", "lower", -5, 5),
]

RATINGS = {  # the first questions of each theme, rated by the sergeant with a commentary and an evidence link
    0: ("green", "Named officers are published for every neighbourhood (demo).", "/queries/"),
    1: ("amber", "Two of the four neighbourhoods held a PACT meeting this quarter (demo).", "/engagement/events/"),
    2: ("amber", "Priorities are set at PACT; one is overdue its review (demo).", "/priorities/"),
}


def _quarter(as_at: dt.date, back: int) -> Period:
    """The whole quarter BACK quarters before the one ending with the last whole month before AS_AT."""
    last_month = add_months(as_at.replace(day=1), -1 - 3 * back)
    first = add_months(last_month, -2)
    return Period(first, add_months(last_month, 1) - dt.timedelta(days=1))


def _thresholds(force: Force, actor: User | None, stats: SyncStats) -> None:
    stored = {t.measure: t for t in Threshold.objects.filter(force=force)}
    for measure, direction, green, amber in THRESHOLDS:
        current = stored.get(measure)
        if current and (current.direction, current.green, current.amber) == (direction, green, amber):
            stats.add(Threshold, "unchanged")
            continue
        threshold_set(
            force=force,
            measure=measure,
            direction=direction,
            green=green,
            amber=amber,
            actor=actor,
            loaded_version=current.version if current else None,
        )
        stats.add(Threshold, "updated" if current else "created")


def _survey(neighbourhood: Neighbourhood, as_at: dt.date, stats: SyncStats) -> None:
    profile = NeighbourhoodProfile.objects.filter(neighbourhood=neighbourhood).first()
    if profile is None:
        return
    on = as_at - dt.timedelta(days=60)
    if SurveyResult.objects.filter(profile=profile, question=SEEN_OR_HEARD, surveyed_on=on).exists():
        stats.add(SurveyResult, "unchanged")
        return
    SurveyResult.objects.create(
        profile=profile,
        measure=SurveyResult.Measure.OTHER,
        question=SEEN_OR_HEARD,
        surveyed_on=on,
        sample_size=180,
        value=Decimal("41.0"),
        source=SurveyResult.Source.FORCE,
        source_detail="Demo force survey",
        tier=Tier.PUBLIC,
    )
    stats.add(SurveyResult, "created")


def _assessment(team: Team, period: Period, sergeant: User, inspector: User, stats: SyncStats) -> None:
    if SelfAssessment.objects.filter(team=team, period_start=period.start, period_end=period.end).exists():
        stats.add(SelfAssessment, "unchanged")
        return
    draft = assessment_create(team=team, period_start=period.start, period_end=period.end, actor=sergeant)
    answers = {
        QUESTIONS[n].key: {"rating": rating, "commentary": text, "evidence": link}
        for n, (rating, text, link) in RATINGS.items()
    }
    assessment_update(assessment=draft, answers=answers, actor=sergeant, loaded_version=draft.version)
    draft.refresh_from_db()
    assessment_sign_off(
        assessment=draft,
        actor=inspector,
        note="Agreed; review the PACT gaps next quarter (demo).",
        loaded_version=draft.version,
    )
    stats.add(SelfAssessment, "created")


def load_performance_demo(
    *,
    force: Force,
    team_name: str,
    sergeant: User | None,
    inspector: User | None,
    neighbourhoods: list[Neighbourhood],
    as_at: dt.date,
    stats: SyncStats,
) -> list[str]:
    """The demo's performance data; returns notes for the command's output."""
    _thresholds(force, inspector, stats)
    for neighbourhood in neighbourhoods[:1]:
        _survey(neighbourhood, as_at, stats)
    # Two earlier quarters and the last one stored, so the dashboard's default period shows a trend.
    for back in (2, 1, 0):
        snapshots_store(period=_quarter(as_at, back), forces=[force])
    team = Team.objects.filter(force=force, name=team_name).first()
    if team is not None and sergeant is not None and inspector is not None:
        _assessment(team, _quarter(as_at, 1), sergeant, inspector, stats)
    return [f"performance: {len(THRESHOLDS)} thresholds, 3 quarters of snapshots, 1 signed-off self-assessment"]
