"""The performance framework's measures: one registry row per indicator (issue 15).

The guide groups indicators as Access, Influence, Interventions and Answers ("laid out to correspond with what is
provided to the public by neighbourhood policing", guide 21118–21121; the indicator table 21190–21283) and asks
that performance data be "accessible on a geographic, team and individual basis" (guide 1122–1123; level of
measurement selectable, 11615–11622). The Neighbourhood Policing Guarantee (reference-anchors §7) adds its
headline measures; a measure in that set carries ``guarantee=True`` and is shown again in the Guarantee group.

Each measure names the selector it reads (other apps are read only through their ``selectors`` modules).
A measure whose source app is not built yet names a ``plugin`` (``module:function``) instead: until that
function exists the measure is shown as "not available: source not built" (missing, never 0). The plug-in
contract: ``function(key=, neighbourhood_ids=, period=) -> dict[neighbourhood id, (numerator, denominator)]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import models


class Group(models.TextChoices):
    ACCESS = "access", "Access"
    INFLUENCE = "influence", "Influence"
    INTERVENTIONS = "interventions", "Interventions"
    ANSWERS = "answers", "Answers"


class Unit(StrEnum):
    SHARE = "share"  # numerator / denominator, shown as a percentage
    COUNT = "count"  # a sum over neighbourhoods
    CHANGE = "change"  # this window against the one before (numerator now, denominator before)


@dataclass(frozen=True)
class Measure:
    key: str
    title: str
    group: Group
    definition: str
    guide: str  # the guide lines (or reference) the indicator comes from
    source: str  # the app whose records it reads
    selector: str  # the selector that computes it (dotted), or the plug-in it waits for
    unit: Unit
    period: str  # how the period applies
    guarantee: bool = False
    plugin: str = ""  # "module:function" for a measure whose source app is not built yet
    records_url: str = ""  # URL name of the records behind the figure (takes no argument)


MEASURES: list[Measure] = [
    Measure(
        "named_officer",
        "Named, contactable officer published",
        Group.ACCESS,
        "Share of neighbourhoods with at least one named officer published at the public tier, contactable online "
        "through the query form.",
        "guide 823–827, 1309–1318 (named point of contact); reference-anchors §7 (Guarantee headline measure)",
        "queries",
        "queries.selectors.neighbourhoods_without_named_officer",
        Unit.SHARE,
        "As at now (a standing commitment, not a count over the period).",
        guarantee=True,
        records_url="queries:measures",
    ),
    Measure(
        "profile_review",
        "Profile reviewed within the review interval",
        Group.ACCESS,
        "Share of neighbourhood profiles whose last formal review is within the force's interval (3 to 6 months). "
        "Neighbourhoods with no profile are missing, not out of date.",
        "guide 2757–2760 (review every three to six months); 22555–22598 (profiles drive engagement)",
        "profiles",
        "profiles.selectors.review_currency",
        Unit.SHARE,
        "As at now (the profile keeps its last review date, not a history of intervals).",
        records_url="profiles:index",
    ),
    Measure(
        "events_held",
        "Engagement events held",
        Group.ACCESS,
        "Engagement events recorded as starting in the period (all kinds).",
        "guide 22520–22531 (regular public meetings); 21772–21786 (engagement outputs)",
        "engagement",
        "engagement.event_selectors.events_held",
        Unit.COUNT,
        "Events starting in the period.",
        records_url="events:list",
    ),
    Measure(
        "beat_meetings",
        "Beat meetings held",
        Group.ACCESS,
        "PACT, panel and public meetings recorded as starting in the period.",
        "reference-anchors §7 (regular beat meetings); guide 5342–5351",
        "engagement",
        "engagement.event_selectors.events_held (kinds BEAT_MEETING_KINDS)",
        Unit.COUNT,
        "Events starting in the period.",
        guarantee=True,
        records_url="events:list",
    ),
    Measure(
        "engagement_reach",
        "People reached at events",
        Group.INFLUENCE,
        "Attendance summed over the period's events that recorded it; events without a count are left out "
        "and the coverage says how many.",
        "guide 21772–21786 (representativeness of those engaged); 22804–22815",
        "engagement",
        "engagement.event_selectors.events_held",
        Unit.COUNT,
        "Events starting in the period.",
        records_url="events:list",
    ),
    Measure(
        "priorities_by_public",
        "Priorities set mainly by the public",
        Group.INFLUENCE,
        "Of the priorities active at the period's end that record who proposed them, the share proposed by the public.",
        "guide 21333 (priorities set mainly by public, not police or partners); 22880–22945",
        "priorities",
        "priorities.selectors.priority_facts",
        Unit.SHARE,
        "Priorities active on the period's last day.",
        records_url="priorities:index",
    ),
    Measure(
        "priorities_up_to_date",
        "Priorities up to date (set or reviewed in the last 3 months)",
        Group.INFLUENCE,
        "Of the priorities active at the period's end, the share agreed or reviewed in the 3 months up to it.",
        "guide 23147–23160 (review at least every 3 months); reference-anchors §7 (Guarantee headline measure)",
        "priorities",
        "priorities.selectors.priority_facts",
        Unit.SHARE,
        "Priorities active on the period's last day; 3 months back from it.",
        guarantee=True,
        records_url="priorities:index",
    ),
    Measure(
        "you_said_we_did",
        'Priorities with a "you said, we did" update',
        Group.ANSWERS,
        "Of the priorities active at the period's end, the share with at least one update dated in the period.",
        "guide 22533–22541 (monthly updates on progress); 23213–23226 (feedback); reference-anchors §5.2",
        "priorities",
        "priorities.selectors.priority_facts",
        Unit.SHARE,
        "Updates dated in the period.",
        records_url="priorities:index",
    ),
    Measure(
        "queries_72h",
        "Queries answered within 72 hours",
        Group.ACCESS,
        "Of the queries received in the period whose outcome is known, the share with a meaningful response within "
        "72 hours (the queries app's own measure, summed; those still inside their 72 hours are in neither count).",
        "guide 23288–23292 (timely response to messages); reference-anchors §7 (Guarantee: 72 hours)",
        "queries",
        "queries.selectors.measures_by_group",
        Unit.SHARE,
        "Queries received in the period.",
        guarantee=True,
        records_url="queries:measures",
    ),
    Measure(
        "crime_trend",
        "Crime trend (excluding ASB)",
        Group.ANSWERS,
        "Recorded crimes (police.uk, all categories but ASB) in the period's months against the same number of "
        "months before; missing unless every month of both windows has data.",
        "guide 22222–22235 (priority-specific comparator crime); 21481–21486 (background crime levels)",
        "crime",
        "crime.queries.crime_counts",
        Unit.CHANGE,
        "Calendar months of the period against the months before.",
        records_url="crime:coverage",
    ),
    Measure(
        "asb_trend",
        "ASB trend",
        Group.ANSWERS,
        "Recorded anti-social behaviour incidents (police.uk) in the period's months against the same number of "
        "months before; missing unless every month of both windows has data.",
        "guide 22206–22220 (perceptions of ASB); 21907–21923",
        "crime",
        "crime.queries.crime_counts",
        Unit.CHANGE,
        "Calendar months of the period against the months before.",
        records_url="crime:coverage",
    ),
    # Surveys and the Key Individual Network: engagement's register, read through engagement.selectors.
    Measure(
        "survey_responses",
        "Survey responses",
        Group.INFLUENCE,
        "Respondents (sample sizes summed) of the survey results dated in the period; results without a sample "
        "size are left out and the coverage says how many.",
        "guide 2494–2510 (local, force and CSEW survey data); 21772–21786 (who is engaged)",
        "engagement",
        "engagement.selectors.SurveyResult (performance.measures_engagement)",
        Unit.COUNT,
        "Survey results dated in the period.",
        records_url="engagement:index",
    ),
    Measure(
        "kin_size",
        "Key Individual Network size",
        Group.INFLUENCE,
        "KIN members (strategic and tactical) on the neighbourhood's register. Neighbourhoods without a profile "
        "are missing.",
        "guide 8525–8536 (key individual networks); reference-anchors §5",
        "engagement",
        "engagement.selectors.KeyContact (performance.measures_engagement)",
        Unit.COUNT,
        "As at now (the register, not a history).",
        records_url="engagement:index",
    ),
    Measure(
        "kin_contact",
        "KIN members contacted in the last 3 months",
        Group.INFLUENCE,
        "Of the KIN members on the register, the share whose last recorded contact is in the last 3 months.",
        "guide 8525–8536 (keeping in touch with key individuals)",
        "engagement",
        "engagement.selectors.KeyContact (performance.measures_engagement)",
        Unit.SHARE,
        "As at now: 3 months back from today (the register keeps the last contact date only).",
        records_url="engagement:index",
    ),
    Measure(
        "seen_or_heard",
        'Public who have "seen or heard" what the police do locally',
        Group.ANSWERS,
        'The latest survey result in the period whose question asks whether people have "seen or heard" what the '
        "police are doing about crime and ASB locally, weighted by sample size across neighbourhoods.",
        "reference-anchors §7 (Guarantee headline measure, a CSEW question); guide 23213–23226 (feedback)",
        "engagement",
        "engagement.selectors.SurveyResult (performance.measures_engagement)",
        Unit.SHARE,
        "Survey results dated in the period; the latest per neighbourhood.",
        guarantee=True,
        records_url="engagement:index",
    ),
    Measure(
        "confidence",
        'Confidence: "dealing with the issues that matter"',
        Group.ANSWERS,
        "The latest headline survey result in the period (the police and council are dealing with the crime and "
        "ASB issues that matter in this area), weighted by sample size; the trend compares stored periods.",
        "guide 22206–22220 (public confidence measures); 21341–21491 (assessing impact)",
        "engagement",
        "engagement.selectors.SurveyResult (performance.measures_engagement)",
        Unit.SHARE,
        "Survey results dated in the period; the latest per neighbourhood.",
        records_url="engagement:index",
    ),
    # Sources not built yet (SARA problem solving; impact evaluation): defined now, plugged in later.
    Measure(
        "plans_approved",
        "Active priorities with an approved plan",
        Group.INTERVENTIONS,
        "Share of active priorities with an approved SARA plan.",
        "guide 23058–23094 (action plans for all identified priorities)",
        "problem_solving",
        "problem_solving.selectors.performance_tallies",
        Unit.SHARE,
        "Priorities active on the period's last day.",
        plugin="problem_solving.selectors:performance_tallies",
    ),
    Measure(
        "actions_on_time",
        "Plan actions done on time",
        Group.INTERVENTIONS,
        "Of the plan actions due in the period, the share done by their due date.",
        "guide 23058–23094 (ownership and tasking); 21687–21689 (interventions in the last quarter)",
        "problem_solving",
        "problem_solving.selectors.performance_tallies",
        Unit.SHARE,
        "Actions due in the period.",
        plugin="problem_solving.selectors:performance_tallies",
    ),
    Measure(
        "plans_reviewed",
        "Plans reviewed on time",
        Group.INTERVENTIONS,
        "Of the plans due a review in the period, the share reviewed by the due date.",
        "guide 23147–23160 (review at least every 3 months)",
        "problem_solving",
        "problem_solving.selectors.performance_tallies",
        Unit.SHARE,
        "Reviews due in the period.",
        plugin="problem_solving.selectors:performance_tallies",
    ),
    Measure(
        "impact_results",
        "Impact studies showing a reduction",
        Group.ANSWERS,
        "Of the impact evaluations completed in the period, the share showing a significant reduction.",
        "guide 20725–20768 (evaluation); 21341–21491 (assessing the real impact)",
        "impact",
        "impact.selectors.performance_tallies",
        Unit.SHARE,
        "Evaluations completed in the period.",
        plugin="impact.selectors:performance_tallies",
    ),
]

BY_KEY = {measure.key: measure for measure in MEASURES}
GROUPS = list(Group)


def guarantee_measures() -> list[Measure]:
    return [measure for measure in MEASURES if measure.guarantee]
