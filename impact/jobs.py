"""The impact evaluation job kind ``impact.evaluate``: run by its Celery task from the study page, or
in-process by ``manage.py evaluate_impact`` (the same job, recorded on the Jobs page either way).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from core.imports import ImportFailed, Progress
from core.jobs import Link
from core.models import Job
from core.tasks import job_task
from impact import stats
from impact.areas import StudyAreasError
from impact.models import ImpactStudy
from impact.services import CoverageGap, evaluate


@dataclass(frozen=True)
class EvaluateStudy:
    study: int  # an ImpactStudy id
    confirm_gaps: bool = False  # compute over coverage gaps (the analyst has seen them)


@dataclass(frozen=True)
class Evaluated:
    """The job's outcome: the run's id (its results are on the run, and printed by the command)."""

    run: int
    study: int

    def as_dict(self) -> dict[str, Any]:
        return {"run": self.run, "study": self.study}

    def lines(self) -> list[str]:
        return []  # the command prints the results itself, as JSON or a table


def _links(job: Job) -> list[Link]:
    study = job.params.get("study")
    if isinstance(study, int):
        return [("Impact study", reverse("impact:study", args=[study]))]
    return [("Impact studies", reverse("impact:list"))]


@job_task(
    "impact.evaluate",
    label="Evaluate impact study",
    params=EvaluateStudy,
    links=_links,
    web_start=True,
    time_limit=30 * 60,
    soft_time_limit=30 * 60 - 60,
)
def run_evaluate(params: EvaluateStudy, *, progress: Progress) -> Evaluated:
    """Evaluate the study into a stored run; a refusal (gaps, missing months, unknown areas) fails the job
    with a message for the user rather than a traceback.
    """
    study = ImpactStudy.objects.select_related("force").get(pk=params.study)
    job = getattr(progress, "job", None)
    try:
        run = evaluate(study, confirm_gaps=params.confirm_gaps, job=job, actor=None, progress=progress)
    except CoverageGap as gap:
        raise ImportFailed(f"The windows have coverage gaps ({gap}); confirm to compute over them.") from gap
    except (stats.MissingMonths, StudyAreasError) as exc:
        raise ImportFailed(str(exc)) from exc
    return Evaluated(run=run.pk, study=study.pk)
