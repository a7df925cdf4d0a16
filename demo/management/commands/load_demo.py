"""``manage.py load_demo [--real] [--seed N] [--as-at YYYY-MM-DD]``: load the demo area and print the logins."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from core.imports import ImportFailed
from demo.services import DemoResult, demo_load_synthetic

DEFAULT_SEED = 42


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--as-at must be a date such as 2025-06-30, not {value!r}") from error


class Command(BaseCommand):
    help = (
        "Load demo data: a synthetic area (default, deterministic for a seed) or, with --real, West Yorkshire "
        "from the shared open data. Safe to run again: nothing is duplicated. Prints one login per role."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--real", action="store_true", help="Build the demo from settings.SHARED_DATA_DIR.")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Seed of the synthetic generator.")
        parser.add_argument(
            "--as-at",
            type=_date,
            default=None,
            help="Date the synthetic crime year ends before (its 12 months precede this month). Default: today.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        shared = Path(settings.SHARED_DATA_DIR)
        as_at = options["as_at"] or timezone.localdate()
        try:
            if options["real"]:
                from demo.real import demo_load_real

                result = demo_load_real(shared_data_dir=shared, as_at=as_at, progress=self._progress)
            else:
                result = demo_load_synthetic(seed=options["seed"], as_at=as_at, shared_data_dir=shared)
        except ImportFailed as error:
            raise CommandError(f"Demo data not loaded: {error.describe()}") from error
        self._report(result)

    def _progress(self, message: str) -> None:
        self.stdout.write(message)

    def _report(self, result: DemoResult) -> None:
        write = self.stdout.write
        if result.synthetic:
            write(self.style.WARNING("Demo data: SYNTHETIC. Generated places, people and crimes; none of it is real."))
        else:
            write(self.style.WARNING("Demo data: REAL open data (OGL v3) with demo users, team and neighbourhoods."))
        write(f"Force: {result.force.name} ({result.force.slug})")
        for note in result.notes:
            write(f"  {note}")
        for name, count in result.counts().items():
            write(f"  {name}: {count:,}")
        first, last = result.months()
        if first and last:
            write(f"  crime months: {first:%Y-%m} to {last:%Y-%m}")
        totals: dict[str, int] = {}
        for counter in result.stats.counts.values():
            for outcome, n in counter.items():
                totals[outcome] = totals.get(outcome, 0) + n
        write("This run: " + ", ".join(f"{outcome} {totals.get(outcome, 0):,}" for outcome in _OUTCOMES))
        if not result.stats.changed:
            write("The demo data was already loaded; nothing changed (passwords are reset to the demo ones).")
        write("Demo logins (role, username, password):")
        for login in result.logins:
            write(f"  {login.role.label:<20} {login.username:<10} {login.password}")


_OUTCOMES = ("created", "updated", "unchanged", "deleted")
