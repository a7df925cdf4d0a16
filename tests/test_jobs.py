"""Jobs: commands and the web run the same kinds, follow-ups run as their own jobs, one Jobs page shows them all.

Real PostGIS and the real shared data; Celery runs eagerly here (the real worker is in core/tests/test_worker.py).
"""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from core.jobs import JobParamsError, job_run, job_start, jobs_fail_stale, jobs_start_nightly
from core.models import Job
from crime.importer import import_crimes
from crime.models import Crime
from geography.models import LSOA, DeprivationRecord
from geography.services import membership_derive
from tests.factories import NeighbourhoodFactory

WY_LSOAS = "boundaries/west_yorkshire_lsoa11_bsc_v3.geojson"
WY_CRIMES = "crime/west-yorkshire/2016-07-west-yorkshire-street.csv.gz"


def command(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def chain(job: Job) -> list[tuple[str, str, str]]:
    """(kind, origin, status) of JOB and its follow-ups, depth first."""
    found = [(job.kind, job.origin, job.status)]
    for child in job.follow_ups.order_by("pk"):
        found += chain(child)
    return found


@pytest.mark.shared_data
@pytest.mark.django_db
def test_command_line_imports_show_on_the_jobs_page_with_their_follow_ups(cast, client, shared_data, tmp_path):
    ok = Job.Status.SUCCEEDED
    command("import_lsoa_boundaries", str(shared_data / WY_LSOAS), "--vintage", "2011")
    boundaries = Job.objects.get(kind="import_lsoa_boundaries")
    assert chain(boundaries) == [
        ("import_lsoa_boundaries", "command", ok),
        ("geography.crosswalk", "follow_up", ok),
        ("crime.relink", "follow_up", ok),
        ("profiles.refresh", "follow_up", ok),
        ("compute_deployment_scores", "follow_up", ok),  # scores follow every import (issue 11)
    ]
    assert boundaries.result["imported"] == LSOA.objects.count() > 1000

    code = LSOA.objects.order_by("code").values_list("code", flat=True)[0]
    imd = tmp_path / "imd.csv"
    imd.write_text(f"lsoa11_code,IMD_rank,IMD_decile\n{code},700,1\n", encoding="utf-8")
    command("import_imd", str(imd))
    deprivation = Job.objects.get(kind="import_imd")
    assert chain(deprivation) == [
        ("import_imd", "command", ok),
        ("profiles.refresh", "follow_up", ok),
        ("compute_deployment_scores", "follow_up", ok),
    ]
    assert DeprivationRecord.objects.get(lsoa__code=code).rank == 700

    out, err = command("import_crimes", str(shared_data / WY_CRIMES))
    crimes = Job.objects.get(kind="import_crimes")
    assert chain(crimes) == [
        ("import_crimes", "command", ok),
        ("profiles.refresh", "follow_up", ok),
        ("compute_deployment_scores", "follow_up", ok),
    ]
    assert crimes.result["imported"] == Crime.objects.count() > 20000
    assert out.strip().splitlines()[-1].startswith("total: 1 file,")  # the report still ends the output
    assert f"job #{crimes.pk}" in err

    client.force_login(cast.ana)
    page = client.get(reverse("geography:job-list")).content.decode()
    for job in Job.objects.all():
        assert reverse("geography:job-detail", args=[job.pk]) in page
    assert page.count("Command line") == 3
    assert "Import LSOA boundaries" in page
    assert "Link crimes to neighbourhoods" in page
    relink = boundaries.follow_ups.get(kind="crime.relink")
    assert f"Follow-up of job #{boundaries.pk}" in page
    assert f"Follow-up of job #{relink.pk}" in page  # the refresh follows the relink
    # Each row links to what it changed.
    assert reverse("geography:neighbourhood-list") in page

    detail = client.get(reverse("geography:job-detail", args=[boundaries.pk])).content.decode()
    assert reverse("geography:job-detail", args=[relink.pk]) in detail
    assert "Vintage" in detail
    assert "2011" in detail


@pytest.mark.shared_data
def test_a_failing_command_leaves_a_failed_job_and_no_follow_ups(cast, shared_data, tmp_path):
    from django.core.management import CommandError

    bad = tmp_path / "imd.csv"
    bad.write_text("lsoa11_code,IMD_rank,IMD_decile\nE01011229,seven,1\n", encoding="utf-8")
    with pytest.raises(CommandError):
        command("import_imd", str(bad))
    job = Job.objects.get()
    assert (job.kind, job.origin, job.status) == ("import_imd", Job.Origin.COMMAND, Job.Status.FAILED)
    assert "line 2" in job.message
    assert not job.follow_ups.exists()


@pytest.mark.shared_data
def test_the_relink_job_links_crimes_imported_before_their_neighbourhood(
    cast, shared_data, django_capture_on_commit_callbacks
):
    from core.jobs import kind_for
    from geography.importers.boundaries import import_lsoa_boundaries

    import_lsoa_boundaries(shared_data / WY_LSOAS, vintage=2011)
    import_crimes([shared_data / WY_CRIMES])
    # An analyst adds a neighbourhood afterwards, drawn round the LSOA with most unlinked crimes.
    busiest = (
        LSOA.objects.filter(crimes__neighbourhood__isnull=True)
        .annotate(unlinked=Count("crimes"))
        .order_by("-unlinked", "code")
        .first()
    )
    leeds = NeighbourhoodFactory(force=cast.force, name="Leeds test", boundary=busiest.geometry)
    membership_derive(neighbourhood=leeds, vintage=2011)
    unlinked = Crime.objects.filter(neighbourhood__isnull=True)
    # The one linking rule (crime.linking): the smallest neighbourhood whose boundary covers the point.
    inside = unlinked.filter(location__coveredby=leeds.boundary).count()
    assert inside > 0
    elsewhere = unlinked.count() - inside

    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(kind="crime.relink", params={}, actor=cast.ana)

    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.message
    assert job.result["crimes_linked"] == inside == Crime.objects.filter(neighbourhood=leeds).count()
    assert Crime.objects.filter(neighbourhood__isnull=True).count() == elsewhere
    assert job.follow_ups.get().kind == "profiles.refresh"
    links = kind_for("crime.relink").links(job)
    assert links == [
        (f"Leeds test: {inside} crimes linked", reverse("geography:neighbourhood-detail", args=[leeds.pk]))
    ]


@pytest.mark.django_db
def test_parameters_are_typed_and_checked_before_anything_is_written():
    with pytest.raises(JobParamsError, match="unknown parameter colour"):
        job_start(kind="import_imd", params={"path": "x.csv", "colour": "red"})
    with pytest.raises(JobParamsError, match="missing parameter vintage"):
        job_start(kind="import_lsoa_boundaries", params={"path": "x.geojson"})
    with pytest.raises(JobParamsError, match="parameter vintage must be"):
        job_start(kind="import_lsoa_boundaries", params={"path": "x.geojson", "vintage": "2011"})
    with pytest.raises(LookupError):
        job_start(kind="no.such.kind", params={})
    assert not Job.objects.exists()


def test_analysts_start_and_rerun_jobs_through_celery(cast, client, django_capture_on_commit_callbacks):
    client.force_login(cast.ana)
    url = reverse("geography:job-start", args=["profiles.refresh"])
    assert client.get(url).status_code == 405  # GET never writes
    assert not Job.objects.exists()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url)
    job = Job.objects.get()
    assert response.url == reverse("geography:job-detail", args=[job.pk])
    assert len(callbacks) == 1  # sent to Celery on commit (eager in tests)
    assert (job.status, job.origin, job.created_by) == (Job.Status.SUCCEEDED, Job.Origin.WEB, cast.ana)

    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(reverse("geography:job-rerun", args=[job.pk]))
    rerun = Job.objects.latest("pk")
    assert rerun.pk != job.pk
    assert again.url == reverse("geography:job-detail", args=[rerun.pk])
    assert (rerun.kind, rerun.params, rerun.status) == (job.kind, job.params, Job.Status.SUCCEEDED)

    assert client.post(reverse("geography:job-start", args=["import_imd"])).status_code == 404  # needs a file
    assert client.post(reverse("geography:job-start", args=["nonsense"])).status_code == 404
    assert client.post(reverse("geography:job-rerun", args=[999999])).status_code == 404
    client.force_login(cast.pat)
    assert client.post(url).status_code == 403
    assert client.post(reverse("geography:job-rerun", args=[job.pk])).status_code == 403
    assert Job.objects.count() == 2


