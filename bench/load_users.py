"""The users of bench/load.py, driven by locust as a library (headless), in their own process.

Run by bench/load.py, not by hand: ``load_users.py HOST USERS SECONDS`` with the pages to visit in
``NPT_LOAD_PAGES`` (JSON). Prints p50 and p95 per page and the errors, then ``ratio=<worst page p95 / bare p95>``;
exits with the error count (capped at 99).
"""

from __future__ import annotations

# locust patches the standard library for gevent when imported: it comes before everything else.
import locust  # noqa: F401,I001  isort: skip

import html.parser
import json
import os
import random
import sys
from typing import Any

import gevent
from locust import HttpUser, between, task
from locust.env import Environment

FORCE = "west-yorkshire"
PASSWORD = "bench-load-password"
PAGES: dict[str, Any] = json.loads(os.environ.get("NPT_LOAD_PAGES", "{}"))


class FormValues(html.parser.HTMLParser):
    """The values a browser would submit for the first form with method=post (inputs, textareas, selects)."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self.action: str | None = None
        self._in_form = self._done = False
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if self._done:
            return
        if tag == "form" and a.get("method", "").lower() == "post" and not self._in_form:
            self._in_form, self.action = True, a.get("action") or None
        elif self._in_form and tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file"):
                self.values[a["name"]] = a.get("value", "on" if kind == "checkbox" else "")
        elif self._in_form and tag == "textarea":
            self._textarea = a.get("name")
            self.values[self._textarea or ""] = ""
        elif self._in_form and tag == "select":
            self._select = a.get("name")
        elif self._in_form and tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._in_form:
            self._in_form, self._done = False, True
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea] += data


class Signed(HttpUser):
    abstract = True
    wait_time = between(0.5, 1.5)
    username = ""

    def on_start(self) -> None:
        self.client.get("/accounts/login/", name="login form")
        token = self.client.cookies.get("csrftoken", "")
        self.client.post(
            "/accounts/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": str(self.host) + "/accounts/login/"},
            name="login",
        )

    @task(1)
    def bare(self) -> None:
        self.client.get("/healthz/", name="bare view")


class Officer(Signed):
    weight = 8
    username = "officer"

    @task(4)
    def profile(self) -> None:
        self.client.get(f"/profiles/{random.choice(PAGES['profiles'])}/", name="profile view")

    @task(2)
    def edit(self) -> None:
        url = f"/profiles/{random.choice(PAGES['profiles'])}/edit/{PAGES['category']}/"
        page = self.client.get(url, name="profile edit form")
        form = FormValues()
        form.feed(page.text)
        if form.values:
            headers = {"Referer": str(self.host) + url}
            self.client.post(form.action or url, form.values, headers=headers, name="profile edit save")


class Sergeant(Signed):
    weight = 4
    username = "sergeant"

    @task(3)
    def queue(self) -> None:
        self.client.get("/problem-solving/dashboard/", name="sergeant queue")

    @task(1)
    def priorities(self) -> None:
        self.client.get("/priorities/", name="priorities")


class Partner(Signed):
    weight = 3
    username = "partner"

    @task(2)
    def portal(self) -> None:
        self.client.get("/partners/", name="partner portal")

    @task(2)
    def neighbourhood(self) -> None:
        self.client.get(f"/partners/n/{random.choice(PAGES['partner'])}/", name="partner neighbourhood")


class Analyst(Signed):
    weight = 2
    username = "analyst"

    @task(3)
    def layer(self) -> None:
        self.client.get(f"/api/deployment/layers/lsoas/?force={FORCE}", name="map layer")


class Public(HttpUser):
    weight = 3
    wait_time = between(0.5, 1.5)

    @task(3)
    def street(self) -> None:
        lat, lng = random.choice(PAGES["points"])
        self.client.get(
            f"/api/police-uk/crimes-street/all-crime?lat={lat}&lng={lng}&date=2016-07", name="police.uk street"
        )

    @task(1)
    def bare(self) -> None:
        self.client.get("/healthz/", name="bare view")


def run(host: str, users: int, seconds: int) -> int:
    env = Environment(user_classes=[Officer, Sergeant, Partner, Analyst, Public], host=host)
    runner = env.create_local_runner()
    runner.start(users, spawn_rate=users)
    gevent.spawn_later(seconds, runner.quit)
    runner.greenlet.join()
    rows = sorted(env.stats.entries.values(), key=lambda entry: entry.name)
    print(f"{'page':<26}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}")
    for entry in rows:
        print(
            f"{entry.name:<26}{entry.num_requests:>9}{entry.num_failures:>8}"
            f"{entry.get_response_time_percentile(0.5):>9.0f}{entry.get_response_time_percentile(0.95):>9.0f}"
        )
    for error in env.stats.errors.values():
        print(f"error: {error.method} {error.name}: {error.error} x{error.occurrences}")
    errors = env.stats.total.num_failures
    bare = env.stats.get("bare view", "GET").get_response_time_percentile(0.95)
    pages = [e for e in rows if e.name not in ("bare view", "login", "login form") and e.num_requests]
    worst = max(pages, key=lambda e: e.get_response_time_percentile(0.95))
    print(f"requests={env.stats.total.num_requests} errors={errors}")
    print(f"bare p95={bare:.0f} ms; worst page p95={worst.get_response_time_percentile(0.95):.0f} ms ({worst.name})")
    print(f"ratio={worst.get_response_time_percentile(0.95) / max(bare, 1):.2f}")
    return min(errors, 99)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
