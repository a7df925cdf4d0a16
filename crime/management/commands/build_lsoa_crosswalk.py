"""manage.py build_lsoa_crosswalk: the LSOA 2011 <-> 2021 crosswalk from the loaded boundaries (PostGIS)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from crime.crosswalk import crosswalk_build


class Command(BaseCommand):
    help = "Rebuild the LSOA 2011 <-> 2021 crosswalk from the loaded boundaries of both vintages."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = crosswalk_build()
        self.stdout.write(f"crosswalk: {counts['identity']} unchanged codes, {counts['overlap']} overlapping pairs")