def test_the_jobs_page_pages_and_survives_bad_page_numbers(cast, client):
    Job.objects.bulk_create([Job(kind="profiles.refresh", status=Job.Status.SUCCEEDED) for _ in range(55)])
    client.force_login(cast.ana)
    first = client.get(reverse("geography:job-list")).content.decode()
    assert "Page 1 of 2" in first
    assert "Older jobs" in first
    assert "Page 2 of 2" in client.get(reverse("geography:job-list"), {"page": "2"}).content.decode()
    assert client.get(reverse("geography:job-list"), {"page": "abc%00"}).status_code == 200


@pytest.mark.django_db
def test_a_job_whose_process_stopped_beating_is_failed_and_a_live_one_is_not(settings):
    settings.JOB_STALE_SECONDS = 60
    now = timezone.now()
    dead = Job.objects.create(kind="import_imd", status=Job.Status.RUNNING, started_at=now, heartbeat_at=now)
    Job.objects.filter(pk=dead.pk).update(heartbeat_at=now - dt.timedelta(seconds=61))
    alive = Job.objects.create(kind="import_imd", status=Job.Status.RUNNING, started_at=now, heartbeat_at=now)
    queued = Job.objects.create(kind="import_imd", created_at=now - dt.timedelta(days=1))

    assert jobs_fail_stale() == [dead.pk]

    dead.refresh_from_db()
    assert dead.status == Job.Status.FAILED
    assert dead.finished_at is not None
    assert "Stopped without finishing" in dead.message
    assert "Run it again" in dead.message
    assert Job.objects.get(pk=alive.pk).status == Job.Status.RUNNING
    assert Job.objects.get(pk=queued.pk).status == Job.Status.QUEUED
    # A message redelivered (acks_late) for the failed job does not run it again.
    assert job_run(dead).status == Job.Status.FAILED
    assert dead.started_at == Job.objects.get(pk=dead.pk).started_at


