"""What the import commands share: a progress bar on stderr and plain errors instead of tracebacks."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from core.imports import ImportFailed, ImportReport, Progress


class BarProgress:
    """A Progress callback drawing a tqdm bar, created on the first call (when the total is known)."""

    def __init__(self, stream: Any, description: str):
        self.stream = stream
        self.description = description
        self.bar: tqdm[Any] | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = tqdm(total=total, file=self.stream, desc=self.description, leave=False, dynamic_ncols=True)
        if self.bar.total != total:
            self.bar.total = total
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run_import(command: BaseCommand, description: str, importer: Callable[[Progress], ImportReport]) -> None:
    """Run IMPORTER with a progress bar and print its report; a bad file becomes a CommandError (no traceback)."""
    progress = BarProgress(getattr(command.stderr, "_out", sys.stderr), description)
    try:
        report = importer(progress)
    except ImportFailed as exc:
        progress.close()
        counts = exc.report or {}
        for reason, count in sorted(counts.get("rejected", {}).items()):
            command.stderr.write(f"  rejected ({reason}): {count}")
        raise CommandError(exc.describe()) from exc
    progress.close()
    for line in report.lines():
        command.stdout.write(line)
