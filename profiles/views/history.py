"""History, the as-at view, comparing two versions, and the formal review (police only)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from profiles.categories import BY_SLUG, CATEGORIES
from profiles.compare import compare_versions, default_tokens, end_of, versions
from profiles.forms import AsAtForm, CompareForm, HistoryFilterForm, ReviewForm
from profiles.history import history_entries
from profiles.models import NeighbourhoodProfile, ProfileReview
from profiles.permissions import SIGN_OFF_REVIEW
from profiles.selectors import profile_for
from profiles.services import profile_review_sign_off
from profiles.views._common import breadcrumbs, history_readable, readable
from profiles.views.read import _profile_context

HISTORY_PAGE_SIZE = 25


def _history_page(request: HttpRequest, neighbourhood: Any, as_at_form: AsAtForm, *, status: int = 200) -> HttpResponse:
    """The history page: formal reviews, the as-at form and the change log, a page at a time, filtered by category."""
    profile = NeighbourhoodProfile.objects.filter(neighbourhood=neighbourhood).first()
    filter_form = HistoryFilterForm(request.GET, categories=CATEGORIES)
    chosen = None
    if filter_form.is_valid() and filter_form.cleaned_data["category"]:
        chosen = BY_SLUG[filter_form.cleaned_data["category"]]
    entries = history_entries(profile, category=chosen) if profile else []
    page = Paginator(entries, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({"category": chosen.slug}) if chosen else ""
    context: dict[str, Any] = {
        "neighbourhood": neighbourhood,
        "profile": profile,
        "page": page,
        "entries": page.object_list,
        "filter_form": filter_form,
        "chosen": chosen,
        "query": query,
        "reviews": ProfileReview.objects.filter(profile=profile).select_related("reviewed_by") if profile else [],
        "as_at_form": as_at_form,
        "breadcrumbs": breadcrumbs(neighbourhood),
    }
    return render(request, "profiles/history.html", context, status=status)


@login_required
@require_safe
def history(request: HttpRequest, pk: int) -> HttpResponse:
    neighbourhood = history_readable(request, pk)
    return _history_page(request, neighbourhood, AsAtForm())


@login_required
@require_safe
def as_at(request: HttpRequest, pk: int) -> HttpResponse:
    neighbourhood = history_readable(request, pk)
    asked = any(key.startswith("at") for key in request.GET)
    form = AsAtForm(request.GET if asked else None)
    if not form.is_valid():
        # Back to the history page, with the error and the full change log (never "no changes" by mistake).
        return _history_page(request, neighbourhood, form, status=400 if asked else 200)
    when = end_of(form.cleaned_data["at"])
    view = profile_for(request.user, neighbourhood, as_of=when)
    context = _profile_context(request, neighbourhood, view)
    context["as_at_day"] = form.cleaned_data["at"]
    context["breadcrumbs"] = breadcrumbs(neighbourhood, ("History", reverse("profiles:history", args=[pk])))
    return render(request, "profiles/profile_detail.html", context)


@login_required
@require_safe
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    neighbourhood = history_readable(request, pk)
    profile = get_object_or_404(
        NeighbourhoodProfile.objects.select_related("neighbourhood"), neighbourhood=neighbourhood
    )
    options = versions(profile)
    by_token = {version.token: version for version in options}
    defaults = dict(zip(("from", "to"), default_tokens(options), strict=True))
    asked = "from" in request.GET or "to" in request.GET
    form = CompareForm(
        {**defaults, **request.GET.dict()} if asked else defaults,
        choices=[(version.token, version.label) for version in options],
    )
    context: dict[str, Any] = {
        "neighbourhood": neighbourhood,
        "profile": profile,
        "form": form,
        "breadcrumbs": breadcrumbs(neighbourhood, ("History", reverse("profiles:history", args=[pk]))),
    }
    if not form.is_valid():
        return render(request, "profiles/compare.html", context, status=400)
    before, after = by_token[form.cleaned_data["from"]], by_token[form.cleaned_data["to"]]
    context.update(before=before, after=after, diffs=compare_versions(profile, before, after))
    return render(request, "profiles/compare.html", context)


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    neighbourhood = readable(request, pk)
    if not request.user.has_perm(SIGN_OFF_REVIEW, neighbourhood):
        raise PermissionDenied
    profile = (
        NeighbourhoodProfile.objects.filter(neighbourhood=neighbourhood).select_related("neighbourhood__force").first()
    )
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and profile is not None and form.is_valid():
        profile_review_sign_off(profile=profile, by=request.user, comment=form.cleaned_data["comment"])
        messages.success(request, f"Review signed off. The next review is due by {profile.review_due_on():%d %B %Y}.")
        return redirect("profiles:detail", pk=neighbourhood.pk)
    context = {
        "neighbourhood": neighbourhood,
        "profile": profile,
        "form": form,
        "reviews": ProfileReview.objects.filter(profile=profile).select_related("reviewed_by") if profile else [],
        "breadcrumbs": breadcrumbs(neighbourhood),
    }
    return render(request, "profiles/review.html", context)
