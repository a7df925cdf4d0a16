"""Writes to crime records outside the importer: relinking crimes after boundaries change."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction

from core.imports import Progress, no_progress
from crime.importer.service import lock_crimes, use_copy
from crime.linking import GeosLinker, Item, Linker, PostgisLinker
from crime.models import Crime
from geography.models import Neighbourhood

if TYPE_CHECKING:
    from accounts.models import User

CHUNK = 5_000  # (code, point)s linked per round
UPDATE_BATCH = 500  # keys per UPDATE, under SQLite's parameter limit

Links3 = tuple[int | None, int | None, int | None]  # (LSOA 2011, LSOA 2021, neighbourhood)


@dataclass
class RelinkReport:
    """What a relink did: every crime in scope was linked again by the one rule (crime.linking)."""

    force: str = ""
    crimes: int = 0
    changed: int = 0
    lsoa_by_code: int = 0
    lsoa_by_point: int = 0
    no_lsoa: int = 0
    linked_neighbourhood: int = 0
    unlinked_neighbourhood: int = 0  # crimes that had a neighbourhood and now have none (a boundary shrank)
    gained: Counter[int] = field(default_factory=Counter)  # neighbourhood id -> crimes newly linked to it

    def as_dict(self) -> dict[str, Any]:
        return {
            "force": self.force,
            "crimes": self.crimes,
            "changed": self.changed,
            "lsoa_by_code": self.lsoa_by_code,
            "lsoa_by_point": self.lsoa_by_point,
            "no_lsoa": self.no_lsoa,
            "linked_neighbourhood": self.linked_neighbourhood,
            "unlinked_neighbourhood": self.unlinked_neighbourhood,
        }

    def lines(self) -> list[str]:
        scope = f"crimes of {self.force}" if self.force else "all crimes"
        return [
            f"relinked {scope}: {self.crimes}",
            f"  links changed:             {self.changed}",
            f"  LSOA by the file's code:   {self.lsoa_by_code}",
            f"  LSOA by the point:         {self.lsoa_by_point}",
            f"  no LSOA:                   {self.no_lsoa}",
            f"  linked to a neighbourhood: {self.linked_neighbourhood}",
            f"  unlinked from a neighbourhood (now outside every boundary): {self.unlinked_neighbourhood}",
        ]


def crimes_relink(
    *,
    force: str | None = None,
    actor: User | None = None,
    progress: Progress = no_progress,
    linker: Linker | None = None,
) -> RelinkReport:
    """Link every crime (or FORCE's, by police.uk force id) again to its LSOAs and neighbourhood.

    Run after boundaries, neighbourhoods or LSOA vintages change: links follow the one rule of
    ``crime.linking``, so a crime a shrunken boundary no longer covers loses its neighbourhood. Only rows
    whose links change are written, in one transaction. ACTOR is recorded by the Job that runs this.
    PROGRESS receives ((code, point)s done, in all).
    """
    del actor  # crime links carry no history of their own; the Job records who asked
    report = RelinkReport(force=force or "")
    with transaction.atomic():
        lock_crimes()
        crimes = Crime.objects.all()
        if force:
            crimes = crimes.filter(release__force=force)
        # Crimes sharing a code and a point share their links: police.uk snaps crimes to few points.
        groups: dict[Item, dict[str, Links3]] = defaultdict(dict)
        rows = crimes.values_list("key", "lsoa_code", "location", "lsoa_id", "lsoa21_id", "neighbourhood_id")
        for key, code, location, lsoa, lsoa21, nbh in rows.iterator(chunk_size=CHUNK):
            point = None if location is None else (location.x, location.y)
            groups[(code, point)][key] = (lsoa, lsoa21, nbh)
        linker = linker or (PostgisLinker() if use_copy() else GeosLinker())
        items = list(groups)
        moves: dict[Links3, list[Any]] = defaultdict(list)
        for start in range(0, len(items), CHUNK):
            chunk = items[start : start + CHUNK]
            found = linker.links(chunk)
            for item in chunk:
                links = found[item]
                target = (links.lsoa, links.lsoa21, links.neighbourhood)
                members = groups[item]
                report.crimes += len(members)
                count = len(members)
                if links.path == "code":
                    report.lsoa_by_code += count
                elif links.path == "point":
                    report.lsoa_by_point += count
                else:
                    report.no_lsoa += count
                report.linked_neighbourhood += count if links.neighbourhood is not None else 0
                for key, current in members.items():
                    if current != target:
                        moves[target].append(key)
                        if current[2] is not None and target[2] is None:
                            report.unlinked_neighbourhood += 1
                        if target[2] is not None and current[2] != target[2]:
                            report.gained[target[2]] += 1
            progress(min(start + CHUNK, len(items)), len(items))
        for (lsoa, lsoa21, nbh), keys in moves.items():
            report.changed += len(keys)
            for start in range(0, len(keys), UPDATE_BATCH):
                Crime.objects.filter(key__in=keys[start : start + UPDATE_BATCH]).update(
                    lsoa_id=lsoa, lsoa21_id=lsoa21, neighbourhood_id=nbh
                )
        if isinstance(linker, PostgisLinker):
            linker.close()
    return report


def crimes_link_unlinked(*, neighbourhoods: Iterable[Neighbourhood]) -> int:
    """Relink every crime (``crimes_relink``); returns how many are newly linked to NEIGHBOURHOODS.

    Kept for the callers written before relinking existed (the demo loader, the relink job).
    """
    wanted = {neighbourhood.pk for neighbourhood in neighbourhoods}
    report = crimes_relink()
    return sum(count for pk, count in report.gained.items() if pk in wanted)
