"""The deployment score job kind: run by its Celery task after imports and on beat, or in-process by the command."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from core.imports import Progress
from core.jobs import Link, follow_up
from core.models import Job
from core.tasks import job_task
from deployment.models import ScoreRun, ScoringMethod
from deployment.scoring import run_scores
from deployment.services import method_agreed
from geography.models import Edition, Force


@dataclass(frozen=True)
class DeploymentScores:
    force: str | None = None  # a police.uk force id; None scores every force with neighbourhoods, one run each
    national: bool = False  # one run over every LSOA of the vintage instead of one per force
    method: int | None = None  # a ScoringMethod id; None: the agreed method
    edition: int = 2019  # IoD edition (2019 on LSOA 2011, 2025 on LSOA 2021)
    end: str | None = None  # last month of the crime window, YYYY-MM; None: the latest loaded


def _method(pk: int | None) -> ScoringMethod | None:
    if pk is not None:
        return ScoringMethod.objects.get(pk=pk)
    return method_agreed()


def _links(job: Job) -> list[Link]:
    return [("Deployment scores", reverse("deployment:run-list"))]


@job_task(
    "compute_deployment_scores",
    label="Compute deployment scores",
    params=DeploymentScores,
    links=_links,
    nightly=True,
    web_start=True,
    time_limit=60 * 60,
    soft_time_limit=60 * 60 - 60,
)
def run_compute_deployment_scores(params: DeploymentScores, *, progress: Progress) -> dict[str, Any]:
    """Score each scope asked for; each run becomes current only when it completes (deployment.scoring)."""
    method = _method(params.method)
    if method is None:  # a follow-up of an import before any method is agreed: nothing to score by yet
        return {"runs": [], "skipped": "no agreed scoring method"}
    job = getattr(progress, "job", None)  # core.jobs.JobProgress: the run links to its Job
    edition = Edition(params.edition)
    end = dt.date.fromisoformat(f"{params.end}-01") if params.end else None
    if params.national:
        forces: list[Force | None] = [None]
    elif params.force is not None:
        forces = [Force.objects.get(slug=params.force)]
    else:
        forces = list(Force.objects.filter(neighbourhoods__isnull=False).distinct().order_by("slug"))
    runs: list[ScoreRun] = []
    for number, force in enumerate(forces):

        def step(done: int, total: int, number: int = number) -> None:
            progress(number * total + done, len(forces) * total)

        runs.append(run_scores(method=method, force=force, edition=edition, end=end, job=job, progress=step))
    return {
        "runs": [run.pk for run in runs],
        "method": str(method),
        "lsoas": sum(run.lsoa_count for run in runs),
        "neighbourhoods": sum(run.neighbourhood_count for run in runs),
    }


# New deprivation, crimes or boundaries change the inputs: score again once they are in.
for _after in ("import_imd", "import_crimes", "import_lsoa_boundaries", "import_police_neighbourhoods"):
    follow_up(after=_after, kind="compute_deployment_scores")
