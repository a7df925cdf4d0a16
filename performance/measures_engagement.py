"""The survey and Key Individual Network measures, read from engagement's one register (issue 15; ADR 0011).

Engagement owns survey results and KIN members; this module reads them through ``engagement.selectors`` (the
models it names there), never a copy. Each function returns per-neighbourhood tallies as the other measures do,
in one query whatever the number of neighbourhoods.

- Survey figures are percentages from samples: a neighbourhood's tally is (agreeing respondents, respondents),
  so a team's figure is weighted by sample size (sum over sum). A result without a sample size cannot be weighted
  and is left out, and the coverage note says how many were.
- A neighbourhood with no survey result in the period, or no profile, is missing, never 0 (guide 2494–2510:
  local surveys, the force survey and the CSEW are separate, irregular sources).
- The KIN figures are as at now: the register keeps each member's last contact date, not every earlier one
  as at a past date (``KinContact`` rows are not exposed through engagement's selectors).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from engagement import selectors as engagement_selectors
from performance.tallies import Batch, Context, Tally, add_months
from profiles import selectors as profile_selectors

KIN_RECENT_MONTHS = 3  # a KIN member contacted in the last quarter is "in contact" (guide 8525–8536)
SEEN_OR_HEARD = "seen or heard"  # the CSEW question's words (reference-anchors §7)


def _surveys(ctx: Context) -> list[tuple[int, str, bool, str, Any, int | None, Any]]:
    """(neighbourhood id, measure, headline, question, date, sample, value) of results dated in the period."""
    model = engagement_selectors.SurveyResult
    result: list[tuple[int, str, bool, str, Any, int | None, Any]] = ctx.once(
        "surveys",
        lambda: list(
            model.objects.filter(
                profile__neighbourhood_id__in=ctx.ids,
                surveyed_on__gte=ctx.period.start,
                surveyed_on__lte=ctx.period.end,
            )
            .order_by("surveyed_on", "pk")
            .values_list(
                "profile__neighbourhood_id", "measure", "is_headline", "question", "surveyed_on", "sample_size", "value"
            )
        ),
    )
    return result


def _latest_share(ctx: Context, wanted: Callable[[bool, str], bool], what: str) -> Batch:
    """Each neighbourhood's latest result in the period for the question WANTED picks, weighted by sample."""
    latest: dict[int, tuple[int | None, float]] = {}
    for pk, _measure, headline, question, _on, sample, value in _surveys(ctx):
        if wanted(headline, question):
            latest[pk] = (sample, float(value))  # ordered by date: the last one wins
    unweighted = sum(1 for sample, _v in latest.values() if not sample)
    tallies = {pk: Tally(round(value * sample / 100), sample) for pk, (sample, value) in latest.items() if sample}
    note = f"Latest {what} result in the period per neighbourhood, weighted by sample size."
    if unweighted:
        note += f" {unweighted} without a sample size left out."
    return Batch(tallies, ctx.now, note=note)


def _confidence(ctx: Context) -> Batch:
    return _latest_share(ctx, lambda headline, _q: headline, "headline confidence")


def _seen_or_heard(ctx: Context) -> Batch:
    return _latest_share(ctx, lambda _h, question: SEEN_OR_HEARD in question.lower(), '"seen or heard"')


def _responses(ctx: Context) -> Batch:
    people: dict[int, int] = defaultdict(int)
    rows = _surveys(ctx)
    for pk, *_rest, sample, _value in rows:
        if sample:
            people[pk] += sample
    unknown = sum(1 for row in rows if not row[5])
    note = f"{len(rows)} survey result(s) in the period; {unknown} without a sample size."
    return Batch({pk: Tally(n) for pk, n in people.items()}, ctx.now, note=note)


def _kin(ctx: Context) -> list[tuple[int, Any]]:
    """(neighbourhood id, last contacted on) of every KIN member of the neighbourhoods' profiles."""
    model = engagement_selectors.KeyContact
    result: list[tuple[int, Any]] = ctx.once(
        "kin",
        lambda: list(
            model.objects.filter(profile__neighbourhood_id__in=ctx.ids)
            .kin()
            .order_by("pk")
            .values_list("profile__neighbourhood_id", "last_contacted_on")
        ),
    )
    return result


def _profiles(ctx: Context) -> set[int]:
    """Neighbourhoods with a profile: only they can hold a KIN register (others are missing, not 0). The profile
    review measure reads the same rows, so the read is shared.
    """
    found: dict[int, Any] = ctx.once(
        "profiles",
        lambda: profile_selectors.review_currency(neighbourhood_ids=ctx.ids, today=timezone.localdate(ctx.now)),
    )
    return set(found)


def _kin_size(ctx: Context) -> Batch:
    counts = dict.fromkeys(_profiles(ctx), 0)
    for pk, _last in _kin(ctx):
        counts[pk] = counts.get(pk, 0) + 1
    return Batch({pk: Tally(n) for pk, n in counts.items()}, ctx.now, note="KIN members on the register now.")


def _kin_recency(ctx: Context) -> Batch:
    today = timezone.localdate(ctx.now)
    since = add_months(today, -KIN_RECENT_MONTHS)
    num: dict[int, int] = defaultdict(int)
    den: dict[int, int] = defaultdict(int)
    for pk, last in _kin(ctx):
        den[pk] += 1
        num[pk] += 1 if last is not None and last >= since else 0
    note = f"Contacted since {since:%d %b %Y} (the last {KIN_RECENT_MONTHS} months), as at today."
    return Batch({pk: Tally(num[pk], n) for pk, n in den.items()}, ctx.now, note=note)


COMPUTE: dict[str, Callable[[Context], Batch]] = {
    "survey_responses": _responses,
    "confidence": _confidence,
    "seen_or_heard": _seen_or_heard,
    "kin_size": _kin_size,
    "kin_contact": _kin_recency,
}
