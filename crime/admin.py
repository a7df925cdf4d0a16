"""Read-only admin views of crimes and their releases: both change only through the importer (ADR 0007)."""

from typing import Any

from django.contrib.gis import admin
from django.http import HttpRequest

from crime.models import Crime, CrimeRelease


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CrimeRelease)
class CrimeReleaseAdmin(ReadOnly):
    list_display = ["force", "month", "source_file", "rows", "records", "added", "changed", "removed", "imported_at"]
    list_filter = ["force", "month"]
    search_fields = ["source_file", "sha256"]
    raw_id_fields = ["replaces", "imported_by"]


@admin.register(Crime)
class CrimeAdmin(ReadOnly):
    list_display = ["month", "category", "location_text", "lsoa_code", "last_outcome", "falls_within"]
    list_filter = ["month", "category"]
    search_fields = ["crime_id", "lsoa_code", "location_text"]
    raw_id_fields = ["lsoa", "lsoa21", "neighbourhood", "release"]
    show_full_result_count = False  # a count of millions of rows on every page is slow
