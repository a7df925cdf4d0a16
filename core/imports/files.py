"""Opening import files: plain, .gz or single-member .zip, UTF-8 with or without a BOM; folders expanded.

Errors name the file and the line (and character column) where reading stopped, never a traceback.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from core.imports.errors import ImportFailed

READ_BUFFER = 1 << 20


@dataclass
class BinaryFile:
    """An open import file: ``stream`` yields its (uncompressed) bytes; ``tell()`` is the position for progress.

    For a .gz file the position is in the compressed file, so it can be compared with the file's size.
    """

    stream: IO[bytes]
    position: IO[bytes]

    def tell(self) -> int:
        try:
            return self.position.tell()
        except (OSError, ValueError):
            return 0


@contextmanager
def open_binary(path: str | Path, *, member: str | None = None, member_suffix: str = "") -> Iterator[BinaryFile]:
    """Open a plain, .gz or .zip file for reading bytes; MEMBER names the archive member to read.

    Without MEMBER a .zip must hold exactly one file ending in MEMBER_SUFFIX. Only opening is guarded here;
    read errors (truncation, encoding) are reported by the reader, which knows the line.
    """
    path = Path(path)
    if not path.exists():
        raise ImportFailed("file not found", path=path)
    with ExitStack() as stack:
        try:
            if path.name.lower().endswith(".zip"):
                archive = stack.enter_context(zipfile.ZipFile(path))
                if member is None:
                    names = [n for n in archive.namelist() if n.endswith(member_suffix) and not n.endswith("/")]
                    if len(names) != 1:
                        raise ImportFailed(
                            f"expected one '*{member_suffix}' file in the archive, found {len(names)}", path=path
                        )
                    member = names[0]
                inner = stack.enter_context(archive.open(member))
                opened = BinaryFile(inner, inner)
            elif path.name.lower().endswith(".gz"):
                raw: IO[bytes] = stack.enter_context(open(path, "rb"))
                # GzipFile is a binary stream, though typeshed does not declare it an IO[bytes].
                unzipped = cast(IO[bytes], stack.enter_context(gzip.GzipFile(fileobj=raw, mode="rb")))
                opened = BinaryFile(unzipped, raw)
            else:
                plain: IO[bytes] = stack.enter_context(open(path, "rb", buffering=READ_BUFFER))
                opened = BinaryFile(plain, plain)
        except (OSError, KeyError, zipfile.BadZipFile) as exc:
            raise ImportFailed(f"cannot open: {exc}", path=path) from exc
        yield opened


@contextmanager
def open_text(path: str | Path, *, member: str | None = None, member_suffix: str = "") -> Iterator[IO[str]]:
    """Open a plain, .gz or .zip file (see ``open_binary``) as UTF-8 text; a BOM is dropped.

    Wrong encodings surface as ImportFailed when read, through ``read_all``.
    """
    with open_binary(path, member=member, member_suffix=member_suffix) as opened:
        yield io.TextIOWrapper(opened.stream, encoding="utf-8-sig", newline="")


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
            column=column,
        ) from exc


def expand_paths(paths: str | Path | Sequence[str | Path], *, suffixes: Iterable[str]) -> list[Path]:
    """PATHS as a list of files: a folder stands for its files ending in one of SUFFIXES, sorted.

    A missing path or a folder with no such files is kept as given, so that the import names it as a
    failed file instead of stopping before the others are tried.
    """
    given = [paths] if isinstance(paths, str | Path) else list(paths)
    endings = tuple(suffix.lower() for suffix in suffixes)
    files: list[Path] = []
    for item in given:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(endings))
            files += found or [path]
        else:
            files.append(path)
    return files


CRIME_CSV_HEADER = "crime id,month,reported by,falls within"


def looks_like(head: str | bytes) -> str:
    """What the start of a file looks like: "crime csv", "csv", "json", "xml" or "" (unknown)."""
    if isinstance(head, bytes):
        head = head[:4096].decode("utf-8", "replace")
    text = head.lstrip("\ufeff \t\r\n")
    first = text.split("\n", 1)[0].strip().lower()
    if first.startswith(CRIME_CSV_HEADER):
        return "crime csv"
    if text[:1] in ("{", "["):
        return "json"
    if text[:1] == "<":
        return "xml"
    if "," in first or "\t" in first:
        return "csv"
    return ""


def refuse_other_formats(
    head: str | bytes, *, path: str | Path, expected: str, accept: Collection[str] | None = None
) -> None:
    """ImportFailed when HEAD is plainly not EXPECTED ("JSON", "KML"...), naming the right importer when known.

    Without ACCEPT only CSVs are refused (the JSON and XML importers tell those apart themselves); with it,
    every recognised kind (see ``looks_like``) outside ACCEPT is refused, so a CSV importer can refuse JSON
    and XML files with a plain message.
    """
    kind = looks_like(head)
    if accept is not None and (kind in accept or not kind):
        return
    if kind == "crime csv":
        raise ImportFailed("this looks like a police.uk crime CSV; use import_crimes", path=path, line=1)
    if kind == "csv":
        raise ImportFailed(f"this looks like a CSV file, not {expected}", path=path, line=1)
    if accept is not None:
        article = "an" if kind == "xml" else "a"
        raise ImportFailed(f"this looks like {article} {kind.upper()} file, not {expected}", path=path, line=1)


def locate_bad_line(lines: Iterable[bytes], *, path: str | Path, columns: Sequence[str] = ()) -> ImportFailed:
    """The error for the first of LINES that is not UTF-8 or holds a NUL byte, with its line and column.

    For importers that stream a file and only learn that it is bad part-way: reading it again line by line
    is slower, so it is only done then. COLUMNS are the CSV header's names; the column of the bad byte is
    guessed by counting commas before it (quotes ignored: a best guess, for the message only).
    """

    def column_at(raw: bytes, offset: int) -> str | None:
        index = raw[:offset].count(b",")
        return columns[index] if index < len(columns) else None

    for number, raw in enumerate(lines, 1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return ImportFailed(
                f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
                path=path,
                line=number,
                column=column_at(raw, exc.start),
            )
        if "\x00" in text:
            column = column_at(raw, raw.index(b"\x00"))
            return ImportFailed("NUL byte: this is not a text file", path=path, line=number, column=column)
    return ImportFailed("not UTF-8 text; save the file as UTF-8", path=path)
