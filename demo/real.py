"""``load_demo --real``: West Yorkshire from the shared open data, through the project's own importers.

The LSOA 2011 boundaries, IoD2019 Files 1, 2 and 6 and the three West Yorkshire crime months are loaded
by the same importers the ``import_*`` commands use, so the demo exercises the real paths. police.uk
publishes no West Yorkshire neighbourhood boundaries (shared/data/MANIFEST.md, "Not found"), so the demo
neighbourhoods are groups of real LSOAs: the LSOAs of six MSOAs around each of Leeds and Bradford city
centres (the LSOA "Leeds 111A" is in the MSOA "Leeds 111"). They are labelled as demo groupings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from django.contrib.gis.geos import Point
from django.db import transaction

from accounts.models import User
from core.imports import ImportFailed, ImportReport
from crime.importer import import_crimes
from crime.services import crimes_link_unlinked
from demo.deployment import load_deployment_demo
from demo.people import Cast, sync_people
from demo.queries import load_query_demo
from demo.services import DemoResult
from demo.writer import SyncStats, sync_members, upsert
from geography.importers.boundaries import import_lsoa_boundaries
from geography.importers.imd import import_imd
from geography.models import LSOA, Force, Neighbourhood, Vintage

BOUNDARIES = Path("boundaries") / "west_yorkshire_lsoa11_bsc_v3.geojson"
IOD_FILES = [
    Path("iod") / "File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz",
    Path("iod") / "File_2_-_IoD2019_Domains_of_Deprivation.csv.gz",
    Path("iod") / "File_6_-_IoD2019_Population_Denominators.csv.gz",
]
CRIMES = Path("crime") / "west-yorkshire"
FORCE_SLUG = "west-yorkshire"
FORCE_NAME = "West Yorkshire Police"
SOURCE = "demo grouping of real LSOAs by MSOA"
# (local authority, code prefix, city centre (longitude, latitude), council website)
CITIES = [
    ("Leeds", "LDS", (-1.5491, 53.7997), "https://www.leeds.gov.uk/"),
    ("Bradford", "BFD", (-1.7594, 53.7960), "https://www.bradford.gov.uk/"),
]
MSOAS_PER_CITY = 6
MSOA_OF = re.compile(r"^(?P<msoa>.+ \d{3})[A-Z]$")

Say = Callable[[str], None]


def _require(shared: Path) -> None:
    """Fail plainly, before anything is written, when the shared data is not where settings say."""
    if not shared.is_dir():
        raise ImportFailed(
            "the shared data folder is missing; set NPT_SHARED_DATA or run load_demo without --real", path=shared
        )
    for relative in [BOUNDARIES, *IOD_FILES, CRIMES]:
        if not (shared / relative).exists():
            raise ImportFailed("a file the --real demo needs is missing from the shared data", path=shared / relative)


def _msoas(city: str, centre: tuple[float, float]) -> list[tuple[str, list[LSOA]]]:
    """The MSOAS_PER_CITY MSOAs of CITY nearest its centre, each with its LSOAs (in code order)."""
    groups: dict[str, list[LSOA]] = defaultdict(list)
    lsoas = LSOA.objects.filter(vintage=Vintage.V2011, name__startswith=f"{city} ", geometry__isnull=False)
    for lsoa in lsoas.order_by("code"):
        match = MSOA_OF.match(lsoa.name)
        if match:
            groups[match["msoa"]].append(lsoa)
    point = Point(*centre, srid=4326)

    def distance(item: tuple[str, list[LSOA]]) -> tuple[float, str]:
        centroids = [lsoa.geometry.centroid for lsoa in item[1] if lsoa.geometry is not None]
        x = sum(c.x for c in centroids) / len(centroids)
        y = sum(c.y for c in centroids) / len(centroids)
        # Degrees are fine for ranking a few km around one place.
        return (Point(x, y, srid=4326).distance(point), item[0])

    return sorted(groups.items(), key=distance)[:MSOAS_PER_CITY]


def _neighbourhood_fields(msoa: str, council: str, url: str) -> dict[str, object]:
    slug = msoa.lower().replace(" ", "-")
    return {
        "description": (
            f"<p>Demo neighbourhood: the real LSOAs of the MSOA {msoa}. "
            "It is not a West Yorkshire Police neighbourhood.</p>"
        ),
        "url_force": "",
        "contact_details": {"email": f"{slug}.npt@west-yorkshire.demo.example", "telephone": "101"},
        "links": [{"url": url, "description": None, "title": council}],
        "locations": [],
        "source": SOURCE,
    }


@transaction.atomic
def demo_load_real(*, shared_data_dir: Path, as_at: dt.date, progress: Say = lambda message: None) -> DemoResult:
    """Build or update the West Yorkshire demo from SHARED_DATA_DIR: the real data plus demo neighbourhoods and users.

    Re-running changes nothing: the importers skip what they already hold and the demo records are upserted.
    """
    shared = Path(shared_data_dir)
    _require(shared)
    stats = SyncStats()
    notes: list[str] = []

    def run(report: ImportReport) -> None:
        notes.extend(report.lines())
        stats.add("imported rows", "created", report.imported)
        stats.add("imported rows", "unchanged", report.duplicates)

    force = upsert(Force, {"slug": FORCE_SLUG}, {"name": FORCE_NAME, "synthetic": False}, stats)
    progress(f"Importing LSOA 2011 boundaries from {BOUNDARIES} ...")
    boundaries = import_lsoa_boundaries(shared / BOUNDARIES, vintage=Vintage.V2011)
    run(boundaries)
    for relative in IOD_FILES:
        progress(f"Importing {relative} ...")
        run(import_imd(shared / relative, edition=2019))

    neighbourhoods: list[Neighbourhood] = []
    by_city: dict[str, list[Neighbourhood]] = {}
    for city, prefix, centre, url in CITIES:
        council = f"{city} City Council" if city == "Leeds" else f"{city} Metropolitan District Council"
        for msoa, lsoas in _msoas(city, centre):
            code = f"{prefix}{msoa.rsplit(' ', 1)[1]}"
            values = {"name": f"{msoa} (demo)", **_neighbourhood_fields(msoa, council, url)}
            neighbourhood = upsert(Neighbourhood, {"force": force, "code": code}, values, stats)
            sync_members(
                neighbourhood=neighbourhood, lsoas=lsoas, geometry_changed=boundaries.imported > 0, stats=stats
            )
            neighbourhoods.append(neighbourhood)
            by_city.setdefault(city, []).append(neighbourhood)
    if len(by_city.get("Leeds", [])) < 4:
        raise ImportFailed("fewer than four Leeds MSOAs have LSOA boundaries", path=shared / BOUNDARIES)

    progress(f"Importing the crime months in {CRIMES} ...")
    for report in import_crimes([shared / CRIMES]):
        run(report)
    linked = crimes_link_unlinked(neighbourhoods=neighbourhoods)
    if linked:
        notes.append(f"{linked} crimes imported earlier linked to the demo neighbourhoods")

    leeds = by_city["Leeds"]
    cast = Cast(
        team_name="Leeds Central NPT (demo)",
        team_neighbourhoods=leeds[:4],
        officer_neighbourhoods=leeds[:2],
        partner_name="Leeds City Council (demo)",
        partner_neighbourhoods=leeds,
    )
    logins = sync_people(force=force, cast=cast, as_at=as_at, stats=stats)
    load_query_demo(
        officer=User.objects.filter(username="officer").first(),
        neighbourhoods=cast.officer_neighbourhoods,
        as_at=as_at,
        stats=stats,
    )
    notes.extend(load_deployment_demo(force=force, stats=stats))
    return DemoResult(
        synthetic=False,
        force=force,
        lsoas=LSOA.objects.filter(vintage=Vintage.V2011, source=BOUNDARIES.name),
        stats=stats,
        logins=logins,
        notes=notes,
    )
