"""Reading CSV files for the importers: every row with its line number, and typed cells with clear errors."""

from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path

from core.imports import ImportFailed, RowProblem, looks_like, read_all

# "29199" or "29,199"; the official IoD files print ranks and populations with thousands separators.
_WHOLE_NUMBER = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)$")


def read_csv(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the (line, cells) of every non-blank row. Encoding errors name the CSV column.

    An empty file gives no header and no rows: the caller warns "no rows" rather than failing.
    """
    try:
        text = read_all(path)
    except ImportFailed as exc:
        cause = exc.__cause__
        if isinstance(cause, UnicodeDecodeError) and exc.line is not None:
            column = _column_at(cause.object, cause.start)
            if column:
                raise ImportFailed(exc.reason, path=path, line=exc.line, column=column) from cause
        raise
    kind = looks_like(text[:4096])
    if kind in ("json", "xml"):
        raise ImportFailed(f"this looks like a {kind.upper()} file, not a CSV", path=path, line=1)
    if kind == "crime csv":
        raise ImportFailed("this looks like a police.uk crime CSV; use import_crimes", path=path, line=1)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        header = next(reader, None)
        if header is None:
            return [], []
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append((reader.line_num, cells))
    except csv.Error as exc:
        raise ImportFailed(f"not a valid CSV file: {exc}", path=path, line=reader.line_num) from exc
    return [cell.strip() for cell in header], rows


def _column_at(data: bytes, offset: int) -> str | None:
    """The header name of the CSV column holding byte OFFSET (the line is read as Latin-1 to find it)."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    header = next(csv.reader([data[: data.find(b"\n")].decode("latin-1").lstrip("\ufeff")]), [])
    if line_start == 0:
        return None  # the bad byte is in the header itself
    cells_before = next(csv.reader([data[line_start:offset].decode("latin-1")]), [""])
    index = len(cells_before) - 1
    return header[index].strip() if 0 <= index < len(header) else None


def whole_number(value: str, *, what: str, line: int, column: str, minimum: int = 0) -> int:
    """An integer cell (thousands separators allowed) of at least MINIMUM."""
    text = value.strip()
    if not text:
        raise RowProblem(f"missing {what}", line=line, column=column)
    if not _WHOLE_NUMBER.match(text):
        raise RowProblem(f"non-numeric {what}", line=line, column=column, detail=f"{value!r} is not a whole number")
    number = int(text.replace(",", ""))
    if number < minimum:
        raise RowProblem(f"{what} out of range", line=line, column=column, detail=f"{number} is below {minimum}")
    return number


def rank(value: str, *, line: int, column: str) -> int:
    """A rank: a positive integer, 1 = most deprived."""
    return whole_number(value, what="rank", line=line, column=column, minimum=1)


def decile(value: str, *, line: int, column: str) -> int:
    """A decile from 1 (most deprived 10%) to 10."""
    number = whole_number(value, what="decile", line=line, column=column, minimum=1)
    if number > 10:
        raise RowProblem("decile out of range", line=line, column=column, detail=f"{number} is not between 1 and 10")
    return number


def score(value: str, *, line: int, column: str) -> float:
    """A score: any finite decimal number (domain scores can be negative)."""
    text = value.strip()
    if not text:
        raise RowProblem("missing score", line=line, column=column)
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise RowProblem("non-numeric score", line=line, column=column, detail=f"{value!r} is not a number")
    return number
