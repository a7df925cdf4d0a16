"""The public neighbourhood page (issue 9): anonymous, public tier only. The guide's "minimum website content"
(guide 12890–12904, 23274–23284): current priorities with their latest feedback, previous priorities with their
outcome, upcoming events, the team contact and how to have a say.

Nothing here reads a tier above public: priorities are cut with ``at_most(Tier.PUBLIC)``, events come from
engagement's public selector, and only fields meant for the public are shown (never the ECHR note, the closing
justification, concerns or organisers' names).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from core.tiers import Tier
from engagement.event_selectors import public_events, upcoming_public_events
from engagement.ical import calendar
from geography.models import Neighbourhood
from priorities.models import Priority
from priorities.selectors import latest_update, with_latest

# The police.uk contact keys shown to the public, in this order (reference-anchors §1.3; "website" as some feeds).
CONTACT_KEYS = [
    ("telephone", "Telephone"),
    ("mobile", "Mobile"),
    ("email", "Email"),
    ("web", "Website"),
    ("website", "Website"),
    ("address", "Address"),
    ("twitter", "X (Twitter)"),
    ("facebook", "Facebook"),
]
PREVIOUS_LIMIT = 20


def _neighbourhood(force: str, pk: int) -> Neighbourhood:
    neighbourhood = get_object_or_404(Neighbourhood.objects.select_related("force"), pk=pk)
    if neighbourhood.force.slug != force:
        raise Http404("No such neighbourhood in this force")
    return neighbourhood


def _contacts(neighbourhood: Neighbourhood) -> list[tuple[str, str]]:
    details: Any = neighbourhood.contact_details if isinstance(neighbourhood.contact_details, dict) else {}
    return [
        (label, str(details[key]))
        for key, label in CONTACT_KEYS
        if isinstance(details.get(key), str | int) and str(details[key]).strip()
    ]


@require_GET
def neighbourhood_page(request: HttpRequest, force: str, pk: int) -> HttpResponse:
    neighbourhood = _neighbourhood(force, pk)
    public = Priority.objects.filter(neighbourhood=neighbourhood).at_most(Tier.PUBLIC)
    current = [(p, latest_update(p)) for p in with_latest(public.current().order_by("-activated_on", "-pk"))]
    previous = [
        (p, latest_update(p)) for p in with_latest(public.closed().order_by("-closed_on", "-pk"))[:PREVIOUS_LIMIT]
    ]
    return render(
        request,
        "priorities/public/neighbourhood.html",
        {
            "neighbourhood": neighbourhood,
            "current": current,
            "previous": previous,
            "events": list(upcoming_public_events(neighbourhood=neighbourhood)),
            "contacts": _contacts(neighbourhood),
        },
    )


@require_GET
def neighbourhood_ical(request: HttpRequest, force: str, pk: int) -> HttpResponse:
    """The neighbourhood's public events as an iCalendar feed anyone can subscribe to."""
    neighbourhood = _neighbourhood(force, pk)
    body = calendar(
        public_events(neighbourhood=neighbourhood)[:1000],
        name=f"{neighbourhood.name}: neighbourhood policing events",
        host=request.get_host().split(":")[0],
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="events-{neighbourhood.pk}.ics"'
    return response
