"""manage.py build_lsoa_crosswalk: rebuild the LSOA 2011 <-> 2021 crosswalk from the boundaries loaded, as a Job."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from core.job_commands import job_command
from geography.jobs import Crosswalk


class Command(BaseCommand):
    help = (
        "Rebuild the LSOA 2011 <-> 2021 crosswalk: identity for unchanged codes, shared-area weights for the "
        "retired and new ones. Load both vintages' boundaries first (import_lsoa_boundaries runs this after it)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        job_command(self, kind="geography.crosswalk", params=Crosswalk(), description="retired LSOAs")
