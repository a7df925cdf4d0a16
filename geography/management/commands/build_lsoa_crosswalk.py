"""manage.py build_lsoa_crosswalk: rebuild the LSOA 2011 <-> 2021 crosswalk from the boundaries loaded."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from tqdm import tqdm

from geography.crosswalk import crosswalk_build


class Command(BaseCommand):
    help = (
        "Rebuild the LSOA 2011 <-> 2021 crosswalk: identity for unchanged codes, shared-area weights for the "
        "retired and new ones. Load both vintages' boundaries first (import_lsoa_boundaries)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with tqdm(desc="retired LSOAs", unit="lsoa", disable=options["verbosity"] < 1, file=self.stderr) as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.n = done
                bar.refresh()

            report = crosswalk_build(progress=progress)
        self.stdout.write(", ".join(f"{key.replace('_', ' ')}: {value:,}" for key, value in report.items()))
