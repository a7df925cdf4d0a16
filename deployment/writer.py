"""Writing a run's score rows in bulk: COPY on PostgreSQL (a national run writes ~35,000 rows with their
breakdowns; ``bulk_create`` spends most of a national run building INSERT parameters), ``bulk_create`` elsewhere.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models


class JSONText(str):
    """A JSON value already serialised (``deployment.vector.breakdowns``): written as it is."""

    __slots__ = ()


def _cell(value: Any) -> Any:
    if value is None:
        return None  # csv writes "", which COPY's csv format reads as NULL (unquoted)
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, list | dict):
        return json.dumps(value, separators=(",", ":"))
    return value


def write_rows(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert ROWS (values in FIELDS order; FK fields by their ``*_id`` attname) into MODEL's table."""
    rows = list(rows)
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(
            [
                model(**{f: json.loads(v) if isinstance(v, JSONText) else v for f, v in zip(fields, row, strict=True)})
                for row in rows
            ],
            batch_size=5000,
        )
        return len(rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    # Only the columns that need it are converted (a national run writes half a million cells): a JSONText,
    # a number, a string or None goes to csv as it is, and COPY reads csv's True/False as booleans.
    # A column holds one kind of value or None, so only columns that start as a list, a dict or None are looked at.
    looked = [i for i, value in enumerate(rows[0]) if value is None or isinstance(value, list | dict)] if rows else []
    convert = [i for i in looked if any(isinstance(row[i], list | dict) for row in rows)]
    if convert:
        for row in rows:
            cells = list(row)
            for i in convert:
                cells[i] = _cell(cells[i])
            writer.writerow(cells)
    else:
        writer.writerows(rows)
    buffer.seek(0)
    columns = [model._meta.get_field(name.removesuffix("_id")).column for name in fields]  # type: ignore[union-attr]
    quote = connection.ops.quote_name
    # Identifiers come from the model's own metadata, never from input; COPY takes no bound parameters.
    sql = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN WITH (FORMAT csv)"  # type: ignore[arg-type]
    with connection.cursor() as cursor:
        cursor.copy_expert(sql, buffer)
    return len(rows)
