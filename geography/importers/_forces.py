"""The police.uk forces by id and name, to recognise a file that is about a force rather than a neighbourhood.

The ids are police.uk's (``GET /api/forces``, reference-anchors §1.3), the names ONS's Police Force Area names
(``pfa20_name`` in shared/data/boundaries), so both a police.uk KML and an ONS boundary are recognised.
"""

from __future__ import annotations

import re

from geography.models import Force

POLICE_UK_FORCES: dict[str, str] = {
    "avon-and-somerset": "Avon and Somerset",
    "bedfordshire": "Bedfordshire",
    "btp": "British Transport Police",
    "cambridgeshire": "Cambridgeshire",
    "cheshire": "Cheshire",
    "city-of-london": "London, City of",
    "cleveland": "Cleveland",
    "cumbria": "Cumbria",
    "derbyshire": "Derbyshire",
    "devon-and-cornwall": "Devon & Cornwall",
    "dorset": "Dorset",
    "durham": "Durham",
    "dyfed-powys": "Dyfed-Powys",
    "essex": "Essex",
    "gloucestershire": "Gloucestershire",
    "greater-manchester": "Greater Manchester",
    "gwent": "Gwent",
    "hampshire": "Hampshire",
    "hertfordshire": "Hertfordshire",
    "humberside": "Humberside",
    "kent": "Kent",
    "lancashire": "Lancashire",
    "leicestershire": "Leicestershire",
    "lincolnshire": "Lincolnshire",
    "merseyside": "Merseyside",
    "metropolitan": "Metropolitan Police",
    "norfolk": "Norfolk",
    "north-wales": "North Wales",
    "north-yorkshire": "North Yorkshire",
    "northamptonshire": "Northamptonshire",
    "northern-ireland": "Northern Ireland",
    "northumbria": "Northumbria",
    "nottinghamshire": "Nottinghamshire",
    "south-wales": "South Wales",
    "south-yorkshire": "South Yorkshire",
    "staffordshire": "Staffordshire",
    "suffolk": "Suffolk",
    "surrey": "Surrey",
    "sussex": "Sussex",
    "thames-valley": "Thames Valley",
    "warwickshire": "Warwickshire",
    "west-mercia": "West Mercia",
    "west-midlands": "West Midlands",
    "west-yorkshire": "West Yorkshire",
    "wiltshire": "Wiltshire",
}
_DROP = re.compile(r"\b(police|constabulary|service|force|area|boundary|pfa)\b|[^a-z0-9]")


def normalised(text: str) -> str:
    """'West Yorkshire Police' -> 'westyorkshire'; 'Devon & Cornwall' -> 'devonandcornwall'."""
    text = text.lower().replace("&", " and ").replace("_", " ").replace("-", " ")
    if text.replace(" ", "") == "londoncityof" or text.strip() == "london, city of":
        return "cityoflondon"
    return _DROP.sub("", text)


def force_named(*names: str) -> str | None:
    """The slug of the force that one of NAMES names (a police.uk id, an ONS name or a stored force), if any."""
    known = {normalised(slug): slug for slug in POLICE_UK_FORCES}
    known.update({normalised(name): slug for slug, name in POLICE_UK_FORCES.items()})
    for slug, name in Force.objects.values_list("slug", "name"):
        known.setdefault(normalised(slug), slug)
        known.setdefault(normalised(name), slug)
    for name in names:
        key = normalised(name)
        if key and key in known:
            return known[key]
    return None
