"""The public form: what it says, what it stores, and how it turns away floods and bots."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from queries.forms import BOT_MESSAGE
from queries.models import MESSAGE_MAX, Query
from queries.views.public import TOO_MANY

GOOD = {
    "topic": "asb",
    "message": "Motorbikes on the playing field.",
    "location_text": "Ashfield Road",
    "reply_by": "email",
    "sender_email": "rita@example.com",
    "consent_contact": "on",
}


def _url(cast: Any) -> str:
    return reverse("queries:contact", args=[cast.ashfield.pk])


def test_it_names_the_officers_and_says_it_is_not_for_emergencies(client: Any, cast: Any, named: Any) -> None:
    response = client.get(_url(cast))
    body = response.content.decode()
    assert response.status_code == 200
    assert "PC Olivia Officer" in body
    assert "Neighbourhood beat manager" in body
    assert "call 999" in body
    assert "101" in body
    assert "72 hours" in body


def test_it_gives_a_reference_and_the_reply_date(client: Any, cast: Any, named: Any) -> None:
    response = client.post(_url(cast), GOOD, follow=True)
    query = Query.objects.get()
    body = response.content.decode()
    assert response.status_code == 200
    assert query.reference in body
    assert f"{query.due_at:%Y}" in body
    assert "72 hours" in body
    assert query.sender_email == "rita@example.com"
    assert query.sender_phone == ""


def test_it_keeps_only_the_reply_route_chosen(client: Any, cast: Any, named: Any) -> None:
    client.post(_url(cast), {**GOOD, "reply_by": "phone", "sender_phone": "01632 960 001"})
    query = Query.objects.get()
    assert query.sender_phone == "01632 960 001"
    assert query.sender_email == ""  # minimised: the unused route is not kept


def test_the_honeypot_turns_bots_away_with_a_clear_message(client: Any, cast: Any, named: Any) -> None:
    response = client.post(_url(cast), {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 400
    assert BOT_MESSAGE in response.content.decode()
    assert not Query.objects.exists()


def test_the_client_rate_limit_refuses_a_flood(client: Any, cast: Any, named: Any, settings: Any) -> None:
    settings.QUERY_RATE_PER_CLIENT = 2
    assert client.post(_url(cast), GOOD).status_code == 302
    assert client.post(_url(cast), GOOD).status_code == 302
    response = client.post(_url(cast), GOOD)
    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert Query.objects.count() == 2
    # Another client is not held back by this one's flood.
    other = client.post(_url(cast), GOOD, REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302


def test_the_neighbourhood_rate_limit_holds_across_clients(client: Any, cast: Any, named: Any, settings: Any) -> None:
    settings.QUERY_RATE_PER_NEIGHBOURHOOD = 2
    for n in range(2):
        assert client.post(_url(cast), GOOD, REMOTE_ADDR=f"203.0.113.{n}").status_code == 302
    assert client.post(_url(cast), GOOD, REMOTE_ADDR="203.0.113.50").status_code == 429
    # Another neighbourhood's team still receives messages.
    other = reverse("queries:contact", args=[cast.brookside.pk])
    assert client.post(other, GOOD, REMOTE_ADDR="203.0.113.51").status_code == 302


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"message": "x" * (MESSAGE_MAX + 1)}, f"Your message must be {MESSAGE_MAX:,} characters or fewer"),
        ({"message": ""}, "Enter your message"),
        ({"topic": "<b>"}, "Select what your message is about from the list"),
        ({"sender_email": ""}, "Enter your email address, so that we can reply by email"),
        ({"sender_email": "not-an-address"}, "Enter an email address in the correct format"),
        ({"consent_contact": ""}, "Tick the box to agree to be contacted"),
        ({"latitude": "abc", "longitude": "1"}, "Latitude must be a number"),
        ({"latitude": "53.7"}, "Enter both latitude and longitude, or neither"),
        ({"message": "nul \x00 byte"}, "Your message must not contain null characters"),
    ],
)
def test_it_names_the_problem_and_never_answers_500(
    client: Any, cast: Any, named: Any, change: dict[str, str], message: str
) -> None:
    response = client.post(_url(cast), {**GOOD, **change})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert not Query.objects.exists()


def test_html_from_the_sender_is_stored_and_shown_as_text(client: Any, cast: Any, named: Any) -> None:
    evil = '<script>alert("x")</script><b>bold</b>'
    client.post(_url(cast), {**GOOD, "message": evil, "location_text": "<i>Road</i>"})
    query = Query.objects.get()
    assert query.message == evil
    client.force_login(cast.olivia)
    body = client.get(reverse("queries:detail", args=[query.pk])).content.decode()
    assert "<script>alert" not in body
    assert "<b>bold</b>" not in body
    assert "<i>Road</i>" not in body
    assert "&lt;script&gt;" in body


def test_a_location_point_is_stored(client: Any, cast: Any, named: Any) -> None:
    client.post(_url(cast), {**GOOD, "latitude": "53.71", "longitude": "-1.59"})
    location = Query.objects.get().location
    assert location is not None
    assert (round(location.x, 2), round(location.y, 2)) == (-1.59, 53.71)


def test_bad_tokens_and_unknown_neighbourhoods_are_404(client: Any, cast: Any) -> None:
    assert client.get(reverse("queries:sent", args=["nonsense"])).status_code == 404
    assert client.get(reverse("queries:review", args=["nonsense:abc"])).status_code == 404
    assert client.get(reverse("queries:contact", args=[999999])).status_code == 404


def test_behind_the_proxy_the_limit_is_per_forwarded_client(client: Any, cast: Any, named: Any, settings: Any) -> None:
    settings.QUERY_RATE_PER_CLIENT = 1
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # A client cannot dodge the limit by sending its own X-Forwarded-For: the proxy's last entry counts.
    assert client.post(_url(cast), GOOD, HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.7").status_code == 302
    assert client.post(_url(cast), GOOD, HTTP_X_FORWARDED_FOR="2.2.2.2, 198.51.100.7").status_code == 429
    assert client.post(_url(cast), GOOD, HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 302
