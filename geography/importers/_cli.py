"""What the import commands share: a progress bar on stderr, the report on stdout, plain errors.

Logic stays in the importers (and their Job runners); a command only parses options and calls ``run_import``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError

from core.imports import BarProgress, ImportFailed, ImportReport, Progress


def run_import(command: BaseCommand, description: str, importer: Callable[[Progress], ImportReport]) -> None:
    """Run IMPORTER with a progress bar and print its report.

    A failure becomes a CommandError (exit status 1, no traceback) naming the failed files, after the report
    of what was done has been printed: with several files, the good ones have landed.
    """
    progress = BarProgress(getattr(command.stderr, "_out", sys.stderr), description)
    try:
        report = importer(progress)
    except ImportFailed as exc:
        progress.close()
        if exc.import_report is not None:
            for line in exc.import_report.lines():
                command.stdout.write(line)
        else:
            for reason, count in sorted((exc.report or {}).get("rejected", {}).items()):
                command.stderr.write(f"  rejected ({reason}): {count}")
        raise CommandError(exc.describe()) from exc
    progress.close()
    for line in report.lines():
        command.stdout.write(line)
