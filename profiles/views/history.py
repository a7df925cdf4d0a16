"""History, the as-at view, comparing two versions, and the formal review (police only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from core.tiers import Tier
from profiles.compare import compare_profiles
from profiles.forms import AsAtForm, ReviewForm
from profiles.history import history_entries
from profiles.models import NeighbourhoodProfile, ProfileReview
from profiles.permissions import SIGN_OFF_REVIEW
from profiles.selectors import profile_for
from profiles.services import profile_review_sign_off
from profiles.views._common import history_readable, readable
from profiles.views.read import _profile_context


def _end_of(day: dt.date) -> dt.datetime:
    """The last moment of DAY in Europe/London: "as at 3 March" includes everything saved on 3 March."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.max))


@login_required
@require_safe
def history(request: HttpRequest, pk: int) -> HttpResponse:
    neighbourhood = history_readable(request, pk)
    profile = NeighbourhoodProfile.objects.filter(neighbourhood=neighbourhood).first()
    context: dict[str, Any] = {
        "neighbourhood": neighbourhood,
        "profile": profile,
        "entries": history_entries(profile) if profile else [],
        "reviews": ProfileReview.objects.filter(profile=profile).select_related("reviewed_by") if profile else [],
        "as_at_form": AsAtForm(),
    }
    return render(request, "profiles/history.html", context)


@login_required
@require_safe
def as_at(request: HttpRequest, pk: int) -> HttpResponse:
    neighbourhood = history_readable(request, pk)
    form = AsAtForm(request.GET or None)
    if not form.is_valid():
        profile = NeighbourhoodProfile.objects.filter(neighbourhood=neighbourhood).first()
        context: dict[str, Any] = {
            "neighbourhood": neighbourhood,
            "profile": profile,
            "as_at_form": form,
            "entries": [],
            "reviews": [],
        }
        return render(request, "profiles/history.html", context, status=400 if request.GET else 200)
    when = _end_of(form.cleaned_data["at"])
    view = profile_for(request.user, neighbourhood, as_of=when)
    context = _profile_context(request, neighbourhood, view)
    context["as_at_day"] = form.cleaned_data["at"]
    return render(request, "profiles/profile_detail.html", context)


def _side(neighbourhood: Any, profile: NeighbourhoodProfile, token: str) -> tuple[str, dict[str, Any]]:
    """One side of a comparison: "now", "review-<id>" (its baseline snapshot) or a date YYYY-MM-DD."""
    if token.startswith("review-") and token[7:].isdigit():
        review = get_object_or_404(
            ProfileReview.objects.select_related("baseline", "reviewed_by"), pk=int(token[7:]), profile=profile
        )
        name = review.reviewed_by.get_full_name() or review.reviewed_by.get_username()
        label = f"Review baseline, {timezone.localtime(review.reviewed_at):%d %B %Y %H:%M}, signed off by {name}"
        return label, review.baseline.data
    if token and token != "now":
        try:
            day = dt.date.fromisoformat(token)
        except ValueError:
            raise BadRequest("Compare takes now, review-<id> or a date (YYYY-MM-DD).") from None
        return f"As at {day:%d %B %Y}", profile_for(Tier.POLICE, neighbourhood, as_of=_end_of(day)).as_dict()
    return "Now", profile_for(Tier.POLICE, neighbourhood).as_dict()


@login_required
@require_safe
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    neighbourhood = history_readable(request, pk)
    profile = get_object_or_404(NeighbourhoodProfile, neighbourhood=neighbourhood)
    last_review = ProfileReview.objects.filter(profile=profile).first()
    default_from = f"review-{last_review.pk}" if last_review else (timezone.localdate(profile.created_at).isoformat())
    left_token = request.GET.get("from") or default_from
    right_token = request.GET.get("to") or "now"
    left_label, left = _side(neighbourhood, profile, left_token)
    right_label, right = _side(neighbourhood, profile, right_token)
    context = {
        "neighbourhood": neighbourhood,
        "profile": profile,
        "left_label": left_label,
        "right_label": right_label,
        "diffs": compare_profiles(left, right),
        "reviews": ProfileReview.objects.filter(profile=profile).select_related("reviewed_by"),
        "left_token": left_token,
        "right_token": right_token,
    }
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
    }
    return render(request, "profiles/review.html", context)
