"""Response headers every authenticated page needs."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


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
