from django.contrib import admin

from core.admin_mixins import HistoryAdmin
from queries.models import NamedOfficer, QueryRetention


@admin.register(NamedOfficer)
class NamedOfficerAdmin(HistoryAdmin):
    list_display = ["name", "rank", "role", "neighbourhood", "tier"]
    list_filter = ["tier"]
    search_fields = ["name", "neighbourhood__name"]
    raw_id_fields = ["neighbourhood", "user"]


@admin.register(QueryRetention)
class QueryRetentionAdmin(HistoryAdmin):
    list_display = ["force", "months_after_closure"]
