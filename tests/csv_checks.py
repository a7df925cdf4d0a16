"""Shared check for the CSV formula-injection tests of each export (issue 14)."""

from __future__ import annotations

import csv
import io
from typing import Any

from core.csv_export import FORMULA_STARTS, safe_cell

# Free text typed by users or read from imported files, each a formula a spreadsheet would run.
PAYLOADS = {
    "eq": '=HYPERLINK("http://evil.example","Click")',
    "plus": "+cmd|' /C calc'!A0",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
}


def assert_formula_safe(response: Any, *expected: str) -> list[list[str]]:
    """The download parses, no cell would be evaluated, and each EXPECTED payload is there as text."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    cells = [cell for row in rows for cell in row]
    live = [cell for cell in cells if cell.startswith(FORMULA_STARTS) and safe_cell(cell) != cell]
    assert not live, f"cells a spreadsheet would run as formulas: {live}"
    for payload in expected:
        assert "'" + payload in cells, f"{payload!r} missing from the export (or not neutralised)"
    return rows
