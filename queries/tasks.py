"""Mail about queries, sent by Celery after the write commits (services queue these with on_commit).

The tasks carry ids only, never an address: the worker reads the query, so no personal data sits in the broker.
"""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from core.jobs import job_start
from core.models import Job
from queries.links import review_url
from queries.models import Query, QueryReply


def _when(moment: object) -> str:
    return f"{timezone.localtime(moment):%A %d %B %Y at %H:%M}"  # type: ignore[arg-type]


@shared_task(name="queries.send_confirmation")
def send_confirmation(query_id: int) -> bool:
    query = Query.objects.select_related("neighbourhood").filter(pk=query_id).first()
    if query is None or not query.sender_email:
        return False
    body = (
        f"Thank you for contacting the {query.neighbourhood.name} neighbourhood policing team.\n\n"
        f"Your reference is {query.reference}.\n"
        f"We aim to reply by {_when(query.due_at)} (72 hours after we received your message).\n\n"
        "You can see how your query stands, and if we have not replied by then or you are unhappy with our "
        f"reply ask for a review by the team's sergeant, here:\n{review_url(query)}\n\n"
        "This service is not for emergencies: call 999. To report a crime call 101 or use the force's online "
        "reporting.\n"
    )
    send_mail(f"Your query {query.reference}", body, settings.DEFAULT_FROM_EMAIL, [query.sender_email])
    return True


@shared_task(name="queries.send_reply")
def send_reply(reply_id: int) -> bool:
    reply = QueryReply.objects.select_related("query__neighbourhood").filter(pk=reply_id).first()
    if reply is None or not reply.query.sender_email:
        return False
    query = reply.query
    body = (
        f"{reply.message}\n\n"
        f"-- The {query.neighbourhood.name} neighbourhood policing team (reference {query.reference})\n\n"
        f"If you are unhappy with this reply you can ask for a review by the team's sergeant:\n{review_url(query)}\n"
    )
    send_mail(f"Reply to your query {query.reference}", body, settings.DEFAULT_FROM_EMAIL, [query.sender_email])
    QueryReply.objects.filter(pk=reply.pk).update(emailed_at=timezone.now())
    return True


@shared_task(name="queries.notify_sergeant")
def notify_sergeant(query_id: int) -> bool:
    """Tell the sergeant about an escalation or a review request (no sender details in the mail)."""
    query = Query.objects.select_related("neighbourhood", "escalated_to").filter(pk=query_id).first()
    if query is None or query.escalated_to is None or not query.escalated_to.email:
        return False
    why = "The sender asked for a review" if query.review_requested_at else "No meaningful response within 72 hours"
    link = settings.NPT_SITE_URL.rstrip("/") + reverse("queries:detail", args=[query.pk])
    body = f"{why}: query {query.reference} in {query.neighbourhood.name}.\n\n{link}\n"
    send_mail(f"Query {query.reference} escalated", body, settings.DEFAULT_FROM_EMAIL, [query.escalated_to.email])
    return True


@shared_task(name="queries.escalate_overdue")
def escalate_overdue() -> int | None:
    """Beat, every 15 minutes: start the escalation job unless one is waiting or running."""
    if Job.objects.filter(kind="queries.escalate", status__in=[Job.Status.QUEUED, Job.Status.RUNNING]).exists():
        return None
    return job_start(kind="queries.escalate", params={}, origin=Job.Origin.SCHEDULE).pk
