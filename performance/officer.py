"""Officer-level figures (issue 15; the guide's PDR, 3669–3689): what one officer owns, for the officer, their
sergeant and inspectors only. Never shown to partners or the public (no partner role holds the permission).

What NPT records against a named officer today: SARA plans they lead (``Plan.police_lead``) and those plans'
actions. Priorities do not record an officer, and engagement's selectors give no events or KIN contacts by
officer, so "priorities worked" and "community contacts" are shown as not available, with the reason, never 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from accounts.tiers import max_tier
from problem_solving import selectors as sara_selectors

OPEN_ACTIONS = ("planned", "under_way")


@dataclass(frozen=True)
class OfficerFigure:
    title: str
    value: int | None
    detail: str
    missing: str = ""
    records_url: str = ""


def officer_figures(*, viewer: Any, officer: Any) -> list[OfficerFigure]:
    """The officer's figures as at today, over the plans VIEWER may read. Two queries."""
    today = timezone.localdate()
    plans = (
        sara_selectors.readable_plans(viewer, max_tier(viewer))
        .filter(police_lead=officer)
        .order_by()
        .annotate(
            done=Count("actions", filter=Q(actions__status="done")),
            live=Count("actions", filter=~Q(actions__status="dropped")),
            overdue=Count("actions", filter=Q(actions__status__in=OPEN_ACTIONS, actions__due_on__lt=today)),
        )
        .values_list("status", "done", "live", "overdue")
    )
    rows = list(plans)
    open_plans = sum(1 for status, *_ in rows if status != "closed")
    done = sum(r[1] for r in rows)
    live = sum(r[2] for r in rows)
    overdue = sum(r[3] for r in rows)
    return [
        OfficerFigure(
            "SARA plans they lead",
            len(rows),
            f"{open_plans} open, {len(rows) - open_plans} closed",
            records_url="problem_solving:index",
        ),
        OfficerFigure(
            "Actions done on their plans",
            done if live else None,
            f"{done} of {live} actions not dropped" if live else "",
            "" if live else "missing: no actions on their plans",
            "problem_solving:index",
        ),
        OfficerFigure(
            "Actions overdue on their plans",
            overdue if live else None,
            f"planned or under way, due before {today:%d %b %Y}" if live else "",
            "" if live else "missing: no actions on their plans",
            "problem_solving:index",
        ),
        OfficerFigure("Priorities worked", None, "", "not available: priorities do not record an officer yet"),
        OfficerFigure(
            "Community contacts",
            None,
            "",
            "not available: engagement's selectors give no events or KIN contacts by officer yet",
        ),
    ]
