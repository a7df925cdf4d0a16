"""Reading and checking police.uk street-level CSV rows (reference-anchors 1.5), streaming.

Each good row becomes a ``Row`` tuple; each bad row a ``core.imports.RowProblem`` with its reason (for the
report's counts), detail and column. Encoding errors, NUL bytes and truncated archives
fail the whole file whatever the mode: they mean the file itself is wrong, not one row.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import IO, Any

from core.imports import MAX_ERRORS_LISTED, ImportFailed, RowProblem, locate_bad_line, located, refuse_other_formats
from crime.categories import CATEGORY_SLUGS
from crime.importer.report import CrimeImportReport
from crime.keys import key_for_fields, key_for_id

HEADER = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
)
# Widths of the Crime columns the text lands in; a longer value is rejected rather than cut.
LIMITS = {
    "Crime ID": 64,
    "Reported by": 100,
    "Falls within": 100,
    "Location": 200,
    "LSOA code": 9,
    "LSOA name": 200,
    "Last outcome category": 200,
}
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_LSOA_CODE = re.compile(r"[A-Z]\d{8}")
PROGRESS_EVERY = 8192
WHAT = "a police.uk street-level CSV"

# (key as 32 hex digits, crime_id, month "YYYY-MM-01", reported_by, falls_within, longitude, latitude,
#  location, lsoa_code, lsoa_name, category slug, last_outcome, context). The coordinates stay text as
#  written ("" when missing), checked to be numbers in range.
Row = tuple[str, str, str, str, str, str, str, str, str, str, str, str, str]


class RowParser:
    """Turns CSV rows of ONE file into Rows. Keep one per file: ASB occurrence numbers are per file."""

    def __init__(self, *, month: str | None = None):
        self._expected = month  # "YYYY-MM" of the release: a police.uk file holds one month
        self._months: dict[str, str] = {}
        self._occurrences: dict[str, int] = {}
        self._lsoa_codes: set[str] = {""}  # codes already checked

    def _month(self, text: str) -> str:
        match = _MONTH.fullmatch(text)
        if not match or not 1 <= int(match[2]) <= 12 or not int(match[1]):
            raise RowProblem("bad month", detail=f"expected a month as YYYY-MM, found {text!r}", column="Month")
        if self._expected is not None and text != self._expected:
            # The release is one force-month (ADR 0007); a row of another month belongs to another file.
            raise RowProblem(
                "other month", detail=f"the file is for {self._expected}, this row is for {text}", column="Month"
            )
        self._months[text] = parsed = f"{text}-01"
        return parsed

    @staticmethod
    def _check_coordinates(lon_text: str, lat_text: str) -> None:
        if not (lon_text and lat_text):
            column = "Latitude" if lon_text else "Longitude"
            raise RowProblem("bad coordinates", detail="one coordinate given without the other", column=column)
        for text, column, limit in ((lon_text, "Longitude", 180.0), (lat_text, "Latitude", 90.0)):
            try:
                value = float(text)
            except ValueError:
                raise RowProblem("bad coordinates", detail=f"not a number: {text!r}", column=column) from None
            # float() also takes "1_0" and non-ASCII digits, which no CSV means as a coordinate.
            if "_" in text or not text.isascii():
                raise RowProblem("bad coordinates", detail=f"not a number: {text!r}", column=column)
            if not -limit <= value <= limit:  # NaN fails this too
                raise RowProblem("bad coordinates", detail=f"out of range: {text!r}", column=column)

    def _check_lengths(self, row: list[str]) -> None:
        for column, value in zip(HEADER, row, strict=True):
            if len(value) > LIMITS.get(column, 10**9):
                raise RowProblem("value too long", detail=f"longer than {LIMITS[column]} characters", column=column)

    def parse(self, row: list[str]) -> Row:
        if len(row) != 12:
            raise RowProblem("wrong number of fields", detail=f"expected 12 fields, found {len(row)}")
        (crime_id, month_text, reported_by, falls_within, lon_text, lat_text, location, lsoa_code, lsoa_name,
         crime_type, outcome, context) = row  # fmt: skip
        month = self._months.get(month_text) or self._month(month_text)
        category = CATEGORY_SLUGS.get(crime_type)
        if category is None:
            raise RowProblem("unknown crime type", detail=f"unknown crime type {crime_type!r}", column="Crime type")
        # The coordinates stay text as written (they key ASB rows); each distinct point becomes a geometry
        # once, later. Both empty: the row is kept, and flagged unlocated by its empty location.
        if lon_text or lat_text:
            try:
                lon, lat = float(lon_text), float(lat_text)
            except ValueError:
                lon = lat = math.nan
            # NaN fails the range test; anything in doubt goes to the slow check, which says what is wrong.
            both = lon_text + lat_text
            if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0) or "_" in both or not both.isascii():
                self._check_coordinates(lon_text, lat_text)
        if (
            len(crime_id) > 64
            or len(reported_by) > 100
            or len(falls_within) > 100
            or len(location) > 200
            or len(lsoa_name) > 200
            or len(outcome) > 200
        ):
            self._check_lengths(row)
        if lsoa_code not in self._lsoa_codes:
            if not _LSOA_CODE.fullmatch(lsoa_code):
                raise RowProblem("bad LSOA code", detail=f"not an LSOA code: {lsoa_code!r}", column="LSOA code")
            self._lsoa_codes.add(lsoa_code)
        # ADR 0003 (crime.keys): a Crime ID keys its record; identical rows without one are distinct
        # incidents, told apart by their order in the file.
        if crime_id:
            key = key_for_id(month_text, crime_id)
        else:
            fields = (month_text, falls_within, lon_text, lat_text, location, lsoa_code, crime_type, outcome, context)
            joined = "\x1f".join(fields)
            occurrence = self._occurrences[joined] = self._occurrences.get(joined, 0) + 1
            key = key_for_fields(month_text, fields, occurrence)
        return (key, crime_id, month, reported_by, falls_within, lon_text, lat_text, location, lsoa_code, lsoa_name,
                category, outcome, context)  # fmt: skip


class BadBytes(Exception):
    """The stream is not UTF-8 text; ``core.imports.locate_bad_line`` reads it again to say where."""


class _NulGuard(io.RawIOBase):
    """Passes bytes through, refusing NUL bytes (never in a text CSV, and PostgreSQL text cannot hold them)."""

    def __init__(self, stream: IO[bytes]):
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._stream.read(len(buffer))
        if b"\x00" in data:
            raise BadBytes
        buffer[: len(data)] = data
        return len(data)


def locate_bad_bytes(lines: IO[bytes], label: str) -> ImportFailed:
    """The error for the first line of a street CSV that is not UTF-8 or holds a NUL byte, by header column."""
    return locate_bad_line(lines, path=label, columns=HEADER)


def check_header(first: list[str] | None, label: str) -> None:
    if first is None:
        return  # an empty file: no header and no rows, which the importer reports as a warning
    first = [first[0].removeprefix("\ufeff"), *first[1:]] if first else first
    if tuple(first) == HEADER:
        return
    for column, (expected, found) in enumerate(zip(HEADER, first, strict=False), 1):
        if expected != found:
            raise ImportFailed(
                f"not {WHAT}: header column {column} is {found!r}, expected {expected!r}",
                path=label,
                line=1,
                column=found or expected,
            )
    missing = HEADER[len(first)] if len(first) < len(HEADER) else None
    raise ImportFailed(
        f"not {WHAT}: the header has {len(first)} columns, expected these 12: " + ",".join(HEADER),
        path=label,
        line=1,
        column=missing,
    )


def _records(text: IO[str]) -> Iterator[tuple[int, list[str]]]:
    """(last physical line number, fields) for each CSV record of TEXT.

    police.uk rows rarely quote anything, and splitting a quote-free line on commas gives exactly what the
    csv module would, three times faster; a line with quotes (maybe running on over the next lines) is
    handed to the csv module.
    """
    number = 0
    pending = ""
    for line in text:
        number += 1
        if not pending and '"' not in line:
            yield number, line.rstrip("\r\n").split(",")
            continue
        pending += line
        if pending.count('"') % 2:
            continue  # a quoted field runs on to the next line
        rows = list(csv.reader(io.StringIO(pending, newline="")))
        pending = ""
        yield number, rows[0] if rows else []
    if pending:
        raise csv.Error("unexpected end of file inside a quoted field")


def where(problem: RowProblem, label: str) -> str:
    """PROBLEM as the report lists it: "file, line 12, column 'Latitude': out of range: '95.5'"."""
    return located(problem.detail or problem.reason, path=label, line=problem.line, column=problem.column)


def iter_rows(
    lines: IO[bytes],
    *,
    label: str,
    parser: RowParser,
    report: CrimeImportReport,
    problems: list[RowProblem],
    tick: Callable[[int], None],
) -> Iterator[Row]:
    """The good rows of one file. Rejected rows are counted in REPORT and the first ones kept in PROBLEMS.

    Raises BadBytes for a file that is not UTF-8 text, ImportFailed for a truncated or malformed one, or
    for a file that is plainly another format (JSON, XML).
    """
    buffered = io.BufferedReader(_NulGuard(lines), 1 << 16)
    number = 1
    try:
        refuse_other_formats(buffered.peek(4096)[:4096], path=label, expected=WHAT, accept=("crime csv", "csv"))
        text = io.TextIOWrapper(buffered, encoding="utf-8", newline="")
        records = _records(text)
        number, header = next(records, (1, None))
        check_header(header, label)
        parse = parser.parse
        read = 0
        for number, row in records:
            if row == [""] or not row:
                continue  # a blank line is not a record
            read += 1
            if not read % PROGRESS_EVERY:
                tick(read)
            try:
                yield parse(row)
            except RowProblem as problem:
                report.rejected[problem.reason] += 1
                if len(problems) < MAX_ERRORS_LISTED:
                    problem.line = number
                    problems.append(problem)
        report.read += read
        tick(read)
    except UnicodeDecodeError:
        raise BadBytes from None
    except csv.Error as exc:
        raise ImportFailed(f"malformed CSV: {exc}", path=label, line=number + 1) from None
    except (EOFError, gzip.BadGzipFile, zipfile.BadZipFile, zlib.error, OSError) as exc:
        raise ImportFailed(
            f"the file is truncated or corrupt after line {number} ({exc})", path=label, line=number + 1
        ) from None
