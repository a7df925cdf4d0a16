"""CSV exports that cannot run as spreadsheet formulas (issue 14: CSV formula injection).

A cell that starts with = + - @ (or a tab or carriage return, which some spreadsheets skip before looking for
one) is read by Excel, LibreOffice and Google Sheets as a formula: ``=HYPERLINK(...)`` in a priority title
would become a live link, ``=cmd|...`` worse. Every export writes through ``csv_writer`` (a test fails on a
bare ``csv.writer`` in app code), which prefixes such a cell with an apostrophe, as OWASP advises: the
spreadsheet then shows the text as typed. Numbers stay numbers: a negative count or score is not a formula.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Protocol

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def safe_cell(value: Any) -> Any:
    """VALUE as a CSV cell that a spreadsheet shows as text, never evaluates."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value  # csv writes these as themselves; none can start a formula but a sign, which is a number
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


class SafeWriter:
    """``csv.writer`` with every cell passed through ``safe_cell``."""

    def __init__(self, file: _Writable, **kwargs: Any) -> None:
        self._writer = csv.writer(file, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(file: _Writable, **kwargs: Any) -> SafeWriter:
    """The writer every CSV export uses (same arguments as ``csv.writer``)."""
    return SafeWriter(file, **kwargs)
