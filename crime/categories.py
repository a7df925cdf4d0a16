"""police.uk crime types: CSV display name -> API slug (reference-anchors 1.4)."""

CATEGORY_SLUGS: dict[str, str] = {
    "Anti-social behaviour": "anti-social-behaviour",
    "Bicycle theft": "bicycle-theft",
    "Burglary": "burglary",
    "Criminal damage and arson": "criminal-damage-arson",
    "Drugs": "drugs",
    "Other theft": "other-theft",
    "Possession of weapons": "possession-of-weapons",
    "Public order": "public-order",
    "Robbery": "robbery",
    "Shoplifting": "shoplifting",
    "Theft from the person": "theft-from-the-person",
    "Vehicle crime": "vehicle-crime",
    "Violence and sexual offences": "violent-crime",
    "Other crime": "other-crime",
    # Retired in 2013 but present in older months.
    "Public disorder and weapons": "public-disorder-weapons",
    "Violent crime": "violent-crime",
}
ASB = "anti-social-behaviour"
