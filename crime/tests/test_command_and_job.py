"""manage.py import_crimes and the "import_crimes" job run the same service."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from core.jobs import job_run, runner_for
from core.models import Job
from crime.models import Crime
from crime.tests.conftest import DURHAM_ZIP, csv_rows

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_crimes", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_each_report_and_a_total(shared_data: Path, wy_files: list[Path]) -> None:
    rows = len(csv_rows(wy_files[0])) + len(csv_rows(shared_data / DURHAM_ZIP, "2026-05/2026-05-durham-street.csv"))

    out, _ = run(str(wy_files[0]), str(shared_data / DURHAM_ZIP))

    assert f"{wy_files[0]}:" in out
    assert "2026-05-durham-street.csv:" in out
    assert "skipped as duplicate: 0" in out
    assert out.strip().splitlines()[-1] == (
        f"total: 2 files, {rows} rows read, {Crime.objects.count()} imported, 0 skipped as duplicates, 0 rejected"
    )

    again, _ = run(str(wy_files[0]), str(shared_data / DURHAM_ZIP))
    assert again.strip().splitlines()[-1] == (
        f"total: 2 files, {rows} rows read, 0 imported, {rows} skipped as duplicates, 0 rejected"
    )


def test_it_turns_a_bad_file_into_a_plain_error(tmp_path: Path, wy_files: list[Path]) -> None:
    bad = tmp_path / "2016-07-x-street.csv"
    bad.write_text("Crime ID,Month,Reported by\n", encoding="utf-8")

    with pytest.raises(CommandError) as caught:
        run(str(wy_files[0]), str(bad))

    assert str(caught.value).startswith(f"{bad}, line 1, column 'Falls within': not a police.uk street-level CSV")
    assert "Traceback" not in str(caught.value)
    # The good file before it was imported and stays.
    assert Crime.objects.count() == len(csv_rows(wy_files[0]))


def test_it_imports_the_valid_rows_with_skip_invalid(tmp_path: Path, wy_files: list[Path]) -> None:
    bad = tmp_path / "2016-07-x-street.csv"
    lines = gzip.decompress(wy_files[0].read_bytes()).decode().splitlines(keepends=True)[:11]
    lines[4] = lines[4].replace("Anti-social behaviour", "Jaywalking").replace("Vehicle crime", "Jaywalking")
    bad.write_text("".join(lines), encoding="utf-8")

    out, _ = run(str(bad), "--skip-invalid")

    assert "unknown crime type: 1" in out
    assert out.strip().splitlines()[-1].endswith("1 rejected")
    assert Crime.objects.count() == 9


def test_it_runs_as_a_job_with_the_reports_as_its_result(shared_data: Path, wy_files: list[Path]) -> None:
    assert runner_for("import_crimes")
    job = Job.objects.create(kind="import_crimes", params={"paths": [str(wy_files[0])]})

    job_run(job)

    job.refresh_from_db()
    rows = len(csv_rows(wy_files[0]))
    assert job.status == Job.Status.SUCCEEDED
    assert job.progress == 100
    assert (job.result["read"], job.result["imported"]) == (rows, Crime.objects.count())
    assert job.result["files"][0]["source"] == str(wy_files[0])


def test_it_records_a_failed_job_without_raising(tmp_path: Path) -> None:
    bad = tmp_path / "2016-07-x-street.csv"
    bad.write_text("nonsense\n", encoding="utf-8")
    job = Job.objects.create(kind="import_crimes", params={"paths": [str(bad)]})

    job_run(job)

    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message.startswith(f"{bad}, line 1")
    assert [file["errors"] for file in job.result["files"]] == [[job.message]]
    assert job.result["failed"] == [str(bad)]
    assert not Crime.objects.exists()


def test_a_folder_import_tries_every_file_and_fails_naming_the_bad_ones(tmp_path: Path, wy_files: list[Path]) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    lines = gzip.decompress(wy_files[0].read_bytes()).decode().splitlines(keepends=True)
    (folder / "2016-07-west-yorkshire-street.csv").write_text("".join(lines[:101]), encoding="utf-8")
    bad = folder / "2016-08-west-yorkshire-street.csv"  # sorts between the good ones
    bad.write_text("".join([lines[0], "not,a,row\n"]), encoding="utf-8")
    (folder / "2016-09-west-yorkshire-street.csv").write_text(
        "".join([lines[0], *(line.replace(",2016-07,", ",2016-09,") for line in lines[1:51])]), encoding="utf-8"
    )
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError) as caught:
        call_command("import_crimes", str(folder), stdout=out, stderr=err)

    # CommandError makes manage.py exit with status 1; its message names the failed file, line and reason.
    assert str(caught.value).startswith(f"{bad}, line 2: expected 12 fields")
    printed = out.getvalue()
    assert printed.strip().splitlines()[-1].endswith(f"; 1 failed: {bad}")
    assert "total: 3 files, 151 rows read, 150 imported" in printed
    assert f"  error: {bad}, line 2" in printed
    assert Crime.objects.count() == 150
