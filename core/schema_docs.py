"""Schema views shared by NPT's two OpenAPI schemas (issue 12 "Two schemas").

- ``SchemaDocsView``: a server-rendered docs page (each operation's method, path, summary and description)
  built from the same drf-spectacular generator as the schema itself. It loads no third-party JavaScript:
  drf-spectacular's Swagger UI and Redoc pages fetch their bundles from a CDN at run time, which a police
  network may block and which would put outside code on a page served to signed-in officers.

Libraries only: ``core`` imports no app. Who may read each schema is the URLconf's choice (``npt.urls`` gates
the internal one with ``HasPerm``; ``policeuk.urls`` serves the public one to anyone).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema
from rest_framework.renderers import TemplateHTMLRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    description: str
    operation_id: str


def operations(schema: dict[str, Any]) -> list[Operation]:
    """Every operation of SCHEMA, in path order (the schema's own order)."""
    found = []
    for path, item in schema.get("paths", {}).items():
        for method in _METHODS:
            op = item.get(method)
            if op is None:
                continue
            found.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=op.get("summary", ""),
                    description=op.get("description", ""),
                    operation_id=op.get("operationId", ""),
                )
            )
    return found


class SchemaDocsView(APIView):
    """An HTML page listing the operations of the schema at ``schema_url_name`` (set in the URLconf)."""

    renderer_classes = [TemplateHTMLRenderer]
    template_name = "api/docs.html"
    urlconf: str | None = None
    schema_url_name = "api-schema"
    title = "NPT API"
    intro = ""

    @extend_schema(exclude=True)
    def get(self, request: Request) -> Response:
        schema = SchemaGenerator(urlconf=self.urlconf).get_schema(request=request, public=False)
        return Response(
            {
                "title": self.title,
                "intro": self.intro,
                "schema_url_name": self.schema_url_name,
                "operations": operations(schema),
            }
        )
