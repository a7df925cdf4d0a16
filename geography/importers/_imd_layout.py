"""Recognising an Indices of Deprivation CSV from its header.

Two families of layout occur. The official MHCLG files (IoD2019 Files 1, 2, 5, 6, 7 and IoD2025 File 7) have
long column names such as ``Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)`` and start
with ``LSOA code (2011)`` or ``LSOA code (2021)``. The short-name CSVs (R package "IMD") start with
``lsoa11_code`` or ``lsoa21_code`` and name columns ``IMD_rank``, ``Crime_decile``, ``Income_score``.
Supplementary indices (IDACI, IDAOPI), sub-domains and the age-band denominators are recognised and ignored;
any other column makes the header unrecognised, so a file of another kind (e.g. the Welsh WIMD, or the
IoD2019 File 9 transformed scores) is refused rather than half-read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from geography.models import EDITION_VINTAGE, Domain

# The vintage of the LSOA codes tells the edition: IoD2019 uses 2011 LSOAs, IoD2025 2021 LSOAs.
EDITION_OF_VINTAGE = {int(vintage): int(edition) for edition, vintage in EDITION_VINTAGE.items()}

OFFICIAL_DOMAINS = {
    "index of multiple deprivation (imd)": Domain.IMD,
    "income": Domain.INCOME,
    "employment": Domain.EMPLOYMENT,
    "education, skills and training": Domain.EDUCATION,
    "health deprivation and disability": Domain.HEALTH,
    "crime": Domain.CRIME,
    "barriers to housing and services": Domain.BARRIERS,
    "living environment": Domain.LIVING_ENVIRONMENT,
}
SHORT_DOMAINS = {
    "imd": Domain.IMD,
    "income": Domain.INCOME,
    "employment": Domain.EMPLOYMENT,
    "education": Domain.EDUCATION,
    "health": Domain.HEALTH,
    "crime": Domain.CRIME,
    "housing_and_access": Domain.BARRIERS,  # IoD2019 short name
    "housing_and_services": Domain.BARRIERS,  # IoD2025 short name
    "environment": Domain.LIVING_ENVIRONMENT,
}

_OFFICIAL_CODE = re.compile(r"^LSOA code \((2011|2021)\)$", re.I)
_OFFICIAL_NAME = re.compile(r"^LSOA name \((2011|2021)\)$", re.I)
_OFFICIAL_LAD_CODE = re.compile(r"^Local Authority District code \(\d{4}\)$", re.I)
_OFFICIAL_LAD_NAME = re.compile(r"^Local Authority District name \(\d{4}\)$", re.I)
# The rest may be cut short: the IoD2025 header has "... Decile (where 1 is most deprived 10% of LSO".
_OFFICIAL_MEASURE = re.compile(r"^(?P<label>.+?) (?P<kind>Score|Rank|Decile)(?P<rest>( \(.*)?)$", re.I)
_OFFICIAL_SUPPLEMENTARY = re.compile(r"\((IDACI|IDAOPI)\)$|Sub-domain$", re.I)
_OFFICIAL_POPULATION = re.compile(r"^Total population: mid[ -](?P<year>\d{4})(?P<rest>.*)$", re.I)
_OFFICIAL_DENOMINATOR = re.compile(
    r"^(Dependent Children|Population aged|Older population|Working age population)", re.I
)
_SHORT_CODE = re.compile(r"^lsoa(11|21)_code$", re.I)
_SHORT_NAME = re.compile(r"^lsoa(11|21)_name$", re.I)
_SHORT_MEASURE = re.compile(r"^(?P<label>[a-z_]+?)_(?P<kind>score|rank|decile)$", re.I)

EXPECTED = (
    "an official IoD layout (first column 'LSOA code (2011)' or 'LSOA code (2021)', then columns such as "
    "'Index of Multiple Deprivation (IMD) Rank', '... Decile', 'Income Score (rate)' or "
    "'Total population: mid 2015 (excluding prisoners)') or a short-name CSV (first column 'lsoa11_code' or "
    "'lsoa21_code', then columns such as 'IMD_rank', 'IMD_decile', 'IMD_score', 'Housing_and_Access_rank')"
)


class HeaderError(Exception):
    """The header is not one we know; COLUMN is the first column at fault."""

    def __init__(self, message: str, column: str | None = None):
        self.column = column
        super().__init__(message)


@dataclass
class Layout:
    """Where each value sits in a recognised file."""

    name: str
    edition: int
    header: list[str]
    code: int
    lsoa_name: int | None = None
    lad_code: int | None = None
    lad_name: int | None = None
    population: int | None = None
    population_label: str = ""
    measures: list[tuple[int, str, str]] = field(default_factory=list)  # (column, domain, score|rank|decile)

    @property
    def has_scores(self) -> bool:
        return any(kind == "score" for _, _, kind in self.measures)

    @property
    def domains(self) -> list[str]:
        return list(dict.fromkeys(domain for _, domain, _ in self.measures))


def detect(header: list[str]) -> Layout:
    """The layout of a file with HEADER, or HeaderError naming what was expected."""
    duplicated = sorted({name for name in header if header.count(name) > 1})
    if duplicated:
        raise HeaderError(f"the header repeats the column(s) {', '.join(duplicated)}", duplicated[0])
    official = [i for i, name in enumerate(header) if _OFFICIAL_CODE.match(name)]
    short = [i for i, name in enumerate(header) if _SHORT_CODE.match(name)]
    if len(official) + len(short) != 1:
        found = ", ".join(f"'{name}'" for name in header[:6]) + (", ..." if len(header) > 6 else "")
        raise HeaderError(f"unrecognised header: expected {EXPECTED}; found {found}", header[0] if header else None)
    layout = _official(header, official[0]) if official else _short(header, short[0])
    if not layout.measures and layout.population is None:
        raise HeaderError(
            f"the header has an LSOA code but no ranks, deciles, scores or population: expected {EXPECTED}"
        )
    seen: set[tuple[str, str]] = set()
    for column, domain, kind in layout.measures:
        if (domain, kind) in seen:
            raise HeaderError(f"two columns give the {domain} {kind}", header[column])
        seen.add((domain, kind))
    return layout


def _official(header: list[str], code: int) -> Layout:
    vintage = int(_OFFICIAL_CODE.match(header[code]).group(1))  # type: ignore[union-attr]
    edition = EDITION_OF_VINTAGE[vintage]
    layout = Layout(name="", edition=edition, header=header, code=code)
    unknown = []
    for i, name in enumerate(header):
        if i == code:
            continue
        if _OFFICIAL_NAME.match(name):
            layout.lsoa_name = i
        elif _OFFICIAL_LAD_CODE.match(name):
            layout.lad_code = i
        elif _OFFICIAL_LAD_NAME.match(name):
            layout.lad_name = i
        elif population := _OFFICIAL_POPULATION.match(name):
            layout.population = i
            layout.population_label = f"mid-{population['year']} population{population['rest']}"
        elif _OFFICIAL_DENOMINATOR.match(name):
            continue
        elif measure := _OFFICIAL_MEASURE.match(name):
            label = measure["label"].strip()
            domain = OFFICIAL_DOMAINS.get(label.lower())
            if domain is not None:
                layout.measures.append((i, domain, measure["kind"].lower()))
            elif not _OFFICIAL_SUPPLEMENTARY.search(label):
                unknown.append(name)
        else:
            unknown.append(name)
    _refuse_unknown(unknown)
    layout.name = f"IoD{edition} {_official_file(layout)}"
    return layout


def _official_file(layout: Layout) -> str:
    """Which published file this is, by what it holds (the names MHCLG gives them)."""
    domains = layout.domains
    if not layout.measures:
        return "File 6"
    if layout.has_scores:
        return "File 7" if layout.population is not None else "File 5"
    return "File 1" if domains == [Domain.IMD] else "File 2"


def _short(header: list[str], code: int) -> Layout:
    vintage = 2000 + int(_SHORT_CODE.match(header[code]).group(1))  # type: ignore[union-attr]
    edition = EDITION_OF_VINTAGE[vintage]
    layout = Layout(name=f"IoD{edition} short-name CSV", edition=edition, header=header, code=code)
    unknown = []
    for i, name in enumerate(header):
        if i == code:
            continue
        if _SHORT_NAME.match(name):
            layout.lsoa_name = i
        elif (measure := _SHORT_MEASURE.match(name)) and measure["label"].lower() in SHORT_DOMAINS:
            layout.measures.append((i, SHORT_DOMAINS[measure["label"].lower()], measure["kind"].lower()))
        else:
            unknown.append(name)
    _refuse_unknown(unknown)
    return layout


def _refuse_unknown(unknown: list[str]) -> None:
    if unknown:
        listed = ", ".join(f"'{name}'" for name in unknown[:8]) + (", ..." if len(unknown) > 8 else "")
        raise HeaderError(
            f"unrecognised column(s) {listed}; this is not an English Indices of Deprivation file we know. "
            f"Expected {EXPECTED}",
            unknown[0],
        )
