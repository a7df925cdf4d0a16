"""Keeping an import to one force: which areas lie mostly inside the force's boundary (issue 8 §4).

An LSOA is kept when more than half of its area, measured in British National Grid (ADR 0002), lies inside
the force boundary. Generalised LSOA and force boundaries disagree by a few metres along the edge, so a
"touches" or "intersects" test would pull in slivers of the neighbouring forces' LSOAs; the majority rule
keeps each LSOA in exactly one force, as ONS's own LSOA to police force area best-fit lookups do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.gis.geos import GEOSGeometry

from core.imports import ImportFailed
from geography.models import Force
from geography.services import measured_area

MAJORITY = 0.5


@dataclass
class ForceArea:
    force: Force
    boundary: GEOSGeometry
    prepared: Any  # GEOS PreparedGeometry of the boundary, for fast containment tests

    @classmethod
    def load(cls, slug: str) -> ForceArea:
        """The boundary of the force SLUG; ImportFailed when the force or its boundary is not loaded."""
        force = Force.objects.filter(slug=slug).first()
        if force is None:
            raise ImportFailed(f"there is no force '{slug}'", column="--force")
        if force.boundary is None:
            raise ImportFailed(
                f"the force '{slug}' has no boundary loaded: run import_force_boundary --force {slug} PATH first",
                column="--force",
            )
        return cls(force=force, boundary=force.boundary, prepared=force.boundary.prepared)

    def share_inside(self, geometry: GEOSGeometry) -> float:
        """The share (0-1) of GEOMETRY's area inside the force boundary."""
        if self.prepared.contains(geometry):
            return 1.0
        if not self.prepared.intersects(geometry):
            return 0.0
        area = measured_area(geometry)
        if area <= 0:
            return 0.0
        return min(1.0, measured_area(geometry.intersection(self.boundary)) / area)

    def keeps(self, geometry: GEOSGeometry) -> bool:
        return self.share_inside(geometry) > MAJORITY
