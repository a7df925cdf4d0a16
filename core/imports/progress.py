"""One progress sink for every importer: ``progress(done, total)``, drawn by tqdm or saved on a Job.

Importers call it with rows: ``total`` is the real number of rows (features, CSV records) of the file being
imported and ``done`` how many of them have been handled, never an estimate or a doubled count. A Job's
sink (core.jobs) turns the pair into a percentage; ``BarProgress`` draws it in a terminal.
"""

from __future__ import annotations

from typing import Any, Protocol

from tqdm import tqdm


class Progress(Protocol):
    def __call__(self, done: int, total: int, /) -> None: ...


def no_progress(done: int, total: int) -> None:
    """The default progress sink: nothing."""


class BarProgress:
    """A progress sink drawing a tqdm bar on STREAM, created on the first call (when the total is known).

    A new total with fewer rows done than before starts the bar again (the next file of a folder).
    """

    def __init__(self, stream: Any, description: str, *, unit: str = "rows"):
        self.stream = stream
        self.description = description
        self.unit = unit
        self.bar: tqdm[Any] | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = tqdm(
                total=total, file=self.stream, desc=self.description, unit=self.unit, leave=False, dynamic_ncols=True
            )
        if done < self.bar.n:
            self.bar.reset(total=total)
        elif self.bar.total != total:
            self.bar.total = total
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
