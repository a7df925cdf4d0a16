"""The LSOA map layer of one force: geometry simplified for the zoom, figures cut by tier, cached.

Never the national layer in one response: the layer is per force (about 1,700 polygons for West Yorkshire).
Geometry is simplified in the database with ST_SimplifyPreserveTopology (PostGIS and SpatiaLite both have
it: the portable path) to half a screen pixel at the zoom asked, and written as GeoJSON by the database with
fewer decimals when zoomed out. The rendered layer is cached per force, zoom, tier, scope and current run;
``layers_invalidate`` (called when a run completes, which follows every import) drops them all at once.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.gis.db.models import GeometryField
from django.contrib.gis.db.models.functions import AsGeoJSON, GeoFunc
from django.core.cache import cache
from django.db.models import CharField, FloatField, IntegerField, OuterRef, QuerySet, Subquery, Value

from accounts.tiers import max_tier
from core.tiers import Tier
from deployment.models import LSOAScore, ScoreRun
from deployment.permissions import VIEW_RUN
from geography.models import LSOA, DeprivationRecord, Domain, Force, Neighbourhood
from geography.scoping import readable_neighbourhoods

GENERATION_KEY = "deployment:layer-generation"
LAYER_SECONDS = 24 * 60 * 60
MIN_ZOOM, MAX_ZOOM = 6, 18


class SimplifyPreserveTopology(GeoFunc):  # type: ignore[misc]
    function = "ST_SimplifyPreserveTopology"
    geom_param_pos = (0,)
    output_field = GeometryField(srid=4326)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(compiler, connection, function="SimplifyPreserveTopology", **extra)


def tolerance(zoom: int) -> float:
    """Half a 256-px tile pixel in degrees at ZOOM: finer detail than that cannot be seen."""
    return 360.0 / (256 * 2**zoom) / 2


def layers_invalidate() -> None:
    """Drop every cached layer (a new generation): after a run completes, i.e. after each import."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def _generation() -> int:
    return int(cache.get_or_set(GENERATION_KEY, 1, None) or 1)


def lsoa_layer_queryset(*, force: Force, user: Any, zoom: int, vintage: int = 2011) -> tuple[QuerySet[LSOA], bool]:
    """The force's LSOAs the user may see, annotated for the layer; and whether score and band are shown."""
    scope = readable_neighbourhoods(user)
    neighbourhoods = Neighbourhood.objects.filter(force=force)
    if scope is not None:
        neighbourhoods = neighbourhoods.filter(pk__in=scope)
    shows_scores = max_tier(user) >= Tier.POLICE and user.has_perm(VIEW_RUN)
    run = ScoreRun.objects.filter(scope=force.slug, vintage=vintage, is_current=True).first()
    scores = LSOAScore.objects.filter(run=run, lsoa=OuterRef("pk"))
    decile = DeprivationRecord.objects.filter(
        lsoa=OuterRef("pk"), domain=Domain.IMD, edition=2019 if vintage == 2011 else 2025
    ).values("decile")[:1]
    lsoas = (
        LSOA.objects.filter(vintage=vintage, memberships__neighbourhood__in=neighbourhoods)
        .distinct()
        .annotate(
            geometry_geojson=AsGeoJSON(
                SimplifyPreserveTopology("geometry", tolerance(zoom)), precision=5 if zoom <= 12 else 6
            ),
            imd_decile=Subquery(decile, output_field=IntegerField()),
            crime_rate=Subquery(scores.values("crime_rate")[:1], output_field=FloatField()),
        )
        .defer("geometry")
        .order_by("code")
    )
    if shows_scores:
        lsoas = lsoas.annotate(
            score=Subquery(scores.values("score")[:1], output_field=FloatField()),
            band=Subquery(scores.values("band")[:1]),
        )
    else:  # below the police tier the layer carries no score or band at all
        lsoas = lsoas.annotate(score=Value(None, output_field=FloatField()), band=Value(None, output_field=CharField()))
    return lsoas, shows_scores


def layer_cache_key(*, force: Force, user: Any, zoom: int, vintage: int) -> str:
    """Readers who see the same LSOAs and tier share a cached layer: police of a force share one."""
    scope = readable_neighbourhoods(user)
    who = "all" if scope is None else ",".join(str(pk) for pk in sorted(scope.values_list("pk", flat=True)))
    run = ScoreRun.objects.filter(scope=force.slug, vintage=vintage, is_current=True).values_list("pk", flat=True)
    tier = int(max_tier(user)) if user.has_perm(VIEW_RUN) else 0
    digest = hashlib.sha256(who.encode()).hexdigest()[:16]
    return f"deployment:layer:{_generation()}:{force.pk}:{vintage}:{zoom}:{tier}:{digest}:{run.first() or 0}"
