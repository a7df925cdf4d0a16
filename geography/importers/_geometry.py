"""Geometry for the geography importers: GEOS geometries built from GeoJSON, repaired, and kept quiet.

Every polygon is built by ``GEOSGeometry`` from a GeoJSON geometry object that this module writes itself
from the parsed coordinates (``{"type", "coordinates"}`` only), with ``srid=4326`` given explicitly. GDAL's
GeoJSON reader would otherwise parse a ``crs`` member of the input, and GDAL 3.6 cannot sandbox the parsing
of spatial-reference strings (ADR 0002): no string from a file ever reaches it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.contrib.gis.gdal import GDALException, OGRGeometry
from django.contrib.gis.geos import GEOSException, GEOSGeometry, MultiPolygon

STORAGE_SRID = 4326  # ADR 0002; settings.STORAGE_SRID says the same


def geojson_geometry(kind: str, coordinates: Any) -> GEOSGeometry:
    """A GEOS geometry of KIND ("Polygon", "MultiPolygon"...) from GeoJSON COORDINATES, in WGS84.

    Raises ValueError for coordinates GDAL or GEOS cannot read.
    """
    if kind not in ("Polygon", "MultiPolygon"):
        raise ValueError(f"expected a Polygon or MultiPolygon, got {kind!r}")
    try:
        text = json.dumps({"type": kind, "coordinates": coordinates}, allow_nan=False)
        ogr = OGRGeometry(text)
        if ogr.is_3d:
            ogr.set_3d(False)  # KML and some GeoJSON carry an altitude; the stored geometry is 2D
        # Through WKB with the SRID given: OGRGeometry.geos would ask GDAL for a spatial reference first.
        geometry = GEOSGeometry(memoryview(ogr.wkb), srid=STORAGE_SRID)
    except GDALException as exc:
        raise ValueError(f"malformed {kind} coordinates") from exc
    except (TypeError, ValueError, GEOSException) as exc:
        raise ValueError(str(exc) or type(exc).__name__) from exc
    return geometry


def polygon_from_rings(rings: Sequence[Sequence[tuple[float, float]]]) -> GEOSGeometry:
    """A Polygon from an outer ring and any holes, each a list of (longitude, latitude)."""
    return geojson_geometry("Polygon", [[list(point) for point in ring] for ring in rings])


class _DropGeosNotices(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("GEOS_NOTICE")


@contextmanager
def quiet_geos() -> Iterator[None]:
    """Hide GEOS validity notices: invalid rings are counted and repaired or rejected, not logged one by one."""
    logger = logging.getLogger("django.contrib.gis")
    notices = _DropGeosNotices()
    logger.addFilter(notices)
    try:
        yield
    finally:
        logger.removeFilter(notices)


def polygonal(geometry: GEOSGeometry) -> tuple[MultiPolygon, bool]:
    """GEOMETRY as a valid MultiPolygon, and whether it had to be repaired.

    An invalid polygon is repaired with GEOS make_valid when that yields polygons (for the self-intersecting
    and nested-shell rings in the ONS generalised files the repaired area matches the published Shape__Area);
    collapsed slivers (lines, points) that the repair splits off are dropped. Raises ValueError otherwise.
    """
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        raise ValueError(f"expected a Polygon or MultiPolygon, got a {geometry.geom_type}")
    if geometry.empty:
        raise ValueError("the polygon is empty")
    if geometry.valid:
        return _multi(geometry), False
    reason = geometry.valid_reason
    try:
        repaired = geometry.make_valid()
    except GEOSException as exc:
        raise ValueError(f"invalid polygon ({reason}) that cannot be repaired") from exc
    if repaired.geom_type == "GeometryCollection":
        members: list[GEOSGeometry] = list(repaired)  # type: ignore[call-overload]
        polygons: list[GEOSGeometry] = []
        for part in members:
            if part.geom_type == "Polygon":
                polygons.append(part)
            elif part.geom_type == "MultiPolygon":
                polygons.extend(part)  # type: ignore[arg-type]
        repaired = MultiPolygon(*polygons, srid=geometry.srid) if polygons else repaired
    if repaired.geom_type not in ("Polygon", "MultiPolygon") or repaired.empty or not repaired.valid:
        raise ValueError(f"invalid polygon ({reason}) that cannot be repaired into a polygon")
    repaired.srid = geometry.srid
    return _multi(repaired), True


def _multi(geometry: GEOSGeometry) -> MultiPolygon:
    if geometry.geom_type == "MultiPolygon":
        return geometry  # type: ignore[return-value]
    return MultiPolygon(geometry, srid=geometry.srid)
