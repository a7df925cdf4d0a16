"""JSON with line numbers: every item of a (possibly one-line, very large) array with the line it starts on.

Syntax errors give the line and the character column on that line; on a long line (minified GeoJSON) the
message also quotes the text near the error and says which array item it is in, since a column such as
140364 alone does not help anyone find the place.
"""

from __future__ import annotations

import json
import re
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any, NoReturn

from core.imports.errors import ImportFailed

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
LONG_LINE = 200  # characters; beyond this a column number alone does not locate an error


def iter_json_array(text: str, *, path: str | Path, key: str | None = None) -> Iterator[tuple[int, Any]]:
    """Yield (line, item) for each item of the top-level JSON array, or of the array under top-level KEY.

    The json module decodes each item; walking the document ourselves gives every item its line number,
    so a bad feature in a one-line GeoJSON file can still be named by line and feature number.
    """
    position = _skip(text, 0)
    if position == len(text):
        raise ImportFailed("the file is empty", path=path)
    line, counted = 1, 0

    def line_at(at: int) -> int:
        nonlocal line, counted
        line += text.count("\n", counted, at)
        counted = at
        return line

    def array(at: int) -> Generator[tuple[int, Any], None, int]:
        if not text.startswith("[", at):
            _syntax(text, at, path, "expected an array ('[')" if key is None else f"expected '{key}' to be an array")
        at = _skip(text, at + 1)
        if text.startswith("]", at):
            return _skip(text, at + 1)
        number = 0
        while True:
            number += 1
            item, end = _decode(text, at, path, item=number)
            yield line_at(at), item
            at = _skip(text, end)
            if text.startswith(",", at):
                at = _skip(text, at + 1)
            elif text.startswith("]", at):
                return _skip(text, at + 1)
            else:
                _syntax(text, at, path, "expected ',' or ']' (is the file truncated?)", item=number)

    if key is None:
        position = yield from array(position)
    else:
        if not text.startswith("{", position):
            _syntax(text, position, path, f"expected a JSON object with a '{key}' array")
        position = _skip(text, position + 1)
        found, first = False, True
        while not text.startswith("}", position):
            if not first:
                if not text.startswith(",", position):
                    _syntax(text, position, path, "expected ',' or '}' (is the file truncated?)")
                position = _skip(text, position + 1)
            first = False
            name, position = _decode(text, position, path)
            position = _skip(text, position)
            if not isinstance(name, str) or not text.startswith(":", position):
                _syntax(text, position, path, "expected a property name and ':'")
            position = _skip(text, position + 1)
            if name == key and not found:
                found = True
                position = yield from array(position)
            else:
                _, position = _decode(text, position, path)
                position = _skip(text, position)
        position = _skip(text, position + 1)
        if not found:
            raise ImportFailed(f"no '{key}' array in the JSON object", path=path, line=1)
    if position != len(text):
        _syntax(text, position, path, "unexpected data after the end of the JSON document")


def json_load(text: str, *, path: str | Path) -> Any:
    """The whole JSON document, with syntax errors reported by line and column."""
    if not text.strip():
        raise ImportFailed("the file is empty", path=path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        _syntax(text, exc.pos, path, exc.msg)


def _skip(text: str, at: int) -> int:
    return _WHITESPACE.match(text, at).end()  # type: ignore[union-attr]


def _decode(text: str, at: int, path: str | Path, *, item: int | None = None) -> tuple[Any, int]:
    try:
        return _DECODER.raw_decode(text, at)
    except json.JSONDecodeError as exc:
        reason = "the file ends in the middle of a value (truncated?)" if exc.pos >= len(text) else exc.msg
        _syntax(text, exc.pos, path, reason, item=item, truncated_said=True)


def _syntax(
    text: str, at: int, path: str | Path, message: str, *, item: int | None = None, truncated_said: bool = False
) -> NoReturn:
    """ImportFailed at character AT of TEXT: line and column, and on a long line the item and nearby text."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    line = text.count("\n", 0, at) + 1
    column = at - start + 1
    if at >= len(text) and not truncated_said:
        message = "the file ends too soon (truncated?); " + message
    if end - start > LONG_LINE:
        if item is not None:
            message += f" (in item {item} of the array)"
        near = text[max(start, at - 30) : min(end, at + 30)].replace("\r", " ")
        message += f" near '{near}'"
    raise ImportFailed(f"not valid JSON: {message}", path=path, line=line, column=column)
