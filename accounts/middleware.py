"""Sign a person out after a spell without activity (issue 14: session expiry after inactivity)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

LAST_SEEN = "npt_last_seen"
# The timestamp is rewritten at most this often, so a page's burst of requests (htmx fragments, map layers)
# costs one session write, not one each; expiry is then accurate to within this many seconds.
TOUCH_EVERY_SECONDS = 60


class IdleSessionTimeoutMiddleware:
    """After NPT_SESSION_IDLE_MINUTES without a request the session ends and the sign-in page says why.

    The request then goes on as an anonymous one: a page redirects to sign-in, an API call answers 403.
    Runs after AuthenticationMiddleware (it needs request.user) and MessageMiddleware (it adds a message).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(LAST_SEEN)
            idle_limit = settings.NPT_SESSION_IDLE_MINUTES * 60
            if isinstance(last_seen, int | float) and now - last_seen > idle_limit:
                logout(request)  # flushes the session and sets request.user to AnonymousUser
                messages.info(
                    request,
                    f"You were signed out because you had not used NPT for {settings.NPT_SESSION_IDLE_MINUTES} "
                    "minutes. Sign in again to carry on.",
                )
            elif not isinstance(last_seen, int | float) or now - last_seen >= TOUCH_EVERY_SECONDS:
                request.session[LAST_SEEN] = int(now)
        return self.get_response(request)


def stamp_sign_in(sender: object, request: HttpRequest | None, **kwargs: object) -> None:
    """``user_logged_in``: the idle clock starts at sign-in, in the session login() is saving anyway.

    Without it the first page after signing in would write the session a second time just to start the clock
    (and every "queries stay constant" measure would count that write).
    """
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())
