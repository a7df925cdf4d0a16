from django.contrib.gis import admin

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


@admin.register(LSOA)
class LSOAAdmin(admin.GISModelAdmin, SafeInputAdmin):
    list_display = ["code", "name", "vintage", "local_authority_name", "population"]
    list_filter = ["vintage"]
    search_fields = ["code", "name"]


@admin.register(DeprivationRecord)
class DeprivationRecordAdmin(SafeInputAdmin):
    list_display = ["lsoa", "edition", "domain", "score", "rank", "decile"]
    list_filter = ["edition", "domain"]
    raw_id_fields = ["lsoa"]
