"""The import commands and job runners: reports printed, bad files as plain errors, Jobs keep the counts."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from core.jobs import job_run, runner_for
from core.models import Job
from geography.models import LSOA, DeprivationRecord, Neighbourhood

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).parent / "corpus"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.shared_data
def test_it_prints_the_report_of_each_import(shared_data):
    out, _ = run(
        "import_lsoa_boundaries",
        str(shared_data / "boundaries" / "west_yorkshire_lsoa11_bsc_v3.geojson"),
        "--vintage",
        "2011",
    )
    assert f"imported:             {LSOA.objects.count()}" in out
    out, _ = run(
        "import_police_neighbourhoods",
        "--force",
        "leicestershire",
        str(shared_data / "police" / "police_leicestershire_NC04.json"),
    )
    assert "rows read:            1" in out
    assert Neighbourhood.objects.get(code="NC04").force.slug == "leicestershire"


def test_it_turns_a_bad_file_into_a_command_error():
    with pytest.raises(CommandError) as caught:
        run("import_imd", str(CORPUS / "imd_non_numeric_rank.csv"))
    assert "imd_non_numeric_rank.csv, line 4, column 'Index of Multiple Deprivation (IMD) Rank'" in str(caught.value)
    assert not DeprivationRecord.objects.exists()


def test_it_imports_valid_rows_with_skip_invalid():
    out, _ = run("import_imd", str(CORPUS / "imd_non_numeric_rank.csv"), "--skip-invalid")
    assert "non-numeric rank: 1" in out
    assert DeprivationRecord.objects.count() == 2


def test_it_exits_non_zero_without_a_traceback(capsys):
    from django.core.management import ManagementUtility

    utility = ManagementUtility(
        ["manage.py", "import_lsoa_boundaries", str(CORPUS / "boundaries_malformed_code.geojson"), "--vintage", "2011"]
    )
    with pytest.raises(SystemExit) as exited:
        utility.execute()
    assert exited.value.code != 0
    err = capsys.readouterr().err
    assert "malformed LSOA code" in err
    assert "Traceback" not in err


def test_it_registers_a_runner_per_import():
    for kind in ("import_lsoa_boundaries", "import_imd", "import_police_neighbourhoods"):
        assert callable(runner_for(kind))


def test_it_records_a_failed_job_with_its_counts():
    job = Job.objects.create(kind="import_imd", params={"path": str(CORPUS / "imd_non_numeric_rank.csv")})
    job_run(job)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "line 4" in job.message
    assert job.result["rejected"] == {"non-numeric rank": 1}
    assert job.result["read"] == 3


def test_it_records_a_finished_job_with_its_report():
    job = Job.objects.create(
        kind="import_imd", params={"path": str(CORPUS / "imd_non_numeric_rank.csv"), "skip_invalid": True}
    )
    job_run(job)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.result["imported"] == 2
    assert job.progress == 100
