"""Build the LSOA 2011 <-> 2021 crosswalk from the two boundary sets loaded (docs/lsoa-crosswalk.md).

ONS keeps an LSOA's code when the area did not change at the 2021 census and retires it when it did. So:
- a code present in both vintages is the identity (1.0 both ways) and is matched to nothing else;
- each retired 2011 code is matched to the *new* 2021 codes it overlaps, weighted by shared area measured in
  British National Grid (EPSG:27700, ADR 0002), and a new 2021 code likewise draws only on retired 2011 codes.
Generalised boundaries disagree by a few metres along edges, so overlaps under ``SLIVER`` of both areas are
dropped as noise, and each LSOA's shares are scaled to sum to 1, so a count moved across vintages is neither
lost nor doubled. The whole table is rebuilt in one transaction: idempotent, and never half-written.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction

from core.imports import Progress, no_progress
from geography.models import LSOA, LSOACrosswalk, Vintage

# Below 1% of both LSOAs' areas an overlap is generalisation noise along a shared edge, not shared ground.
SLIVER = 0.01
BNG = 27700


@dataclass
class _Overlap:
    lsoa11: int
    lsoa21: int
    share_of_2011: float
    share_of_2021: float


def _retired_pairs(both: set[str], progress: Progress) -> tuple[list[_Overlap], int]:
    """Overlaps between retired 2011 LSOAs and new 2021 LSOAs; also how many retired ones had no boundary."""
    new21 = LSOA.objects.filter(vintage=Vintage.V2021, geometry__isnull=False).exclude(code__in=both)
    retired = list(LSOA.objects.filter(vintage=Vintage.V2011, geometry__isnull=False).exclude(code__in=both))
    areas21: dict[int, float] = {}
    overlaps: list[_Overlap] = []
    for done, old in enumerate(retired, start=1):
        assert old.geometry is not None
        old_bng = old.geometry.transform(BNG, clone=True)
        old_area = old_bng.area
        # The database narrows by bounding-box intersection (spatial index); GEOS measures the few candidates.
        for new in new21.filter(geometry__intersects=old.geometry):
            assert new.geometry is not None
            new_bng = new.geometry.transform(BNG, clone=True)
            if new.pk not in areas21:
                areas21[new.pk] = new_bng.area
            shared = old_bng.intersection(new_bng).area
            if shared <= 0 or old_area <= 0 or areas21[new.pk] <= 0:
                continue
            overlap = _Overlap(old.pk, new.pk, shared / old_area, shared / areas21[new.pk])
            if overlap.share_of_2011 >= SLIVER or overlap.share_of_2021 >= SLIVER:
                overlaps.append(overlap)
        progress(done, len(retired))
    return overlaps, len(retired)


def _normalise(overlaps: list[_Overlap]) -> None:
    """Scale each LSOA's shares to sum to 1 (what generalisation and slivers took away)."""
    totals11: dict[int, float] = defaultdict(float)
    totals21: dict[int, float] = defaultdict(float)
    for overlap in overlaps:
        totals11[overlap.lsoa11] += overlap.share_of_2011
        totals21[overlap.lsoa21] += overlap.share_of_2021
    for overlap in overlaps:
        overlap.share_of_2011 = min(1.0, overlap.share_of_2011 / totals11[overlap.lsoa11])
        overlap.share_of_2021 = min(1.0, overlap.share_of_2021 / totals21[overlap.lsoa21])


def _change(overlap: _Overlap, fan_out: dict[int, int], fan_in: dict[int, int]) -> str:
    """Split: one 2011 into several 2021 that came only from it; merged: the reverse; anything else redrawn."""
    out, into = fan_out[overlap.lsoa11], fan_in[overlap.lsoa21]
    if out > 1 and into == 1:
        return LSOACrosswalk.Change.SPLIT
    if out == 1 and into > 1:
        return LSOACrosswalk.Change.MERGED
    return LSOACrosswalk.Change.COMPLEX


def crosswalk_build(*, progress: Progress = no_progress) -> dict[str, int]:
    """Rebuild the crosswalk from the LSOAs loaded; returns counts by kind and what could not be matched."""
    codes11 = dict(LSOA.objects.filter(vintage=Vintage.V2011).values_list("code", "pk"))
    codes21 = dict(LSOA.objects.filter(vintage=Vintage.V2021).values_list("code", "pk"))
    both = set(codes11) & set(codes21)
    overlaps, retired = _retired_pairs(both, progress)
    _normalise(overlaps)
    fan_out: dict[int, int] = defaultdict(int)
    fan_in: dict[int, int] = defaultdict(int)
    for overlap in overlaps:
        fan_out[overlap.lsoa11] += 1
        fan_in[overlap.lsoa21] += 1
    rows = [
        LSOACrosswalk(
            lsoa11_id=codes11[code],
            lsoa21_id=codes21[code],
            share_of_2011=1.0,
            share_of_2021=1.0,
            change=LSOACrosswalk.Change.UNCHANGED,
        )
        for code in sorted(both)
    ]
    rows += [
        LSOACrosswalk(
            lsoa11_id=o.lsoa11,
            lsoa21_id=o.lsoa21,
            share_of_2011=o.share_of_2011,
            share_of_2021=o.share_of_2021,
            change=_change(o, fan_out, fan_in),
        )
        for o in overlaps
    ]
    with transaction.atomic():
        LSOACrosswalk.objects.all().delete()
        LSOACrosswalk.objects.bulk_create(rows, batch_size=2000)
    new21 = LSOA.objects.filter(vintage=Vintage.V2021, geometry__isnull=False).exclude(code__in=both).count()
    counts = {change.label.lower(): 0 for change in LSOACrosswalk.Change}
    for row in rows:
        counts[LSOACrosswalk.Change(row.change).label.lower()] += 1
    return {
        "rows": len(rows),
        **counts,
        "retired_2011": retired,
        "retired_2011_unmatched": retired - len(fan_out),
        "new_2021_unmatched": new21 - len(fan_in),
    }
