"""Storing a demo plan: every record is created, updated in place or left alone, so re-runs change nothing.

Rows are matched on their natural keys (force slug, LSOA code + vintage, neighbourhood code within the
force, deprivation LSOA + edition + domain, crime key). A row is saved only when a value differs, so a
second run writes no rows, no history and no audit events.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Point, Polygon
from django.db import models

from crime.models import Crime
from demo.synthetic import FORCE_NAME, FORCE_SLUG, LOCAL_AUTHORITY_CODE, LOCAL_AUTHORITY_NAME, SOURCE, Plan
from geography.models import LSOA, DeprivationRecord, Edition, Force, Neighbourhood, NeighbourhoodLSOA, Vintage
from geography.services import neighbourhood_set_lsoas

BATCH = 500


@dataclass
class SyncStats:
    """What a run did, per model: created, updated, unchanged, deleted."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, model: type[models.Model] | str, outcome: str, n: int = 1) -> None:
        name = model if isinstance(model, str) else model._meta.verbose_name_plural
        self.counts.setdefault(str(name), Counter())[outcome] += n

    @property
    def changed(self) -> bool:
        return any(c["created"] or c["updated"] or c["deleted"] for c in self.counts.values())


def _same(current: Any, wanted: Any) -> bool:
    if isinstance(wanted, GEOSGeometry):
        return (
            isinstance(current, GEOSGeometry)
            and current.geom_type == wanted.geom_type
            and current.equals_exact(wanted, 1e-9)
        )
    return bool(current == wanted)


def assign(obj: models.Model, values: dict[str, Any]) -> list[str]:
    """Set VALUES on OBJ; return the names of the fields that changed."""
    changed = []
    for name, value in values.items():
        if not _same(getattr(obj, name), value):
            setattr(obj, name, value)
            changed.append(name)
    return changed


def upsert(model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any], stats: SyncStats) -> Any:
    """The row matching LOOKUP with VALUES: created, updated in place (only the changed fields) or untouched."""
    return upsert_outcome(model, lookup, values, stats)[0]


def upsert_outcome(
    model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any], stats: SyncStats
) -> tuple[Any, str]:
    """As upsert, also saying what happened: "created", "updated" or "unchanged"."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        outcome, changed = "created", None
    else:
        changed = assign(obj, values)
        outcome = "updated" if changed else "unchanged"
    if outcome != "unchanged":
        obj.full_clean()
        obj.save(update_fields=changed)
    stats.add(model, outcome)
    return obj, outcome


def sync_members(*, neighbourhood: Neighbourhood, lsoas: list[LSOA], geometry_changed: bool, stats: SyncStats) -> None:
    """Make NEIGHBOURHOOD exactly the group LSOAS (boundary = union), unless it already is."""
    current = set(
        NeighbourhoodLSOA.objects.filter(
            neighbourhood=neighbourhood, method=NeighbourhoodLSOA.Method.EXPLICIT, weight=1.0
        ).values_list("lsoa_id", flat=True)
    )
    total = NeighbourhoodLSOA.objects.filter(neighbourhood=neighbourhood).count()
    wanted = {lsoa.pk for lsoa in lsoas}
    if current == wanted and total == len(wanted) and neighbourhood.boundary is not None and not geometry_changed:
        stats.add("memberships", "unchanged", len(wanted))
        return
    neighbourhood_set_lsoas(neighbourhood=neighbourhood, lsoas=lsoas)
    stats.add("memberships", "updated" if total else "created", len(wanted))


def sync_rows(
    model: type[models.Model],
    existing: Iterable[models.Model],
    wanted: dict[Any, dict[str, Any]],
    key_of: Any,
    stats: SyncStats,
    *,
    delete_stale: bool = False,
) -> None:
    """Bulk version of upsert for many small rows: WANTED maps a key to the row's values."""
    found = {key_of(obj): obj for obj in existing}
    to_update, fields = [], set()
    for key, values in wanted.items():
        obj = found.get(key)
        if obj is None:
            continue
        changed = assign(obj, values)
        if changed:
            to_update.append(obj)
            fields.update(changed)
    new = [model(**values) for key, values in wanted.items() if key not in found]
    model._default_manager.bulk_create(new, batch_size=BATCH)
    if to_update:
        model._default_manager.bulk_update(to_update, sorted(fields), batch_size=BATCH)
    stale = [obj.pk for key, obj in found.items() if key not in wanted] if delete_stale else []
    for start in range(0, len(stale), BATCH):
        model._default_manager.filter(pk__in=stale[start : start + BATCH]).delete()
    stats.add(model, "created", len(new))
    stats.add(model, "updated", len(to_update))
    stats.add(model, "deleted", len(stale))
    stats.add(model, "unchanged", len(wanted) - len(new) - len(to_update))


