"""Demo impact study (issue 13): the demo team's neighbourhoods treated from six months before "as at".

Idempotent: the study is upserted by name and force, and evaluated only when its design changed or it has no
run yet, so a second demo load changes nothing. The demo crimes have no releases, so coverage is the months
present (crime.queries.counts_coverage).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from demo.writer import SyncStats, upsert_outcome
from geography.models import Force, Neighbourhood
from impact.models import ImpactRun, ImpactStudy
from impact.services import evaluate
from impact.stats import MissingMonths

NAME = "Demo: officers posted to the central neighbourhoods"


def _months_back(month: dt.date, n: int) -> dt.date:
    for _ in range(n):
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return month


def load_impact_demo(*, force: Force, treated: Sequence[Neighbourhood], as_at: dt.date, stats: SyncStats) -> None:
    if not treated:
        return
    last = _months_back(as_at.replace(day=1), 1)  # the 12 demo months end the month before "as at"
    values = {
        "unit": "neighbourhood",
        "treated": sorted(n.code for n in treated),
        "comparison": "rest",
        "before_start": _months_back(last, 11),
        "before_end": _months_back(last, 6),
        "after_start": _months_back(last, 5),
        "after_end": last,
        "intervention_date": _months_back(last, 5),
        "outcomes": ["anti-social-behaviour", "all-crime"],
    }
    study, outcome = upsert_outcome(ImpactStudy, {"force": force, "name": NAME}, values, stats)
    if outcome == "unchanged" and study.runs.exists():
        return
    try:
        evaluate(study, confirm_gaps=True)
        stats.add(ImpactRun, "created")
    except MissingMonths:
        stats.add(ImpactRun, "refused")  # the window has months with no demo crimes: the refusal is stored
