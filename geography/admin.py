from django.contrib.gis import admin
from simple_history.admin import SimpleHistoryAdmin

from geography.models import LSOA, DeprivationRecord, Force, Neighbourhood


@admin.register(Force)
class ForceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "profile_review_months", "synthetic"]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.GISModelAdmin, SimpleHistoryAdmin):
    list_display = ["name", "code", "force", "population"]
    list_filter = ["force"]
    search_fields = ["name", "code"]


@admin.register(LSOA)
class LSOAAdmin(admin.GISModelAdmin):
    list_display = ["code", "name", "vintage", "local_authority_name", "population"]
    list_filter = ["vintage"]
    search_fields = ["code", "name"]


@admin.register(DeprivationRecord)
class DeprivationRecordAdmin(admin.ModelAdmin):
    list_display = ["lsoa", "edition", "domain", "score", "rank", "decile"]
    list_filter = ["edition", "domain"]
    raw_id_fields = ["lsoa"]
