"""Signed links for the sender: the confirmation page and the review request (no account, no guessable ids)."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from queries.models import Query

_CONFIRMATION = "queries.confirmation"
_REVIEW = "queries.review"
# The confirmation page is for the moment after sending; the review link lasts as long as the query is kept.
CONFIRMATION_MAX_AGE = 24 * 60 * 60


def _token(query: Query, salt: str) -> str:
    return signing.dumps({"q": query.pk, "r": query.reference}, salt=salt, compress=True)


def _query(token: str, salt: str, max_age: int | None = None) -> Query | None:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(data, dict) or not isinstance(data.get("q"), int):
        return None
    return Query.objects.select_related("neighbourhood").filter(pk=data["q"], reference=data.get("r")).first()


def confirmation_url(query: Query) -> str:
    return reverse("queries:sent", args=[_token(query, _CONFIRMATION)])


def query_for_confirmation(token: str) -> Query | None:
    return _query(token, _CONFIRMATION, CONFIRMATION_MAX_AGE)


def review_path(query: Query) -> str:
    return reverse("queries:review", args=[_token(query, _REVIEW)])


def review_url(query: Query) -> str:
    return settings.NPT_SITE_URL.rstrip("/") + review_path(query)


def query_for_review(token: str) -> Query | None:
    return _query(token, _REVIEW)
