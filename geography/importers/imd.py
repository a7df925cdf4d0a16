"""Import English Indices of Deprivation CSVs (IoD2019, IoD2025) into DeprivationRecord and LSOA rows.

The layout is recognised from the header (see ``_imd_layout``). Each LSOA row gives one record per domain
present; only the values the file holds are written, so IoD2019 File 1 then File 2 merge, and a file without
scores (Files 1 and 2, the 2019 short-name CSV) leaves ``score`` empty rather than inventing it. The files name
LSOAs and local authorities, so LSOA rows are upserted too; geometry may arrive later from the boundaries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction

from core.imports import (
    NO_ROWS,
    ImportReport,
    Progress,
    RowProblem,
    fail,
    fail_on_problems,
    import_files,
    no_progress,
    raise_if_failed,
    reject,
)
from geography.importers import _csv
from geography.importers._imd_layout import HeaderError, Layout, detect
from geography.models import EDITION_VINTAGE, LSOA, LSOA_CODE_RE, DeprivationRecord, Edition

BATCH = 2000
FAST_BATCH = 20000
# (score, rank, decile) of one record.
Values = tuple[float | None, int | None, int | None]
KINDS = ("score", "rank", "decile")


@dataclass
class _Row:
    line: int
    code: str
    name: str
    lad_code: str
    lad_name: str
    population: int | None
    measures: dict[str, dict[str, float | int]]  # domain -> {kind: value}


SUFFIXES = (".csv", ".csv.gz", ".zip")


def import_imd(
    paths: str | Path | Sequence[str | Path],
    *,
    edition: int | None = None,
    progress: Progress = no_progress,
    skip_invalid: bool = False,
) -> ImportReport:
    """Import the IoD CSVs at PATHS (files or folders), each file atomically and on its own.

    EDITION, when given, must match each file's LSOA vintage. Strict by default: any invalid row (malformed
    LSOA code, non-numeric rank, decile outside 1-10, ...) aborts its file and nothing of it is written.
    With SKIP_INVALID the valid rows are imported and the rest counted. Every file is tried; ImportFailed
    at the end names the files that failed and carries the report of all of them.
    """

    def one(path: Path, progress: Progress) -> ImportReport:
        return _import_file(path, edition=edition, progress=progress, skip_invalid=skip_invalid)

    return raise_if_failed(import_files(paths, one, suffixes=SUFFIXES, progress=progress))


def _import_file(path: Path, *, edition: int | None, progress: Progress, skip_invalid: bool) -> ImportReport:
    report = ImportReport(source=str(path))
    header, lines = _csv.read_csv(path)
    if not header:
        report.warnings.append(NO_ROWS)
        return report
    try:
        layout = detect(header)
    except HeaderError as exc:
        fail(report, str(exc), path=path, line=1, column=exc.column)
    vintage = int(EDITION_VINTAGE[Edition(layout.edition)])
    if edition is not None and edition != layout.edition:
        fail(
            report,
            f"this file is IoD{layout.edition} (LSOA {vintage} codes) but edition {edition} was asked for",
            path=path,
            line=1,
            column=header[layout.code],
        )
    report.notes.append(f"layout: {layout.name} (LSOA {vintage} codes); domains: {', '.join(layout.domains) or 'none'}")
    if layout.measures and not layout.has_scores:
        report.notes.append("scores are absent in this file: ranks and deciles are stored, scores left empty")

    if not lines:
        report.warnings.append(NO_ROWS)
        return report
    rows: dict[str, _Row] = {}
    problems: list[RowProblem] = []
    total = len(lines)
    for done, (line, cells) in enumerate(lines, start=1):
        report.read += 1
        try:
            row = _parse(layout, line, cells)
            earlier = rows.get(row.code)
            if earlier is None:
                rows[row.code] = row
            elif (earlier.name, earlier.population, earlier.measures) == (row.name, row.population, row.measures):
                report.duplicates += 1
            else:
                raise RowProblem(
                    "LSOA code repeated with different values",
                    line=line,
                    column=header[layout.code],
                    detail=f"{row.code} is also on line {earlier.line}",
                )
        except RowProblem as problem:
            problems.append(problem)
            reject(report, problem)
        if done % 1000 == 0:
            progress(done, total)
    if problems and not skip_invalid:
        fail_on_problems(report, problems, path=path)

    source = f"{layout.name} ({path.name})"[:200]
    with transaction.atomic():
        changed = _upsert_lsoas(list(rows.values()), layout=layout, vintage=vintage, report=report)
        changed |= _upsert_records(list(rows.values()), layout=layout, vintage=vintage, source=source, report=report)
    progress(total, total)
    report.imported = len(changed)
    report.duplicates += len(rows) - len(changed)
    return report


def _parse(layout: Layout, line: int, cells: list[str]) -> _Row:
    header = layout.header
    if len(cells) != len(header):
        hint = " (is the file truncated?)" if len(cells) < len(header) else ""
        raise RowProblem(
            "wrong number of columns",
            line=line,
            column=header[min(len(cells), len(header)) - 1] if cells else header[0],
            detail=f"expected {len(header)} values, found {len(cells)}{hint}",
        )
    code = cells[layout.code].strip()
    if not LSOA_CODE_RE.match(code):
        raise RowProblem(
            "malformed LSOA code" if code else "missing LSOA code",
            line=line,
            column=header[layout.code],
            detail=f"{code!r} is not an LSOA code (E01 or W01 and six digits)" if code else "",
        )
    measures: dict[str, dict[str, float | int]] = {}
    for column, domain, kind in layout.measures:
        parse = {"score": _csv.score, "rank": _csv.rank, "decile": _csv.decile}[kind]
        measures.setdefault(domain, {})[kind] = parse(cells[column], line=line, column=header[column])
    population = None
    if layout.population is not None:
        population = _csv.whole_number(
            cells[layout.population], what="population", line=line, column=header[layout.population]
        )

    def text(column: int | None) -> str:
        return cells[column].strip() if column is not None else ""

    return _Row(
        line=line,
        code=code,
        name=text(layout.lsoa_name)[:200],
        lad_code=text(layout.lad_code)[:9],
        lad_name=text(layout.lad_name)[:200],
        population=population,
        measures=measures,
    )


def _upsert_lsoas(rows: list[_Row], *, layout: Layout, vintage: int, report: ImportReport) -> set[str]:
    """Create or update the named LSOAs; a value the file lacks never blanks one already stored."""
    existing = {
        code: (name, lad_code, lad_name, population, population_from)
        for code, name, lad_code, lad_name, population, population_from in LSOA.objects.filter(
            vintage=vintage
        ).values_list("code", "name", "local_authority_code", "local_authority_name", "population", "population_source")
    }
    has_population = layout.population is not None
    population_source = f"{layout.name}: {layout.population_label}"[:200] if has_population else ""
    writes: list[LSOA] = []
    created = 0
    for row in rows:
        old = existing.get(row.code)
        if old is None:
            created += 1
            new = (row.name, row.lad_code, row.lad_name, row.population, population_source)
        else:
            new = (
                row.name or old[0],
                row.lad_code or old[1],
                row.lad_name or old[2],
                row.population if has_population else old[3],
                population_source if has_population else old[4],
            )
            if new == old:
                continue
        writes.append(
            LSOA(
                code=row.code,
                vintage=vintage,
                name=new[0],
                local_authority_code=new[1],
                local_authority_name=new[2],
                population=new[3],
                population_source=new[4],
            )
        )
    LSOA.objects.bulk_create(
        writes,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["code", "vintage"],
        update_fields=["name", "local_authority_code", "local_authority_name", "population", "population_source"],
    )
    report.notes.append(f"LSOAs {vintage}: {created} new, {len(writes) - created} updated")
    # Issue 8 §4: deprivation comes by code, before or without boundaries. LSOA rows it needs are created
    # without geometry, which marks them "no boundary loaded" (LSOA.has_boundary, LSOA.objects.with_boundary()):
    # they hold deprivation and nothing else, and spatial work and crime linking leave them out.
    bounded = set(LSOA.objects.filter(vintage=vintage).with_boundary().values_list("code", flat=True))
    unbounded = sum(1 for row in rows if row.code not in bounded)
    if unbounded:
        report.notes.append(
            f"{unbounded} LSOAs of this file have no boundary loaded: marked 'no boundary loaded', they hold "
            "deprivation by code only until import_lsoa_boundaries adds their boundaries"
        )
    return {lsoa.code for lsoa in writes}


def _upsert_records(rows: list[_Row], *, layout: Layout, vintage: int, source: str, report: ImportReport) -> set[str]:
    """Upsert one record per row and domain, overwriting only the values this file holds."""
    if not layout.measures:
        return set()
    edition = layout.edition
    lsoa_ids = dict(LSOA.objects.filter(vintage=vintage).values_list("code", "pk"))
    existing: dict[tuple[int, str], Values] = {
        (lsoa_id, domain): (score, rank, decile)
        for lsoa_id, domain, score, rank, decile in DeprivationRecord.objects.filter(
            edition=edition, lsoa__vintage=vintage
        ).values_list("lsoa_id", "domain", "score", "rank", "decile")
    }
    writes: list[tuple[int, str, float | None, int | None, int | None]] = []
    changed: set[str] = set()
    created = 0
    for row in rows:
        lsoa_id = lsoa_ids[row.code]
        for domain, given in row.measures.items():
            old = existing.get((lsoa_id, domain))
            if old is None:
                created += 1
                old = (None, None, None)
            score, rank, decile = (given.get(kind, value) for kind, value in zip(KINDS, old, strict=True))
            # Equal values from another file (File 2 repeating File 1's IMD rank) leave the record and its source.
            if (score, rank, decile) != old:
                changed.add(row.code)
                writes.append((lsoa_id, domain, score, rank, decile))  # type: ignore[arg-type]
    records_upsert(writes, edition=edition, source=source)
    unchanged = sum(len(row.measures) for row in rows) - len(writes)
    report.notes.append(
        f"deprivation records (IoD{edition}): {created} new, {len(writes) - created} updated, {unchanged} unchanged"
    )
    return changed


def records_upsert(
    records: list[tuple[int, str, float | None, int | None, int | None]],
    *,
    edition: int,
    source: str,
    fast: bool | None = None,
) -> None:
    """Insert or update (lsoa_id, domain, score, rank, decile) records of EDITION, all from SOURCE.

    On PostgreSQL one INSERT ... SELECT FROM unnest(...) ON CONFLICT per batch does it (a whole England file of
    about 270,000 records in seconds); elsewhere, and when FAST is False, the portable bulk_create upsert.
    """
    if fast is None:
        fast = connection.vendor == "postgresql"
    if not fast:
        DeprivationRecord.objects.bulk_create(
            (
                DeprivationRecord(
                    lsoa_id=lsoa_id,
                    edition=edition,
                    domain=domain,
                    score=score,
                    rank=rank,
                    decile=decile,
                    source=source,
                )
                for lsoa_id, domain, score, rank, decile in records
            ),
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["lsoa", "edition", "domain"],
            update_fields=["score", "rank", "decile", "source"],
        )
        return
    table = DeprivationRecord._meta.db_table
    sql = f"""
        INSERT INTO {table} (lsoa_id, edition, domain, score, rank, decile, source)
        SELECT lsoa_id, %s, domain, score, rank, decile, %s
        FROM unnest(%s::bigint[], %s::varchar[], %s::float8[], %s::integer[], %s::integer[])
            AS given(lsoa_id, domain, score, rank, decile)
        ON CONFLICT (lsoa_id, edition, domain) DO UPDATE SET
            score = EXCLUDED.score, rank = EXCLUDED.rank, decile = EXCLUDED.decile, source = EXCLUDED.source
    """
    with connection.cursor() as cursor:
        for start in range(0, len(records), FAST_BATCH):
            columns = [list(column) for column in zip(*records[start : start + FAST_BATCH], strict=True)]
            cursor.execute(sql, [edition, source, *columns])
