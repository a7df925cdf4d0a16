"""No template source on screen (issue 6 item 7): Django's {# #} is single-line, so a comment over several lines
leaked onto every page that includes it. Every key page, as each role sees it, must be free of {# and {%."""

from __future__ import annotations

from typing import Any

import pytest
from django.template import engines

from tests.key_pages import key_pages

pytestmark = pytest.mark.django_db


def test_no_key_page_shows_template_source(client: Any, cast: Any) -> None:
    pages = key_pages(cast)
    checked = 0
    for username, url in pages:
        client.force_login(getattr(cast, username))
        response = client.get(url)
        assert response.status_code == 200, f"{username} {url}: {response.status_code}"
        html = response.content.decode()
        for marker in ("{#", "#}", "{%", "%}"):
            assert marker not in html, f"{username} {url} shows template source {marker!r}"
        checked += 1
    assert checked == len(pages) >= 25


def test_a_comment_over_several_lines_would_be_caught() -> None:
    # The check above relies on Django leaving a multi-line {# #} in the output; if Django ever changes that,
    # this fails and the test above needs another way to find leaked source.
    template = engines["django"].from_string("{# one\ntwo #}<p>x</p>")
    assert "{#" in template.render({})
