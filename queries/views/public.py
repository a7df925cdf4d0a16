"""Public pages, no sign-in: a neighbourhood's named officers and the query form, the confirmation, and the
sender's own page (the signed link in their email): how their query stands, and the request for a review.

Nothing the sender typed is shown back as HTML (templates autoescape; no ``|safe`` anywhere here).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from geography.models import Neighbourhood
from queries import ratelimit
from queries.forms import ContactForm, ReviewRequestForm
from queries.links import confirmation_url, query_for_confirmation, query_for_review, review_path
from queries.models import RESPONSE_HOURS
from queries.services import query_request_review, query_submit

TOO_MANY = (
    "Too many messages have been sent from here or to this team in the last hour. Please try again later, "
    "or call 101 if it cannot wait."
)


@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest, pk: int) -> HttpResponse:
    neighbourhood = get_object_or_404(Neighbourhood.objects.select_related("force"), pk=pk)
    status = 200
    if request.method == "POST":
        form = ContactForm(request.POST)
        limits = ratelimit.limits_for(request, neighbourhood.pk)
        if ratelimit.over_limit(limits):
            form.is_valid()
            form.errors.clear()
            form.add_error(None, TOO_MANY)
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            query = query_submit(
                neighbourhood=neighbourhood,
                topic=data["topic"],
                message=data["message"],
                reply_by=data["reply_by"],
                sender_name=data["sender_name"],
                sender_email=data["sender_email"],
                sender_phone=data["sender_phone"],
                location_text=data["location_text"],
                location=form.location(),
                consent_contact=data["consent_contact"],
                consent_share=data["consent_share"],
            )
            ratelimit.count(limits)
            return redirect(confirmation_url(query))
        else:
            status = 400
    else:
        form = ContactForm()
    context = {
        "neighbourhood": neighbourhood,
        "form": form,
        "response_hours": RESPONSE_HOURS,
    }
    return render(request, "queries/contact.html", context, status=status)


def sent(request: HttpRequest, token: str) -> HttpResponse:
    query = query_for_confirmation(token)
    if query is None:
        raise Http404("No such confirmation")
    return render(request, "queries/sent.html", {"query": query, "review_path": review_path(query)})


@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, token: str) -> HttpResponse:
    query = query_for_review(token)
    if query is None:
        raise Http404("No such query")
    form = ReviewRequestForm(request.POST if request.method == "POST" else None)
    done = query.review_requested_at is not None
    if request.method == "POST" and not done and form.is_valid():
        query = query_request_review(query=query, reason=form.cleaned_data["reason"])
        done = True
    status = 400 if form.is_bound and form.errors else 200
    context = {"query": query, "form": form, "done": done, "now": timezone.now()}
    return render(request, "queries/review.html", context, status=status)