def store_plan(plan: Plan, stats: SyncStats) -> tuple[Force, list[Neighbourhood]]:
    """Write PLAN (see demo.synthetic); return the force and its neighbourhoods in plan order."""
    force = upsert(Force, {"slug": FORCE_SLUG}, {"name": FORCE_NAME, "synthetic": True}, stats)

    lsoas: dict[str, LSOA] = {}
    geometry_changed = False
    for item in plan.lsoas:
        geometry = MultiPolygon(Polygon(item.ring, srid=4326), srid=4326)
        values = {
            "name": item.name,
            "geometry": geometry,
            "local_authority_code": LOCAL_AUTHORITY_CODE,
            "local_authority_name": LOCAL_AUTHORITY_NAME,
            "population": item.population,
            "population_source": SOURCE,
            "source": SOURCE,
        }
        lsoas[item.code], outcome = upsert_outcome(LSOA, {"code": item.code, "vintage": Vintage.V2011}, values, stats)
        # Any changed LSOA may move a neighbourhood boundary, so then every boundary is rebuilt.
        geometry_changed |= outcome != "unchanged"

    neighbourhoods = []
    for hood in plan.neighbourhoods:
        neighbourhood = upsert(
            Neighbourhood, {"force": force, "code": hood.code}, {"name": hood.name, **hood.fields}, stats
        )
        members = [lsoas[code] for code in hood.lsoa_codes]
        sync_members(neighbourhood=neighbourhood, lsoas=members, geometry_changed=geometry_changed, stats=stats)
        neighbourhoods.append(neighbourhood)

    pk_of = {code: lsoa.pk for code, lsoa in lsoas.items()}
    sync_rows(
        DeprivationRecord,
        DeprivationRecord.objects.filter(lsoa__in=pk_of.values(), edition=Edition.IOD2019),
        {
            (pk_of[row.lsoa_code], row.domain): {
                "lsoa_id": pk_of[row.lsoa_code],
                "edition": Edition.IOD2019,
                "domain": row.domain,
                "score": row.score,
                "rank": row.rank,
                "decile": row.decile,
                "source": f"{SOURCE} (IoD2019-like; not real deprivation)",
            }
            for row in plan.deprivation
        },
        lambda obj: (obj.lsoa_id, obj.domain),
        stats,
    )

    hood_of = {
        code: n.pk for n, plan_n in zip(neighbourhoods, plan.neighbourhoods, strict=True) for code in plan_n.lsoa_codes
    }
    source_file = f"{SOURCE} (seed {plan.seed})"
    wanted = {
        crime.key: {
            "key": crime.key,
            "crime_id": crime.crime_id,
            "month": crime.month,
            "reported_by": FORCE_NAME,
            "falls_within": FORCE_NAME,
            "location": Point(*crime.location, srid=4326),
            "location_text": crime.location_text,
            "lsoa_code": crime.lsoa_code,
            "lsoa_name": lsoas[crime.lsoa_code].name,
            "lsoa_id": pk_of[crime.lsoa_code],
            "neighbourhood_id": hood_of[crime.lsoa_code],
            "category": crime.category,
            "last_outcome": crime.last_outcome,
            "context": "",
            "source_file": source_file,
        }
        for crime in plan.crimes
    }
    # Crimes of the demo force from an earlier seed or month window are replaced.
    sync_rows(
        Crime,
        Crime.objects.filter(falls_within=FORCE_NAME),
        wanted,
        lambda obj: obj.key,
        stats,
        delete_stale=True,
    )
    return force, neighbourhoods
