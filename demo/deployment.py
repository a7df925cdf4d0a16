"""Demo deployment scores (issue 11): the demo force scored by the agreed method, so the deployment pages and
map have something to show straight after ``load_demo``.

The scores come from the ``compute_deployment_scores`` job itself, run here in-process as its command runs it
(a Job record, progress, a run that becomes current on completion), never written by hand. The crime window
ends at the demo force's own last crime month: with the synthetic and the real demo both loaded, "the latest
month loaded" would be the other force's. Idempotent: when the demo data did not change and the force already
has a current run of the agreed method, nothing is run again.
"""

from __future__ import annotations

from django.db.models import Max

from core.jobs import job_create, job_execute
from core.models import Job
from crime.models import Crime
from demo.writer import SyncStats
from deployment.jobs import DeploymentScores
from deployment.selectors import current_run
from deployment.services import method_agreed
from geography.models import Force


def load_deployment_demo(*, force: Force, stats: SyncStats) -> list[str]:
    """Score FORCE with the agreed method unless its current run already reflects the demo data; notes to print."""
    method = method_agreed()
    if method is None:
        return ["deployment scores not computed: no scoring method is agreed"]
    run = current_run(scope=force.slug, vintage=2011)
    if run is not None and run.method_id == method.pk and not stats.changed:
        stats.add("deployment score runs", "unchanged", 1)
        return [f"deployment scores: run #{run.pk} ({method}) is current"]
    last = Crime.objects.filter(falls_within=force.name).aggregate(last=Max("month"))["last"]
    params = DeploymentScores(force=force.slug, method=method.pk, end=f"{last:%Y-%m}" if last else None)
    job = job_create(kind="compute_deployment_scores", params=params, origin=Job.Origin.COMMAND)
    outcome = job_execute(job)
    stats.add("deployment score runs", "created", 1)
    result = outcome if isinstance(outcome, dict) else outcome.as_dict()
    return [
        f"deployment scores: job #{job.pk}, {result['neighbourhoods']} neighbourhoods and {result['lsoas']} LSOAs "
        f"scored by {method}"
    ]
