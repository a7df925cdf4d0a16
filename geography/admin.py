from typing import Any

from django.contrib.admin import SimpleListFilter
from django.contrib.gis import admin
from django.http import HttpRequest

from core.admin_mixins import HistoryAdmin, SafeInputAdmin
from geography.models import LSOA, DeprivationRecord, Force, Neighbourhood


@admin.register(Force)
class ForceAdmin(HistoryAdmin):
    list_display = ["name", "slug", "profile_review_months", "synthetic"]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.GISModelAdmin, HistoryAdmin):
    list_display = ["name", "code", "force", "population"]
    list_filter = ["force"]
    search_fields = ["name", "code"]


class BoundaryLoadedFilter(SimpleListFilter):
    title = "boundary"
    parameter_name = "boundary"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("loaded", "Boundary loaded"), ("none", "No boundary loaded")]

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        if self.value() == "loaded":
            return queryset.with_boundary()
        if self.value() == "none":
            return queryset.without_boundary()
        return queryset


@admin.register(LSOA)
class LSOAAdmin(admin.GISModelAdmin, SafeInputAdmin):
    list_display = ["code", "name", "vintage", "local_authority_name", "population", "boundary_loaded"]
    list_filter = ["vintage", BoundaryLoadedFilter]
    search_fields = ["code", "name"]

    @admin.display(boolean=True, description="Boundary loaded")
    def boundary_loaded(self, lsoa: LSOA) -> bool:
        return lsoa.has_boundary


@admin.register(DeprivationRecord)
class DeprivationRecordAdmin(SafeInputAdmin):
    list_display = ["lsoa", "edition", "domain", "score", "rank", "decile"]
    list_filter = ["edition", "domain"]
    raw_id_fields = ["lsoa"]
