"""data.police.uk's paths under ``/api/police-uk/`` (reference-anchors §1): a client only changes its base URL.

Fixed paths come before ``{force}/{neighbourhood}``, which would otherwise swallow them; neighbourhood ids may
hold dots (``55.CR3001``), so they have their own converter. ``neighbourhoods`` is never an id (the model refuses it).
"""

from django.urls import path, register_converter
from drf_spectacular.views import SpectacularAPIView

from core.schema_docs import SchemaDocsView
from policeuk import views_areas as areas
from policeuk import views_crime as crime


class NeighbourhoodCode:
    regex = r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(NeighbourhoodCode, "hood")

app_name = "policeuk"
urlpatterns = [
    # The public schema: this API only, served to anyone (the internal one stays at /api/schema/).
    path(
        "schema",
        SpectacularAPIView.as_view(
            urlconf="policeuk.schema_urls",
            custom_settings={"TITLE": "NPT data.police.uk-compatible API"},
            authentication_classes=[],
            permission_classes=[],
        ),
        name="schema",
    ),
    path(
        "docs",
        SchemaDocsView.as_view(
            urlconf="policeuk.schema_urls",
            schema_url_name="policeuk:schema",
            title="NPT data.police.uk-compatible API",
            intro=(
                "Public, no sign-in, rate-limited (15 requests a second, bursts of 30). The same paths and JSON "
                "shapes as data.police.uk under this base URL; NPT's extensions are listed with each operation."
            ),
            authentication_classes=[],
            permission_classes=[],
        ),
        name="docs",
    ),
    path("forces", areas.ForceList.as_view(), name="forces"),
    path("forces/<slug:force>", areas.ForceDetail.as_view(), name="force"),
    path("forces/<slug:force>/people", areas.ForcePeople.as_view(), name="force-people"),
    path("locate-neighbourhood", areas.LocateNeighbourhood.as_view(), name="locate"),
    path("crime-categories", crime.CrimeCategories.as_view(), name="crime-categories"),
    path("crime-last-updated", crime.CrimeLastUpdated.as_view(), name="crime-last-updated"),
    path("crimes-street-dates", crime.CrimesStreetDates.as_view(), name="crimes-street-dates"),
    path("crimes-street/<slug:category>", crime.CrimesStreet.as_view(), name="crimes-street"),
    path("crimes-at-location", crime.CrimesAtLocation.as_view(), name="crimes-at-location"),
    path("crimes-no-location", crime.CrimesNoLocation.as_view(), name="crimes-no-location"),
    path("outcomes-for-crime/<slug:persistent_id>", crime.OutcomesForCrime.as_view(), name="outcomes-for-crime"),
    path("<slug:force>/neighbourhoods", areas.NeighbourhoodList.as_view(), name="neighbourhoods"),
    path("<slug:force>/<hood:neighbourhood>", areas.NeighbourhoodDetail.as_view(), name="neighbourhood"),
    path("<slug:force>/<hood:neighbourhood>/boundary", areas.NeighbourhoodBoundary.as_view(), name="boundary"),
    path("<slug:force>/<hood:neighbourhood>/people", areas.NeighbourhoodPeople.as_view(), name="people"),
    path("<slug:force>/<hood:neighbourhood>/events", areas.NeighbourhoodEvents.as_view(), name="events"),
    path("<slug:force>/<hood:neighbourhood>/priorities", areas.NeighbourhoodPriorities.as_view(), name="priorities"),
    path(
        "<slug:force>/<hood:neighbourhood>/priorities/history",
        areas.NeighbourhoodPriorityHistory.as_view(),
        name="priority-history",
    ),
]
