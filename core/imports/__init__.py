"""What every importer shares: opening files, one error type, one report, one progress sink, and folders.

Each importer parses a whole file, validates every row, and writes it inside one transaction, so a bad
file leaves nothing behind. Given several files or a folder, every file is tried on its own
(``import_files``) and the report lists each file's result. Errors name the file, line and column and
never surface as a traceback.
"""

from core.imports.errors import (
    MAX_ERRORS_LISTED,
    Column,
    ImportFailed,
    RowProblem,
    fail,
    fail_on_problems,
    located,
    reject,
)
from core.imports.files import (
    BinaryFile,
    expand_paths,
    locate_bad_line,
    looks_like,
    open_binary,
    open_text,
    read_all,
    refuse_other_formats,
)
from core.imports.jsontext import iter_json_array, json_load
from core.imports.progress import BarProgress, Progress, no_progress
from core.imports.report import NO_ROWS, FileResult, ImportReport
from core.imports.runner import import_files, raise_if_failed

__all__ = [
    "MAX_ERRORS_LISTED",
    "NO_ROWS",
    "BarProgress",
    "BinaryFile",
    "Column",
    "FileResult",
    "ImportFailed",
    "ImportReport",
    "Progress",
    "RowProblem",
    "expand_paths",
    "fail",
    "fail_on_problems",
    "import_files",
    "iter_json_array",
    "json_load",
    "locate_bad_line",
    "located",
    "looks_like",
    "no_progress",
    "open_binary",
    "open_text",
    "raise_if_failed",
    "read_all",
    "refuse_other_formats",
    "reject",
]
