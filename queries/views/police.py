"""Police pages: the team queue, a query and the actions on it, the measures, what is due for erasure."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from core.locking import EditConflict
from core.models import AuditEvent
from geography.models import Neighbourhood
from queries import forms as qforms
from queries import services
from queries.models import Query
from queries.permissions import CHANGE, ERASE, VIEW, VIEW_MEASURES, VIEW_OVERSIGHT, VIEW_SENDER
from queries.referral import query_refer
from queries.selectors import (
    measure_groups,
    measures_by_group,
    neighbourhoods_without_named_officer,
    oversight_area,
)

QUEUE_LIMIT = 200


def _need(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _visible(request: HttpRequest, pk: int) -> Query:
    query = get_object_or_404(
        Query.objects.visible_to(request.user).select_related(
            "neighbourhood",
            "assigned_to",
            "partner_organisation",
            "escalated_to",
            "concern",
            "priority",
            "plan",
            "referred_to",
        ),
        pk=pk,
    )
    _need(request, VIEW, query)
    return query


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    _need(request, VIEW)
    filters = qforms.QueueFilterForm(request.GET or None)
    show = filters.cleaned_data.get("show") if filters.is_valid() else ""
    rows = Query.objects.visible_to(request.user).select_related("neighbourhood", "assigned_to", "escalated_to")
    now = timezone.now()
    if show == "closed":
        rows = rows.filter(status=Query.Status.CLOSED).order_by("-closed_at")
    else:
        rows = rows.open()
        if show == "mine":
            rows = rows.filter(Q(assigned_to=request.user) | Q(neighbourhood__named_officers__user=request.user))
        elif show == "overdue":
            rows = rows.overdue(now)
        elif show == "escalated":
            rows = rows.filter(Q(escalated_at__isnull=False) | Q(review_requested_at__isnull=False))
    context: dict[str, Any] = {
        "filters": filters,
        "queries": list(rows.distinct()[:QUEUE_LIMIT]),
        "limit": QUEUE_LIMIT,
        "now": now,
    }
    if request.user.has_perm(VIEW_OVERSIGHT):
        neighbourhoods = oversight_area(request.user)
        context["without_officer"] = list(neighbourhoods_without_named_officer(neighbourhoods))
        context["escalated_count"] = (
            Query.objects.visible_to(request.user)
            .open()
            .filter(neighbourhood__in=neighbourhoods)
            .filter(Q(escalated_at__isnull=False) | Q(review_requested_at__isnull=False))
            .count()
        )
    return render(request, "queries/queue.html", context)


@login_required
def detail(request: HttpRequest, pk: int, forms: dict[str, Any] | None = None, status: int = 200) -> HttpResponse:
    query = _visible(request, pk)
    can_work = request.user.has_perm(CHANGE, query) and not query.is_erased
    forms = forms or {}
    if can_work:
        version = {"version": query.version}
        forms = {
            "acknowledge": forms.get("acknowledge") or qforms.VersionForm(initial=version),
            "reply": forms.get("reply") or qforms.ReplyForm(initial={**version, "channel": query.reply_by}),
            "reassign": forms.get("reassign")
            or qforms.ReassignForm(initial=version, neighbourhood=query.neighbourhood),
            "refer": forms.get("refer") or qforms.ReferForm(initial=version, neighbourhood=query.neighbourhood),
            "concern": forms.get("concern") or qforms.ConcernForm(initial={**version, "text": query.message}),
            "link": forms.get("link") or qforms.LinkForm(initial=version, neighbourhood=query.neighbourhood),
            "close": forms.get("close") or qforms.CloseForm(initial=version),
        }
    is_police_reader = request.user.has_perm(VIEW_SENDER, query)
    context = {
        "query": query,
        "now": timezone.now(),
        "show_sender": is_police_reader,
        # A partner sees the message only if the sender agreed to share it; never the contact details.
        "show_message": is_police_reader or query.consent_share,
        "replies": list(query.replies.select_related("sent_by")) if is_police_reader else [],
        "events": _events(query) if is_police_reader else [],
        "forms": forms,
        "can_work": can_work,
    }
    return render(request, "queries/detail.html", context, status=status)


def _events(query: Query) -> list[AuditEvent]:
    from django.contrib.contenttypes.models import ContentType

    return list(
        AuditEvent.objects.filter(target_type=ContentType.objects.get_for_model(Query), target_id=str(query.pk))
        .select_related("actor")
        .order_by("at")
    )


def _act(name: str, form_class: Any, run: Callable[[Query, dict[str, Any], Any], Any], done: str) -> Any:
    @login_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        query = _visible(request, pk)
        _need(request, CHANGE, query)
        with_hood = (qforms.ReassignForm, qforms.LinkForm, qforms.ReferForm)
        kwargs = {"neighbourhood": query.neighbourhood} if form_class in with_hood else {}
        form = form_class(request.POST, **kwargs)
        if form.is_valid():
            try:
                run(query, form.cleaned_data, request.user)
            except EditConflict as conflict:
                form.add_error(None, f"{conflict.describe()} Check the query and try again.")
            except ValidationError as error:
                form.add_error(None, error.messages[0] if error.messages else "This could not be done")
            else:
                messages.success(request, done)
                return redirect("queries:detail", pk=query.pk)
        return detail(request, pk, forms={name: form}, status=400)

    view.__name__ = f"query_{name}"
    return view


acknowledge = _act(
    "acknowledge",
    qforms.VersionForm,
    lambda q, d, u: services.query_acknowledge(query=q, actor=u, loaded_version=d["version"]),
    "Query acknowledged. The 72-hour clock keeps running until you reply.",
)
reply = _act(
    "reply",
    qforms.ReplyForm,
    lambda q, d, u: services.query_reply(
        query=q, message=d["message"], channel=d["channel"], actor=u, loaded_version=d["version"]
    ),
    "Reply recorded and sent.",
)
reassign = _act(
    "reassign",
    qforms.ReassignForm,
    lambda q, d, u: services.query_reassign(
        query=q, actor=u, to_user=d.get("assigned_to"), to_partner=d.get("partner"), loaded_version=d["version"]
    ),
    "Query reassigned.",
)
refer = _act(
    "refer",
    qforms.ReferForm,
    lambda q, d, u: query_refer(query=q, contact=d["contact"], actor=u, loaded_version=d["version"]),
    "Referral recorded. It is not a reply: the 72-hour clock keeps running until you reply to the sender.",
)
concern = _act(
    "concern",
    qforms.ConcernForm,
    lambda q, d, u: services.query_to_concern(query=q, text=d["text"], actor=u, loaded_version=d["version"]),
    "Community concern recorded.",
)
link = _act(
    "link",
    qforms.LinkForm,
    lambda q, d, u: services.query_link(
        query=q,
        actor=u,
        priority=d.get("priority"),
        plan=d.get("plan"),
        loaded_version=d["version"],
    ),
    "Query linked.",
)
close = _act(
    "close",
    qforms.CloseForm,
    lambda q, d, u: services.query_close(
        query=q, outcome=d["outcome"], note=d.get("note", ""), actor=u, loaded_version=d["version"]
    ),
    "Query closed.",
)


@login_required
def measures(request: HttpRequest) -> HttpResponse:
    _need(request, VIEW_MEASURES)
    form = qforms.PeriodForm(request.GET or None)
    start, end = form.period()
    now = timezone.now()
    groups = measure_groups(Neighbourhood.objects.visible_to(request.user))
    rows = measures_by_group(groups.neighbourhoods, start, end, now=now)
    team_rows = measures_by_group(groups.teams, start, end, now=now)
    force_rows = measures_by_group(groups.forces, start, end, now=now)
    context = {
        "form": form,
        "start": start,
        "end": end,
        "now": now,
        "rows": rows,
        "team_rows": team_rows,
        "force_rows": force_rows,
    }
    return render(request, "queries/measures.html", context, status=400 if form.is_bound and form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def erasure(request: HttpRequest) -> HttpResponse:
    _need(request, ERASE)
    if request.method == "POST":
        actor = request.user if isinstance(request.user, User) else None
        erased = services.queries_erase_due(within=Query.objects.visible_to(request.user), actor=actor)
        messages.success(request, f"Contact details erased from {erased} quer{'y' if erased == 1 else 'ies'}.")
        return redirect("queries:erasure")
    due = services.queries_due_for_erasure(within=Query.objects.visible_to(request.user))
    return render(request, "queries/erasure.html", {"due": due})
