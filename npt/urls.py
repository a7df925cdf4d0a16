from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from core import views as core_views
from npt.schema import InternalSchemaDocsView, InternalSchemaView

urlpatterns = [
    path("", account_views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("geography/", include("geography.urls")),
    path("profiles/", include("profiles.urls")),
    path("engagement/events/", include("engagement.event_urls")),
    path("engagement/", include("engagement.urls")),
    path("priorities/", include("priorities.urls")),
    path("problem-solving/", include("problem_solving.urls")),
    path("api/problem-solving/", include("problem_solving.api.urls")),
    path("queries/", include("queries.urls")),
    path("api/queries/", include("queries.api.urls")),
    # The public neighbourhood page: anonymous, public tier only (issue 9).
    path("n/", include("priorities.public_urls")),
    path("api/priorities/", include("priorities.api.urls")),
    path("api/engagement/", include("engagement.api.urls")),
    path("api/profiles/", include("profiles.api.urls")),
    path("api/geography/", include("geography.api.urls")),
    path("api/crime/", include("crime.api.urls")),
    path("deployment/", include("deployment.urls")),
    path("api/deployment/", include("deployment.api.urls")),
    # Impact evaluation (issue 13).
    path("impact/", include("impact.urls")),
    path("api/impact/", include("impact.api.urls")),
    path("crime/", include("crime.urls")),
    # portal (issue 12): the data.police.uk-compatible public API and the partner portal.
    path("api/police-uk/", include("policeuk.urls")),
    path("partners/", include("partners.urls")),
    # performance framework (issue 15)
    path("performance/", include("performance.urls")),
    path("healthz/", core_views.healthz, name="healthz"),
    # The internal schema and its docs: police roles only (issue 12); the public one is under api/police-uk/.
    path("api/schema/", InternalSchemaView.as_view(), name="api-schema"),
    path("api/docs/", InternalSchemaDocsView.as_view(), name="api-docs"),
    path("admin/", admin.site.urls),
]
