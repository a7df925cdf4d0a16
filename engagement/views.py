"""Engagement's pages beyond events: the index, the KIN list and round, the engagement plan's gap check (issue 9)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.tiers import max_tier
from engagement.event_rules import (
    ADD_KIN,
    ADD_MECHANISM,
    ADD_PLANNED,
    CHANGE_MECHANISM,
    CHANGE_PLANNED,
    VIEW_EVENT,
    VIEW_KIN,
)
from engagement.kin_forms import DoneForm, KinDisbandForm, KinLinkForm, KinRoundForm, PlanForm, PlannedForm
from engagement.kin_services import kin_round_record
from engagement.mechanism_forms import MechanismForm
from engagement.models import EngagementEvent, KeyContact, PlannedEngagement
from engagement.plan import DEFAULT_MONTHS, PLAN_MONTHS, gap_check, mechanisms_for
from geography.models import Neighbourhood


def _neighbourhood(request: HttpRequest, pk: int, perm: str) -> Neighbourhood:
    neighbourhood = get_object_or_404(Neighbourhood.objects.visible_to(request.user).select_related("force"), pk=pk)
    if not request.user.has_perm(perm, neighbourhood):
        raise PermissionDenied
    return neighbourhood


@login_required
def index(request: HttpRequest) -> HttpResponse:
    neighbourhoods = Neighbourhood.objects.visible_to(request.user).select_related("force").order_by("name")[:200]
    context = {"neighbourhoods": neighbourhoods, "may_see_kin": request.user.has_perm("engagement.view_kincontact")}
    return render(request, "engagement/index.html", context)


@login_required
def kin_list(request: HttpRequest, neighbourhood_pk: int) -> HttpResponse:
    neighbourhood = _neighbourhood(request, neighbourhood_pk, VIEW_KIN)
    return _kin_page(request, neighbourhood, KinRoundForm(neighbourhood=neighbourhood))


def _kin_page(
    request: HttpRequest,
    neighbourhood: Neighbourhood,
    form: KinRoundForm | None = None,
    *,
    link_form: KinLinkForm | None = None,
    disband_forms: dict[int, KinDisbandForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    members = list(
        KeyContact.objects.of_neighbourhood(neighbourhood)
        .kin()
        .select_related("kin_priority")
        .order_by("kin_type", "organisation", "role")
    )
    rounds = (
        EngagementEvent.objects.filter(neighbourhood=neighbourhood, kin_contacts__isnull=False)
        .distinct()
        .order_by("-starts_at")[:20]
    )
    # The disband prompt (guide 8525–8536): a tactical KIN whose priority has closed is thanked and disbanded.
    closed: dict[int, object] = {}
    for member in members:
        if member.kin_priority is not None and member.kin_priority.is_closed:
            closed.setdefault(member.kin_priority.pk, member.kin_priority)
    disband_forms = disband_forms or {}
    prompts = [{"priority": p, "form": disband_forms.get(pk) or KinDisbandForm(priority=p)} for pk, p in closed.items()]
    context = {
        "neighbourhood": neighbourhood,
        "members": members,
        "rounds": list(rounds),
        "form": form or KinRoundForm(neighbourhood=neighbourhood),
        "link_form": link_form or KinLinkForm(neighbourhood=neighbourhood),
        "prompts": prompts,
        "may_record": request.user.has_perm(ADD_KIN, neighbourhood),
    }
    return render(request, "engagement/kin.html", context, status=status)


@login_required
@require_POST
def kin_round(request: HttpRequest, neighbourhood_pk: int) -> HttpResponse:
    neighbourhood = _neighbourhood(request, neighbourhood_pk, ADD_KIN)
    form = KinRoundForm(request.POST, neighbourhood=neighbourhood)
    if form.is_valid():
        data = form.cleaned_data
        try:
            kin_round_record(
                neighbourhood=neighbourhood,
                kind=data["kind"],
                title=data["title"],
                on=data["on"],
                method=data["method"],
                members=data["members"],
                note=data["note"],
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "KIN round recorded.")
            return redirect("engagement:kin", neighbourhood.pk)
    return _kin_page(request, neighbourhood, form, status=400)


@login_required
def plan(request: HttpRequest, neighbourhood_pk: int) -> HttpResponse:
    neighbourhood = _neighbourhood(request, neighbourhood_pk, VIEW_EVENT)
    return plan_page(request, neighbourhood)


def plan_page(
    request: HttpRequest,
    neighbourhood: Neighbourhood,
    *,
    planned_form: PlannedForm | None = None,
    done_forms: dict[int, DoneForm] | None = None,
    mechanism_form: MechanismForm | None = None,
    status: int = 200,
) -> HttpResponse:
    form = PlanForm(request.GET)
    if not form.is_valid():
        context = {"neighbourhood": neighbourhood, "form": form, "rows": [], "bad": True}
        return render(request, "engagement/plan.html", context, status=400)
    months = form.cleaned_data["months"] or DEFAULT_MONTHS
    tier = max_tier(request.user)
    rows = gap_check(neighbourhood=neighbourhood, tier=tier, months=months)
    upcoming = (
        EngagementEvent.objects.filter(neighbourhood=neighbourhood, starts_at__gt=timezone.now())
        .at_most(tier)
        .prefetch_related("audience_groups")
        .order_by("starts_at")[:50]
    )
    planned = list(
        PlannedEngagement.objects.filter(neighbourhood=neighbourhood)
        .at_most(tier)
        .filter(group__tier__lte=tier)
        .select_related("group")
        .order_by("done_on", "planned_on")[:100]
    )
    # The audit of existing participation mechanisms comes first (guide 1484–1489), at the reader's tier.
    mechanisms = mechanisms_for(neighbourhood=neighbourhood, tier=tier)
    may_audit = request.user.has_perm(ADD_MECHANISM, neighbourhood)
    done_forms = done_forms or {}
    may_plan = request.user.has_perm(ADD_PLANNED, neighbourhood)
    context = {
        "neighbourhood": neighbourhood,
        "form": form,
        "rows": rows,
        "gaps": [row for row in rows if row.is_gap],
        "months": months,
        "plan_months": PLAN_MONTHS,
        "upcoming": list(upcoming),
        "tier": tier,
        "planned": [
            (p, done_forms.get(p.pk) or DoneForm(prefix=f"done{p.pk}", initial={"done_on": timezone.localdate()}))
            for p in planned
        ],
        "planned_form": (planned_form or PlannedForm(neighbourhood=neighbourhood, tier=tier)) if may_plan else None,
        "may_mark_done": request.user.has_perm(CHANGE_PLANNED, neighbourhood),
        "mechanisms": mechanisms,
        "mechanism_form": (mechanism_form or MechanismForm(neighbourhood=neighbourhood, tier=tier))
        if may_audit
        else None,
        "may_change_mechanism": request.user.has_perm(CHANGE_MECHANISM, neighbourhood),
    }
    return render(request, "engagement/plan.html", context, status=status)