@pytest.mark.django_db
def test_the_nightly_catch_up_starts_once_and_lets_follow_ups_order_the_rest(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        started = jobs_start_nightly()
        # The refresh is not started on its own: it follows the relink. Deployment scores and the erasure of
        # queries' contact details past retention are nightly too.
        assert sorted((job.kind, job.origin) for job in started) == [
            ("compute_deployment_scores", Job.Origin.SCHEDULE),
            ("crime.relink", Job.Origin.SCHEDULE),
            # problem-solving plan reviews due (issue 10)
            ("problem_solving.reviews_due", Job.Origin.SCHEDULE),
            ("queries.erase", Job.Origin.SCHEDULE),
        ]
        assert jobs_start_nightly() == []  # already waiting: idempotent
    assert Job.objects.count() == 4


def test_command_output_names_the_job_and_its_follow_ups(cast, tmp_path):
    path = Path(__file__).parent.parent / "geography" / "tests" / "corpus" / "imd_non_numeric_rank.csv"
    out, err = command("import_imd", str(path), "--skip-invalid")
    job = Job.objects.get(kind="import_imd")
    refresh = job.follow_ups.get(kind="profiles.refresh")
    assert "non-numeric rank: 1" in out
    assert f"job #{job.pk}: Import deprivation (IoD)" in err
    assert f"job #{refresh.pk}: Refresh profile figures (follow-up)" in err


def test_each_kind_is_its_own_named_celery_task_with_its_own_limits(settings):
    from core.jobs import kinds
    from core.tasks import JobTask
    from npt.celery import app

    names = {kind.name for kind in kinds()}
    assert {"import_lsoa_boundaries", "import_imd", "import_police_neighbourhoods", "import_crimes"} <= names
    assert {"crime.relink", "profiles.refresh"} <= names
    for kind in kinds():
        task = app.tasks[f"jobs.{kind.name}"]
        assert isinstance(task, JobTask)
        assert task.acks_late
    assert app.tasks["jobs.import_crimes"].time_limit == 3 * 60 * 60
    assert app.tasks["jobs.profiles.refresh"].time_limit == settings.CELERY_TASK_TIME_LIMIT  # the default


def test_beat_runs_the_stale_sweep_and_the_nightly_catch_up():
    from npt.celery import app

    schedule = {entry["task"]: entry["schedule"] for entry in app.conf.beat_schedule.values()}
    assert schedule["core.fail_stale_jobs"] == 60.0
    assert schedule["core.nightly_catch_up"].hour == {2}
    assert {"core.fail_stale_jobs", "core.nightly_catch_up"} <= set(app.tasks)


@pytest.mark.django_db
def test_a_lost_pool_process_fails_its_job_at_once():
    from celery.exceptions import WorkerLostError

    from npt.celery import app

    job = Job.objects.create(kind="import_imd", status=Job.Status.RUNNING, params={"path": "x.csv"})
    task = app.tasks["jobs.import_imd"]
    # What the worker's main process calls when the pool process running the task dies (OOM, hard time limit).
    task.on_failure(WorkerLostError("Worker exited prematurely: signal 9 (SIGKILL)."), "task-id", (job.pk,), {}, None)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "WorkerLostError" in job.message
    done = Job.objects.create(kind="import_imd", status=Job.Status.SUCCEEDED)
    task.on_failure(WorkerLostError("late"), "task-id", (done.pk,), {}, None)
    assert Job.objects.get(pk=done.pk).status == Job.Status.SUCCEEDED


@pytest.mark.django_db
def test_a_job_runs_once_even_if_its_message_is_delivered_twice(cast, tmp_path):
    from core.jobs import JobClaimed, job_execute

    path = tmp_path / "imd.csv"
    path.write_text("lsoa11_code,IMD_rank,IMD_decile\n", encoding="utf-8")
    job = Job.objects.create(kind="import_imd", params={"path": str(path)})
    stale_copy = Job.objects.get(pk=job.pk)  # what a second delivery loaded before the first started
    assert job_run(job).status == Job.Status.SUCCEEDED
    with pytest.raises(JobClaimed):
        job_execute(stale_copy)
    assert Job.objects.get(pk=job.pk).status == Job.Status.SUCCEEDED


def test_core_jobs_does_not_import_core_tasks():
    import ast

    import core.jobs

    tree = ast.parse(Path(core.jobs.__file__).read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert "core.models" in imported  # the walk sees the module's imports
    assert not {name for name in imported if name and name.startswith("core.tasks")}
