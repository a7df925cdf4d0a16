"""Cross-cutting answers: no caching of signed-in pages, and a kind answer when the database is busy."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import DatabaseError, OperationalError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from core.audit import audit_record
from core.models import AuditEvent


class NoStoreWhenSignedInMiddleware:
    """``Cache-Control: no-store`` (and ``private``) on every response to a signed-in user (issue 6 item 4).

    Pages, exports and API answers carry police or partner data; a shared or back-button browser cache must
    not keep them. Anonymous pages (sign-in, static files served by WhiteNoise before this runs) stay cacheable.
    It sits after AuthenticationMiddleware; DRF copies the user it authenticates onto the Django request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
        return response


logger = logging.getLogger(__name__)


class AuditDeniedMiddleware:
    """Every refused request (403: a permission check, DRF's, or CSRF) becomes an audit event (issue 14).

    Written after the view, outside its transaction, so the record survives the view's rollback. A failure
    to write is logged and the 403 still goes out: the refusal matters more than its record.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 403:
            # PostgreSQL text cannot hold NUL (a malformed path may carry one); the savepoint keeps a failed
            # write from breaking a surrounding transaction.
            path = request.path.replace("\x00", "\ufffd")[:300]
            try:
                with transaction.atomic():
                    audit_record(
                        actor=getattr(request, "user", None),
                        verb=AuditEvent.Verb.ACCESS_DENIED,
                        data={"method": request.method, "path": path},
                    )
            except DatabaseError:
                logger.exception("could not audit a refused request to %s", request.path)
        return response


class DatabaseBusyMiddleware:
    """A save that meets a locked database gets a 503 that keeps what the person typed, never a 500.

    SQLite (the embedded default) allows one writer at a time; WAL and the busy timeout (npt/settings/env.py)
    make a second writer wait, but a very long wait still ends in "database is locked" (issue 6 item 6). The
    page re-posts the same values to the same address with a fresh CSRF token, so nothing typed is lost. The
    transaction was rolled back before this runs, so nothing was half-written.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError) or "database is locked" not in str(exception):
            return None
        posted = [
            (name, value) for name, values in request.POST.lists() if name != "csrfmiddlewaretoken" for value in values
        ]
        response = render(request, "busy.html", {"posted": posted, "action": request.path}, status=503)
        response["Retry-After"] = "5"
        return response
