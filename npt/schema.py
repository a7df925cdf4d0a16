"""The internal OpenAPI schema and its docs page: signed-in police roles only (issue 12 "Two schemas").

The internal schema names every endpoint, the police-only ones included, so it is a map of what NPT holds;
it is served to whoever may read police-tier information (``accounts.view_police_tier``, asked through
``has_perm`` like every other view). The police.uk-compatible API keeps its own public schema
(``policeuk.urls``). Anyone else gets 403; an anonymous visitor too, as the rest of the DRF API answers.
"""

from __future__ import annotations

from drf_spectacular.views import SpectacularAPIView

from accounts.tiers import READ_POLICE_TIER
from core.api import HasPerm
from core.schema_docs import SchemaDocsView

VIEW_INTERNAL_SCHEMA = READ_POLICE_TIER


class InternalSchemaView(SpectacularAPIView):
    permission_classes = [HasPerm]
    required_perm = VIEW_INTERNAL_SCHEMA


class InternalSchemaDocsView(SchemaDocsView):
    permission_classes = [HasPerm]
    required_perm = VIEW_INTERNAL_SCHEMA
    schema_url_name = "api-schema"
    title = "NPT internal API"
    intro = (
        "Every endpoint NPT serves to signed-in users, scoped to what each user may see. "
        "The public data.police.uk-compatible API has its own schema and docs."
    )
