"""Issue 6 item 4: no authenticated response may be kept by a browser or shared cache."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse


def _no_store(response: Any) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        lambda cast: reverse("home"),
        lambda cast: reverse("geography:neighbourhood-list"),
        lambda cast: reverse("geography:neighbourhood-detail", args=[cast.ashfield.pk]),
        lambda cast: reverse("profiles:export", args=[cast.ashfield.pk]),
        lambda cast: reverse("api-geography:neighbourhood-list"),
        lambda cast: reverse("geography:job-list"),  # a 403 page is still an answer to a signed-in user
    ],
    ids=["home", "list", "detail", "export", "api", "forbidden"],
)
def test_every_signed_in_answer_says_no_store(client: Any, cast: Any, url: Any) -> None:
    client.force_login(cast.olivia)
    response = client.get(url(cast))
    assert response.status_code in {200, 403}
    assert _no_store(response), response.get("Cache-Control")


@pytest.mark.django_db
def test_answers_to_anonymous_visitors_are_left_alone(client: Any) -> None:
    # Nothing police-held goes to an anonymous visitor: the redirect to sign in carries no such header.
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert "Cache-Control" not in response


@pytest.mark.django_db
def test_the_response_to_signing_in_says_no_store(client: Any, cast: Any) -> None:
    response = client.post(reverse("login"), {"username": "olivia", "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert _no_store(response)
