"""Issue 14, web security: the headers every page carries, and ``check --deploy`` under production settings."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def _policy(response: Any) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_pages_carry_the_security_headers(cast: Any, client: Any) -> None:
    client.force_login(cast.olivia)
    response = client.get(reverse("geography:neighbourhood-detail", args=[cast.ashfield.pk]))
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    nonces = [source for source in policy["script-src"] if source.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0][len("'nonce-") : -1]
    # Every inline script on the page carries this response's nonce; none is without one.
    page = response.content.decode()
    scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", page)
    inline = [attributes for attributes in scripts if 'type="application/json"' not in attributes]  # data, not code
    assert inline, "the page has inline scripts (the js-enabled switch, the map start-up)"
    assert all(f'nonce="{nonce}"' in attributes for attributes in inline), inline
    assert not re.search(r"<[^>]+\son[a-z]+=", page), "inline event handlers are refused by the policy"


def test_each_response_gets_a_fresh_nonce(cast: Any, client: Any) -> None:
    client.force_login(cast.olivia)
    first, second = (_policy(client.get(reverse("home")))["script-src"] for _ in range(2))
    assert first != second


def test_the_sign_in_page_has_the_policy_too(client: Any) -> None:
    response = client.get(reverse("login"))
    assert "script-src 'self' 'nonce-" in response["Content-Security-Policy"]


def test_check_deploy_is_clean_under_production_settings() -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "npt.settings.production",
        # A production-strength key (check --deploy refuses short or 'django-insecure-' ones).
        "DJANGO_SECRET_KEY": "p7#Jd2!kQ9z@Lm4^wX8&vB1*nR6(tY3)eU5-aS0+fG2=hK7_cV9~",
        "DJANGO_ALLOWED_HOSTS": "npt.example.police.uk",
        "DJANGO_BEHIND_TLS_PROXY": "true",
    }
    env.pop("DJANGO_SECURE_COOKIES", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout
