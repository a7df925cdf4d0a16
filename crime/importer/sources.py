"""Where crime rows come from: a .csv, a .csv.gz, a folder of them, or a monthly archive .zip.

Every source is one police.uk street file (one force-month) and is imported atomically on its own, so a
zip archive with 43 forces gives 43 sources. All paths are resolved before anything is imported, so a
typing mistake in the last path does not leave the first ones half done.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
import zlib
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from django.utils.text import slugify

from core.imports import BinaryFile, ImportFailed, expand_paths, open_binary

STREET_SUFFIXES = ("-street.csv", "-street.csv.gz")
# police.uk names each street file YYYY-MM-<force>-street.csv: one force, one month.
_NAME = re.compile(r"(\d{4}-\d{2})-([a-z0-9-]+?)-street\.csv(?:\.gz)?")
READ_BUFFER = 1 << 20


@dataclass(frozen=True)
class Source:
    """One street-level CSV: a file on disk, or a member of a zip archive."""

    path: Path
    member: str = ""  # the name inside a zip archive
    size: int = 0  # bytes, for progress: compressed size for .gz, uncompressed for zip members

    @property
    def label(self) -> str:
        """How messages and reports name the source."""
        return f"{self.path}:{self.member}" if self.member else str(self.path)

    @property
    def short_name(self) -> str:
        """What is stored on each row: the file name (and archive member), not the full path."""
        return f"{self.path.name}:{self.member}"[-255:] if self.member else self.path.name[-255:]

    def open(self) -> AbstractContextManager[BinaryFile]:
        """Open the source as a binary stream with a byte position for progress (core.imports.open_binary).

        Only opening is guarded there; read errors (truncation, encoding) are the parser's to report,
        because only it knows the line.
        """
        return open_binary(self.path, member=self.member or None)

    def digest(self) -> tuple[str, int]:
        """(SHA-256 of the CSV text, decompressed; number of data lines), in one pass over the bytes.

        The hash identifies a release whatever the wrapping (.csv, .gz or zip member); the line count is
        the progress total. Both in 1 MiB chunks, on ``import_crimes``'s helper thread: hashlib releases the GIL
        on large chunks, whereas hashing the parser's 8 KiB reads, in the importing thread, was one of the
        costs of the import (docs/benchmarks.md, 2026-12-03).
        """
        sha = hashlib.sha256()
        lines = 0
        last = b"\n"
        with self.open() as reader:
            try:
                while chunk := reader.stream.read(READ_BUFFER):
                    sha.update(chunk)
                    lines += chunk.count(b"\n")
                    last = chunk[-1:]
            except (EOFError, OSError, zipfile.BadZipFile, zlib.error):
                pass  # the import reads it again and says where it breaks, with the line
        lines += last != b"\n"  # a last line without a line end
        return sha.hexdigest(), max(lines - 1, 0)

    def identity(self) -> tuple[str, str] | None:
        """(force id, "YYYY-MM") of the release: from the police.uk file name, else from the first row (the
        month and the slug of "Falls within"). None when there is no data row to say.
        """
        name = (self.member or self.path.name).rsplit("/", 1)[-1]
        if match := _NAME.fullmatch(name):
            return match[2], match[1]
        try:
            with self.open() as reader:
                text = io.TextIOWrapper(reader.stream, encoding="utf-8-sig", errors="replace", newline="")
                rows = csv.reader(text)
                next(rows, None)
                first = next(rows, None)
        except (EOFError, OSError, zipfile.BadZipFile, zlib.error, csv.Error):
            return None  # the import itself says what is wrong, with the line
        if not first or len(first) < 4 or not first[1]:
            return None
        return slugify(first[3]) or "unknown", first[1]


def _archive_sources(path: Path) -> list[Source]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [
                info for info in archive.infolist() if not info.is_dir() and info.filename.endswith("-street.csv")
            ]
    except (OSError, zipfile.BadZipFile) as exc:
        raise ImportFailed(f"not a readable zip archive ({exc})", path=path) from exc
    if not members:
        raise ImportFailed("the archive holds no YYYY-MM/YYYY-MM-<force>-street.csv files", path=path)
    return [Source(path, info.filename, info.file_size) for info in sorted(members, key=lambda i: i.filename)]


def resolve_sources(paths: list[str | Path]) -> list[Source]:
    """Every street CSV named by PATHS, in a stable order; ImportFailed when a path is unusable.

    Folders are expanded by ``core.imports.expand_paths``, which keeps a folder without street CSVs (and a
    missing path) as given; those are refused here, before anything is imported, not tried one by one as
    ``core.imports.import_files`` would: a typing mistake in the last path must not leave the first done.
    """
    if not paths:
        raise ImportFailed("no files given")
    sources: list[Source] = []
    for path in expand_paths(paths, suffixes=STREET_SUFFIXES):
        if path.is_dir():
            raise ImportFailed("the folder holds no *-street.csv or *-street.csv.gz files", path=path)
        elif not path.exists():
            raise ImportFailed("file not found", path=path)
        elif path.suffix.lower() == ".zip":
            sources += _archive_sources(path)
        elif path.name.lower().endswith((".csv", ".csv.gz")):
            sources.append(Source(path, size=path.stat().st_size))
        else:
            raise ImportFailed("expected a .csv, .csv.gz, .zip file or a folder", path=path)
    return sources
