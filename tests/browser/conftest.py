"""Chromium through Playwright: Debian's /usr/bin/chromium, never a downloaded browser."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = os.environ.get("NPT_CHROMIUM", "/usr/bin/chromium")
# Without these, Chromium tries to reach Google's hosts, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


_RUNNING: dict[str, Any] = {}


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    # An app's conftest may import this fixture (e.g. profiles/tests/conftest.py); pytest then holds two session
    # fixtures, and Playwright cannot start twice in one process. The second one reuses the first's browser.
    if "browser" in _RUNNING:
        yield _RUNNING["browser"]
        return
    # Playwright's sync API runs an event loop; Django refuses ORM calls from such a context unless told.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run the README's test command, which installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        _RUNNING["browser"] = browser
        try:
            yield browser
        finally:
            _RUNNING.pop("browser", None)
            browser.close()


def is_csp_violation(text: str) -> bool:
    """Chromium's console line for a CSP refusal ("Refused to ...", or "... violates the following Content Security Policy")."""
    return text.startswith("Refused to") or "Content Security Policy" in text


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Every browser test also checks the Content-Security-Policy (issue 14): a refused script, style or
    # handler would be a feature silently broken by the policy. (Under the policy, page.wait_for_function
    # takes an arrow function: an expression string is run through eval, which the policy refuses.)
    violations: list[str] = []
    page.npt_csp_violations = violations
    page.on("console", lambda message: is_csp_violation(message.text) and violations.append(message.text))
    yield page
    context.close()
    csp_violations = [line for line in violations if not line.startswith(_AXE_OWN)]
    if csp_violations:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(csp_violations))


@pytest.fixture
def csp_violations(page: Any) -> list[str]:
    """The CSP refusals the page has logged so far (the ``page`` fixture fails the test if any is left)."""
    return page.npt_csp_violations  # type: ignore[no-any-return]


# axe-core, injected by assert_accessible, adds <style> elements of its own; the policy refuses them, which is
# the policy working and no fault of the page. assert_accessible marks what arrives while it runs.
_AXE_OWN = "[axe] "


def login(page: Any, username: str, password: str = "correct-horse-battery") -> None:
    """Sign in through the real form."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def assert_accessible(page: Any) -> None:
    """axe-core on the current page: no serious or critical violations (WCAG 2.2 AA rules)."""
    from axe_playwright_python.sync_playwright import Axe

    violations: list[str] = getattr(page, "npt_csp_violations", [])
    before = len(violations)
    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}}
    )
    page.wait_for_timeout(100)  # console messages arrive asynchronously
    violations[before:] = [
        _AXE_OWN + line if line.startswith("Applying inline style") else line for line in violations[before:]
    ]
    bad = [v for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}]
    assert not bad, "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']]}" for v in bad
    )
