"""Panels a feature app adds to the role home pages (issue 16: "flagged on the sergeant's and inspector's
dashboards"), without the home view (accounts, below the feature apps) importing any feature app.

A feature app registers a ``Panel`` in its ``AppConfig.ready()``: the permission that shows it (asked with
``has_perm``, never a role name), its template, and a function that builds its context for the user (None: the
panel has nothing to say and is left out). ``accounts.views.home`` renders ``panels_for(user)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.users import UserLike


@dataclass(frozen=True)
class Panel:
    key: str
    perm: str
    template: str
    context: Callable[[Any], dict[str, Any] | None]


@dataclass(frozen=True)
class RenderedPanel:
    key: str
    template: str
    context: dict[str, Any]


_PANELS: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    """Add (or replace, by key: ``ready()`` may run twice in tests) a home panel."""
    _PANELS[panel.key] = panel


def panels_for(user: UserLike) -> list[RenderedPanel]:
    shown = []
    for panel in _PANELS.values():
        if not user.has_perm(panel.perm):
            continue
        context = panel.context(user)
        if context is not None:
            shown.append(RenderedPanel(panel.key, panel.template, context))
    return shown
