from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.apps import apps
from django.db.models import Max, Model

from core.models import AuditEvent
from demo.tests.support import Runner, load_demo, wipe_demo


def _append_only_models() -> list[type[Model]]:
    """History and audit tables: rows that outlive the records they describe (no FK constraints)."""
    return [AuditEvent, *[m for m in apps.get_models() if m.__name__.startswith("Historical")]]


def _high_water_marks() -> dict[type[Model], int]:
    return {m: m._default_manager.aggregate(top=Max("pk"))["top"] or 0 for m in _append_only_models()}


@pytest.fixture
def run_demo(db: None) -> Runner:
    return load_demo


@pytest.fixture(scope="module")
def demo_area(django_db_setup: None, django_db_blocker: object) -> Iterator[str]:
    """One synthetic load shared by a module's read-only tests (loading takes seconds); removed afterwards."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        marks = _high_water_marks()
        output = load_demo()
        try:
            yield output
        finally:
            wipe_demo()
            # The load is committed, so its history and audit rows would outlive the module and break later
            # tests that count them: remove every such row written since the load began.
            for model, top in marks.items():
                model._default_manager.filter(pk__gt=top).delete()
