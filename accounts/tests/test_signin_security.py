"""Issue 14, authentication hardening: lockout after wrong passwords, administrator unlock, idle expiry, policy."""

from __future__ import annotations

import time
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse

from accounts.backends import client_ip
from accounts.middleware import LAST_SEEN
from core.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def _sign_in(client: Client, url: str, username: str, password: str, address: str = "10.0.0.1") -> Any:
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_wrong_passwords_lock_the_username_out_with_a_clear_message(cast: Any, client: Client, url_name: str) -> None:
    cast.ada.is_staff = True
    cast.ada.save()
    url = reverse(url_name)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(client, url, "ada", "wrong").status_code == 200  # the form again, with its error
    locked = _sign_in(client, url, "ada", "wrong")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Sign-in locked for now" in page
    assert f"paused for {settings.AXES_COOLOFF_TIME.total_seconds() // 60:.0f} minutes" in page
    assert "ask an NPT administrator to unlock" in page
    # The right password no longer works from there, and the lockout is in the audit trail.
    assert _sign_in(client, url, "ada", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.filter(verb=AuditEvent.Verb.SIGNIN_LOCKED_OUT).first()
    assert event is not None
    assert (event.target, event.data["username"], event.data["ip_address"]) == (cast.ada, "ada", "10.0.0.1")
    # Keyed on username and address together: the same person elsewhere, or someone else here, still signs in.
    assert _sign_in(Client(), url, "ada", PASSWORD, address="10.0.0.2").status_code == 302
    assert _sign_in(Client(), url, "olivia", PASSWORD).status_code in {200, 302}  # not staff: admin shows the form
    assert AccessAttempt.objects.filter(username="olivia").count() == 0


def test_a_right_password_clears_the_earlier_wrong_ones(cast: Any, client: Client) -> None:
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _sign_in(client, url, "olivia", "wrong")
    assert _sign_in(client, url, "olivia", PASSWORD).status_code == 302
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(Client(), url, "olivia", "wrong").status_code == 200


def _lock(username: str) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(Client(), reverse("login"), username, "wrong")
    assert _sign_in(Client(), reverse("login"), username, PASSWORD).status_code == 429


@pytest.fixture
def superuser(cast: Any) -> Any:
    cast.ada.is_staff = cast.ada.is_superuser = True
    cast.ada.save()
    return cast.ada


def test_an_administrator_unlocks_a_user_from_the_user_list(cast: Any, client: Client, superuser: Any) -> None:
    _lock("olivia")
    client.force_login(superuser)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "unlock_sign_in", "_selected_action": [cast.olivia.pk]},
        follow=True,
    )
    assert "Sign-in unlocked for olivia." in response.content.decode()
    assert _sign_in(Client(), reverse("login"), "olivia", PASSWORD).status_code == 302
    event = AuditEvent.objects.get(verb=AuditEvent.Verb.SIGNIN_UNLOCKED)
    assert (event.actor, event.target, event.data["ip_addresses"]) == (superuser, cast.olivia, ["10.0.0.1"])
    assert event.data["failures_cleared"] == settings.AXES_FAILURE_LIMIT + 1  # the refused right password too


def test_deleting_a_lockout_in_the_admin_unlocks_and_is_audited(cast: Any, client: Client, superuser: Any) -> None:
    _lock("olivia")
    attempt = AccessAttempt.objects.get(username="olivia")
    client.force_login(superuser)
    listing = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "olivia" in listing
    assert reverse("admin:axes_accessattempt_add") not in listing
    url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not AccessAttempt.objects.exists()
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.SIGNIN_UNLOCKED, actor=superuser).count() == 1
    assert _sign_in(Client(), reverse("login"), "olivia", PASSWORD).status_code == 302


def test_a_session_ends_after_the_idle_limit_and_says_why(cast: Any, client: Client) -> None:
    client.force_login(cast.olivia)
    assert client.get(reverse("home")).status_code == 200
    stamp = client.session[LAST_SEEN]
    assert abs(stamp - time.time()) < 5
    session = client.session
    session[LAST_SEEN] = time.time() - settings.NPT_SESSION_IDLE_MINUTES * 60 + 120  # active two minutes ago
    session.save()
    assert client.get(reverse("home")).status_code == 200  # still signed in
    session = client.session
    session[LAST_SEEN] = time.time() - settings.NPT_SESSION_IDLE_MINUTES * 60 - 1
    session.save()
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert f"had not used NPT for {settings.NPT_SESSION_IDLE_MINUTES} minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_expired_session_gets_403_from_the_api_not_data(cast: Any, client: Client) -> None:
    client.force_login(cast.olivia)
    session = client.session
    session[LAST_SEEN] = time.time() - settings.NPT_SESSION_IDLE_MINUTES * 60 - 1
    session.save()
    assert client.get("/api/geography/neighbourhoods/").status_code == 403


def test_the_session_cookie_is_capped_and_http_only() -> None:
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("Tr0ub4dor&3", "at least 12 characters"),
        ("123456789012345", "entirely numeric"),
        ("password1234", "too common"),
        ("olivia-officer-x", "too similar"),
    ],
)
def test_the_password_policy(cast: Any, password: str, problem: str) -> None:
    cast.olivia.first_name, cast.olivia.last_name = "Olivia", "Officer-X"
    with pytest.raises(ValidationError) as raised:
        validate_password(password, user=cast.olivia)
    assert any(problem in message for message in raised.value.messages), raised.value.messages
    validate_password("plum orchard lantern 42", user=cast.olivia)  # a long passphrase is fine


def test_the_admin_refuses_a_short_password_for_a_new_user(client: Client, superuser: Any) -> None:
    client.force_login(superuser)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {"username": "newbie", "password1": "short-pw", "password2": "short-pw", "usable_password": "true"},
    )
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()


@override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_behind_the_proxy_the_client_is_the_address_the_proxy_added(rf: Any) -> None:
    request = rf.get("/", REMOTE_ADDR="172.18.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert client_ip(request) == "203.0.113.9"  # the forged left-hand entry is ignored


def test_without_a_proxy_the_client_is_the_socket_address(rf: Any) -> None:
    assert client_ip(rf.get("/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="6.6.6.6")) == "10.1.2.3"
