"""The LSOA 2011 <-> 2021 crosswalk, built from the loaded boundaries of both vintages (ADR 0007).

ONS kept most LSOAs between the 2011 and 2021 censuses (same code, same area), split some (one 2011 code
becomes two or more 2021 codes) and merged others. The crosswalk says, for every loaded pair:
- **identity** for a code present in both vintages: the whole LSOA maps to itself (both shares 1);
- **overlap** for the others: the share of each LSOA's area (British National Grid, ADR 0002) lying in
  each LSOA of the other vintage it overlaps. Overlaps under SLIVER of both areas are dropped as artefacts of
  generalised boundaries, and each LSOA's shares are then normalised to sum to 1, so apportioning never
  loses or invents crimes.

A split maps exactly (each 2021 part lies in its one 2011 parent); a merge apportions by area, which is an
estimate. Built with PostGIS (``crosswalk_build``; command ``build_lsoa_crosswalk``).
"""

from __future__ import annotations

from collections import defaultdict

from django.db import connection, transaction

from crime.models import LSOACrosswalk
from geography.models import LSOA

SLIVER = 0.02

_OVERLAPS = """
WITH both_vintages AS (
    SELECT code FROM {lsoa} WHERE vintage = 2011 INTERSECT SELECT code FROM {lsoa} WHERE vintage = 2021
)
SELECT a.id, b.id, ST_Area(ST_Intersection(ta, tb)) / ST_Area(ta), ST_Area(ST_Intersection(ta, tb)) / ST_Area(tb)
FROM {lsoa} a
JOIN {lsoa} b ON a.geometry && b.geometry AND ST_Intersects(a.geometry, b.geometry)
CROSS JOIN LATERAL (SELECT ST_Transform(a.geometry, 27700) AS ta, ST_Transform(b.geometry, 27700) AS tb) t
WHERE a.vintage = 2011 AND b.vintage = 2021
  AND a.code NOT IN (SELECT code FROM both_vintages) AND b.code NOT IN (SELECT code FROM both_vintages)
"""


@transaction.atomic
def crosswalk_build() -> dict[str, int]:
    """Rebuild the crosswalk from the loaded LSOAs; returns how many identity and overlap pairs it holds."""
    LSOACrosswalk.objects.all().delete()
    codes11 = dict(LSOA.objects.filter(vintage=2011).values_list("code", "pk"))
    codes21 = dict(LSOA.objects.filter(vintage=2021).values_list("code", "pk"))
    identity = [
        LSOACrosswalk(lsoa11_id=codes11[code], lsoa21_id=codes21[code], share_of_11=1.0, share_of_21=1.0,
                      method=LSOACrosswalk.Method.IDENTITY)
        for code in codes11.keys() & codes21.keys()
    ]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(_OVERLAPS.format(lsoa=LSOA._meta.db_table))
        pairs = [(a, b, s11, s21) for a, b, s11, s21 in cursor.fetchall() if max(s11, s21) >= SLIVER]
    total11: dict[int, float] = defaultdict(float)
    total21: dict[int, float] = defaultdict(float)
    for a, b, s11, s21 in pairs:
        total11[a] += s11
        total21[b] += s21
    overlap = [
        LSOACrosswalk(lsoa11_id=a, lsoa21_id=b, share_of_11=s11 / total11[a], share_of_21=s21 / total21[b],
                      method=LSOACrosswalk.Method.OVERLAP)
        for a, b, s11, s21 in pairs
    ]  # fmt: skip
    LSOACrosswalk.objects.bulk_create(identity + overlap, batch_size=1000)
    return {"identity": len(identity), "overlap": len(overlap)}
