"""What every importer shares: opening files, clear errors, the report, and progress.

Each importer parses a whole file, validates every row, and writes it inside one transaction, so a
bad file leaves nothing behind. Errors name the file, line and column and never surface as a traceback.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

Progress = Callable[[int, int], None]  # (done, total) -> None


def no_progress(done: int, total: int) -> None:
    """The default progress callback."""


def located(text: str, *, path: str | Path | None = None, line: int | None = None, column: str | None = None) -> str:
    """TEXT prefixed with where it happened: "file, line 12, column 'Latitude': text"."""
    where = []
    if path:
        where.append(str(path))
    if line is not None:
        where.append(f"line {line}")
    if column:
        where.append(f"column '{column}'")
    return f"{', '.join(where)}: {text}" if where else text


class ImportFailed(Exception):
    """A file that cannot be imported; the message is for the user (no traceback).

    ``report`` carries the counts made before the failure, so a failed Job still shows them.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: str | None = None,
        report: dict[str, Any] | None = None,
    ):
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.reason = message
        self.report = report
        super().__init__(self.describe())

    def describe(self) -> str:
        return located(self.reason, path=self.path, line=self.line, column=self.column)


@dataclass
class ImportReport:
    """Counts every row: read = imported + duplicates + rejected (+ any skipped reasons listed)."""

    source: str
    read: int = 0
    imported: int = 0
    duplicates: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "read": self.read,
            "imported": self.imported,
            "duplicates": self.duplicates,
            "rejected": dict(self.rejected),
            "skipped": dict(self.skipped),
            "notes": self.notes,
            "errors": self.errors,
        }

    def lines(self) -> list[str]:
        out = [
            f"{self.source}:",
            f"  rows read:            {self.read}",
            f"  imported:             {self.imported}",
            f"  skipped as duplicate: {self.duplicates}",
        ]
        for reason, count in sorted(self.skipped.items()):
            out.append(f"  skipped ({reason}): {count}")
        out.append(f"  rejected:             {self.rejected_total}")
        for reason, count in sorted(self.rejected.items()):
            out.append(f"    {reason}: {count}")
        out += [f"  note: {note}" for note in self.notes]
        out += [f"  error: {error}" for error in self.errors]
        return out


MAX_ERRORS_LISTED = 20


@contextmanager
def open_text(path: str | Path, *, member_suffix: str = "") -> Iterator[IO[str]]:
    """Open a plain, .gz or single-member .zip file as UTF-8 text (a BOM is dropped).

    Wrong encodings surface as ImportFailed when read, through ``read_all``.
    """
    path = Path(path)
    if not path.exists():
        raise ImportFailed("file not found", path=path)
    try:
        if path.suffix == ".gz":
            # GzipFile is a binary stream, though typeshed does not declare it an IO[bytes].
            raw = cast(IO[bytes], gzip.open(path, "rb"))
        elif path.suffix == ".zip":
            archive = zipfile.ZipFile(path)
            names = [n for n in archive.namelist() if n.endswith(member_suffix) and not n.endswith("/")]
            if len(names) != 1:
                raise ImportFailed(
                    f"expected one '*{member_suffix}' file in the archive, found {len(names)}", path=path
                )
            raw = archive.open(names[0])
        else:
            raw = open(path, "rb")  # noqa: SIM115 - closed below
    except (OSError, zipfile.BadZipFile) as exc:
        raise ImportFailed(f"cannot open: {exc}", path=path) from exc
    try:
        yield io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
    finally:
        raw.close()


def read_all(path: str | Path, **kwargs: Any) -> str:
    """The whole file as text, with truncated archives and wrong encodings reported plainly.

    Both errors name the line (and, for an encoding error, the character column) where reading stopped.
    """
    chunks: list[bytes] = []
    try:
        with open_text(path, **kwargs) as handle:
            # Decode the bytes in one go so that an encoding error's offset counts from the start of the file.
            raw = cast(IO[bytes], cast(io.TextIOWrapper, handle).buffer)
            while chunk := raw.read(io.DEFAULT_BUFFER_SIZE):
                chunks.append(chunk)
    except (EOFError, gzip.BadGzipFile, zipfile.BadZipFile, OSError) as exc:
        line = 1 + sum(chunk.count(b"\n") for chunk in chunks)
        raise ImportFailed(f"the file is truncated or corrupt near line {line} ({exc})", path=path, line=line) from exc
    data = b"".join(chunks)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = exc.object[: exc.start]
        line = 1 + before.count(b"\n")
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise ImportFailed(
            f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at character {column}); save the file as UTF-8",
            path=path,
            line=line,
            column=str(column),
        ) from exc
