"""Mail about plans, sent by Celery after the write commits (services queue these with on_commit).

Submitted: to the team's sergeant(s). Returned or approved: to the plan's author and police lead. A review due:
to the sergeant(s). Mail carries the reference, title and a link only, never the plan's content.
"""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from accounts.models import User
from problem_solving.models import Plan


def sergeants_for(plan: Plan) -> list[str]:
    """Email addresses of the leaders of the teams covering the plan's neighbourhood."""
    rows = User.objects.filter(teams_led__neighbourhoods=plan.neighbourhood_id, is_active=True).exclude(email="")
    return sorted(set(rows.values_list("email", flat=True)))


def authors_for(plan: Plan) -> list[str]:
    people = [u for u in (plan.created_by, plan.police_lead) if u is not None and u.email]
    return sorted({u.email for u in people})


def _link(plan: Plan) -> str:
    return settings.NPT_SITE_URL.rstrip("/") + reverse("problem_solving:detail", args=[plan.pk])


@shared_task(name="problem_solving.notify_plan_moved")
def notify_plan_moved(plan_id: int, status: str) -> int:
    """Tell the right people a plan was submitted, returned or approved; returns the number of addressees."""
    plan = Plan.objects.select_related("neighbourhood", "created_by", "police_lead").filter(pk=plan_id).first()
    if plan is None:
        return 0
    if status == Plan.Status.SUBMITTED:
        to, subject = sergeants_for(plan), f"Plan {plan.reference} submitted for your review"
    elif status in (Plan.Status.RETURNED, Plan.Status.APPROVED):
        to, subject = authors_for(plan), f"Plan {plan.reference} {Plan.Status(status).label.lower()}"
    else:
        return 0
    if not to:
        return 0
    body = f"{subject}: {plan.title} ({plan.neighbourhood.name}).\n\n{_link(plan)}\n"
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    return len(to)


def send_review_due(plan: Plan) -> int:
    """One mail to the sergeant(s): the plan's periodic review is due (called by the job)."""
    to = sergeants_for(plan)
    if not to:
        return 0
    subject = f"Review due: plan {plan.reference}"
    body = f"The review of {plan.title} ({plan.neighbourhood.name}) was due on {plan.next_review_on:%d %B %Y}.\n\n"
    send_mail(subject, body + _link(plan) + "\n", settings.DEFAULT_FROM_EMAIL, to)
    return len(to)
