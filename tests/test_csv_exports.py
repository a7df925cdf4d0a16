"""Issue 14, CSV formula injection: one helper neutralises every cell, and every export writes through it.

The exports' own tests (``*/tests/test_csv_formula_safety.py``) put payloads in each export's free text and
check the downloaded file; this module tests the helper and that no export can bypass it.
"""

from __future__ import annotations

import ast
import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from core.csv_export import csv_writer, safe_cell

ROOT = Path(__file__).resolve().parent.parent
# csv.writer outside an export, writing files that no spreadsheet opens as a download.
NOT_EXPORTS = {
    "core/csv_export.py",  # the helper itself
    "deployment/writer.py",  # COPY ... FROM STDIN into PostgreSQL: the database reads it, not a person
    "bench/import_crimes.py",  # benchmark input files
    "bench/load.py",  # the load benchmark's crime months, read by import_crimes
}
PAYLOADS = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]


def dangerous(cells: list[str]) -> list[str]:
    """Cells a spreadsheet would evaluate (plain numbers, such as -3 or -0.25, are not formulas)."""
    return [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r")) and safe_cell(c) != c]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_formula_cell_is_shown_as_text(payload: str) -> None:
    assert safe_cell(payload) == "'" + payload


@pytest.mark.parametrize(
    "value", ["-3", "-0.25", "+44", "1e-5", -3, 2.5, Decimal("-1.50"), None, True, "", "Mill Lane"]
)
def test_numbers_and_ordinary_text_are_left_alone(value: object) -> None:
    assert safe_cell(value) == value


def test_the_writer_neutralises_every_cell_of_every_row() -> None:
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(["title", "count"])
    writer.writerows([[payload, -4] for payload in PAYLOADS])
    rows = list(csv.reader(io.StringIO(buffer.getvalue())))
    assert [row[0] for row in rows[1:]] == ["'" + p for p in PAYLOADS]
    assert {row[1] for row in rows[1:]} == {"-4"}
    assert not dangerous([cell for row in rows for cell in row])


def _csv_writer_calls(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(), filename=str(path))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"writer", "DictWriter"}
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "csv"
    ]


def test_no_export_writes_csv_without_the_helper() -> None:
    bare = []
    for path in sorted(ROOT.glob("*/**/*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".venv/", "node_modules/")) or "/tests/" in relative or relative in NOT_EXPORTS:
            continue
        bare += [f"{relative}:{line}" for line in _csv_writer_calls(path)]
    assert not bare, f"use core.csv_export.csv_writer for CSV exports (formula injection): {bare}"


def test_every_csv_response_module_uses_the_helper() -> None:
    modules = [
        path
        for path in ROOT.glob("*/**/*.py")
        if "/tests/" not in path.as_posix() and ".venv" not in path.parts and "text/csv" in path.read_text()
    ]
    assert len(modules) >= 4  # performance, priorities, partners, deployment
    assert all("csv_writer(" in path.read_text() for path in modules), modules
