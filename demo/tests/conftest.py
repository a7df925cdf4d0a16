from __future__ import annotations

from collections.abc import Iterator

import pytest

from demo.tests.support import Runner, load_demo, wipe_demo


@pytest.fixture
def run_demo(db: None) -> Runner:
    return load_demo


@pytest.fixture(scope="module")
def demo_area(django_db_setup: None, django_db_blocker: object) -> Iterator[str]:
    """One synthetic load shared by a module's read-only tests (loading takes seconds); removed afterwards."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        output = load_demo()
        try:
            yield output
        finally:
            wipe_demo()
