"""manage.py evaluate_impact (--study ID | --force SLUG --treated CODE,... --before YYYY-MM:YYYY-MM
--after YYYY-MM:YYYY-MM --outcome SLUG ...) [--confirm-gaps] [--format json|table]

The same job the study page starts (``impact.evaluate``). Given flags instead of a study, it first records a
study built from them (so the run is reproducible from the Jobs and Impact pages), then evaluates it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from core.job_commands import job_command
from geography.models import Force
from impact.jobs import EvaluateStudy
from impact.models import Comparison, ImpactRun, ImpactStudy
from impact.services import study_create

MONTHS = re.compile(r"(\d{4})-(0[1-9]|1[0-2]):(\d{4})-(0[1-9]|1[0-2])")
COMPARISONS = {"rest-of-force": Comparison.REST, "matched": Comparison.MATCHED}


def _window(text: str, flag: str) -> tuple[dt.date, dt.date]:
    match = MONTHS.fullmatch(text or "")
    if not match:
        raise CommandError(f"{flag} must be YYYY-MM:YYYY-MM")
    start = dt.date(int(match[1]), int(match[2]), 1)
    end = dt.date(int(match[3]), int(match[4]), 1)
    if end < start:
        raise CommandError(f"{flag} ends before it starts")
    return start, end


def _codes(inline: str | None, path: str | None) -> list[str]:
    codes = [code.strip() for code in (inline or "").split(",") if code.strip()]
    if path:
        try:
            codes += [line.strip() for line in Path(path).read_text().splitlines() if line.strip()]
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
    return codes


class Command(BaseCommand):
    help = "Evaluate an impact study (issue 13) and print its results as a table or JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--study", type=int, metavar="ID", help="an existing study")
        parser.add_argument("--force", metavar="SLUG")
        parser.add_argument("--unit", choices=["lsoa", "neighbourhood"], default="neighbourhood")
        parser.add_argument("--vintage", type=int, choices=[2011, 2021], default=2021)
        parser.add_argument("--treated", metavar="CODE,CODE")
        parser.add_argument("--treated-file", metavar="PATH")
        parser.add_argument("--comparison", choices=sorted(COMPARISONS), default="rest-of-force")
        parser.add_argument("--comparison-file", metavar="PATH", help="comparison codes, one a line")
        parser.add_argument("--before", metavar="YYYY-MM:YYYY-MM")
        parser.add_argument("--after", metavar="YYYY-MM:YYYY-MM")
        parser.add_argument("--outcome", action="append", metavar="SLUG", help="repeatable; all-crime for all")
        parser.add_argument("--confirm-gaps", action="store_true", help="compute over coverage gaps")
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        study = self._study(options)
        job = job_command(
            self,
            kind="impact.evaluate",
            params=EvaluateStudy(study=study.pk, confirm_gaps=options["confirm_gaps"]),
            description="Evaluating",
        )
        run = ImpactRun.objects.get(job=job)
        if options["format"] == "json":
            self.stdout.write(json.dumps(run.results, indent=2, default=str))
        else:
            self._table(run)

    def _study(self, options: dict[str, Any]) -> ImpactStudy:
        if options["study"] is not None:
            try:
                return ImpactStudy.objects.get(pk=options["study"])
            except ImpactStudy.DoesNotExist as exc:
                raise CommandError(f"no impact study {options['study']}") from exc
        force = Force.objects.filter(slug=options["force"] or "").first()
        if force is None:
            raise CommandError("give --study, or --force SLUG of a loaded force")
        treated = _codes(options["treated"], options["treated_file"])
        if not treated:
            raise CommandError("give --treated CODE,CODE or --treated-file PATH")
        outcomes = options["outcome"] or []
        if not outcomes:
            raise CommandError("give at least one --outcome SLUG")
        before, after = _window(options["before"], "--before"), _window(options["after"], "--after")
        if before[1] >= after[0]:
            raise CommandError("--before must end before --after starts")
        comparison_codes = _codes(None, options["comparison_file"])
        comparison = Comparison.MANUAL if comparison_codes else COMPARISONS[options["comparison"]]
        return study_create(
            actor=None,
            force=force,
            name=f"Command line {timezone.now():%Y-%m-%d %H:%M} UTC",
            unit=options["unit"],
            vintage=options["vintage"],
            treated=treated,
            comparison=comparison,
            comparison_codes=comparison_codes,
            before_start=before[0],
            before_end=before[1],
            after_start=after[0],
            after_end=after[1],
            outcomes=outcomes,
        )

    def _table(self, run: ImpactRun) -> None:
        self.stdout.write(
            f"{'outcome':28} {'treated':>17} {'comparison':>17} {'points':>8} {'WDD':>8} {'95% CI':>18} "
            f"{'rate ratio (95% CI)':>24}"
        )
        for outcome, r in run.results["outcomes"].items():
            t, c, w, m = r["treated"], r["comparison"], r["wdd"], r["model"]
            irr = "missing" if m["estimate"] is None else f"{m['estimate']:.3f} ({m['ci_low']:.3f}, {m['ci_high']:.3f})"
            self.stdout.write(
                f"{outcome:28} {t['before']:>7g}->{t['after']:<7g} {c['before']:>7g}->{c['after']:<7g} "
                f"{_fmt(r['did_pct_points']):>8} {w['estimate']:>8.1f} ({w['ci_low']:.1f}, {w['ci_high']:.1f}) "
                f"{irr:>24}"
            )
        self.stdout.write(f"Source: {run.source}. As at {run.as_at}. {run.vintage}. {run.coverage}")


def _fmt(value: float | None) -> str:
    return "missing" if value is None else f"{value:.2f}"
