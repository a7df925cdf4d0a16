"""What a scoring method may say: its components, their weights and normalisation, and its parameters.

A method is stored as JSON on ``ScoringMethod`` (components, parameters) and validated here, so a bad method
is refused with a message naming the field before anything is saved. The default method is the one the demo
and the first run use; a force changes it only by creating a new version (``services.method_new_version``).

Components (each raw value is oriented so that higher means more need):

- ``imd``: the IMD score where the edition publishes scores (IoD2025), else a rank-based percentile of the
  national ranking, ``100 * (N - rank + 1) / N`` (IoD2019 here has ranks only; reference-anchors §4.2).
- ``crime_rate``: recorded crimes other than anti-social behaviour per 1,000 residents over the window.
- ``asb_rate``: anti-social behaviour incidents per 1,000 residents over the window.
- ``trend``: the change in the crime rate, the window against the window before it (per 1,000 residents).
- ``vli``: the VLI-style (reconstructed) index, ``deployment.vli`` (reference-anchors §4.1).
- ``concern`` (optional): people raising open concerns in the window plus current priorities, per 1,000
  residents (``deployment.community``); an LSOA takes its neighbourhoods' rate.
- ``survey`` (optional): the confidence-survey deficit, 100 minus the % agreeing in the neighbourhood's latest
  confidence survey result (engagement's survey results, ``deployment.community``); missing where none is held.

Normalisation (per component, within the run's study area, i.e. the force or the nation):

- ``percentile``: the area's percentile rank, 0-100 (ties share their average rank); robust to the long tail
  of crime rates in city-centre LSOAs, so it is the default;
- ``zscore``: (value - mean) / population standard deviation, for analysts who want distances kept.

The composite is ``sum(w * normalised) / sum(w)`` over the components with a weight above zero. An area with
any weighted component missing has no composite: it is flagged, never scored as if the input were 0.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

COMPONENTS = {
    "imd": "Index of Multiple Deprivation",
    "crime_rate": "Recorded crime per 1,000 residents",
    "asb_rate": "Anti-social behaviour per 1,000 residents",
    "trend": "Change in crime rate (window against the window before)",
    "vli": "VLI-style (reconstructed) index",
    # Optional (deployment.community): not in the default method; a force adds them in a new version.
    "concern": "Community concern (open concerns and current priorities per 1,000 residents)",
    "survey": "Confidence survey deficit (100 minus the % confident, latest survey result)",
}
NORMALISATIONS = ("percentile", "zscore")

# The six VLI variables (reference-anchors §4.1) and what stands in for each here.
VLI_VARIABLES = {
    "burglary": "Burglary (police.uk 'Burglary': all burglary, the stand-in for burglary dwelling)",
    "criminal_damage": (
        "Criminal damage and arson (police.uk 'Criminal damage and arson', the stand-in for criminal damage "
        "to a dwelling)"
    ),
    "income": "Income deprivation score (IoD Income domain, a proportion)",
    "employment": "Employment deprivation score (IoD Employment domain, a proportion)",
    "young_people": "Residents aged 15-24 as a share of residents (census tables; missing where not loaded)",
    "education": "Education, Skills and Training domain score (IoD)",
}
VLI_DENOMINATORS = ("residents", "households")
# How the variable indices are combined (which one reproduces "over 200 = priority" is not verified):
VLI_COMBINE = {
    "mean_of_pairs": "mean of three pair-means: crime, deprivation, young people and education",
    "mean": "mean of the variable indices",
    "sum_scaled": "sum of the variable indices scaled so the study-area average is 100",
}
VLI_PAIRS = (("burglary", "criminal_damage"), ("income", "employment"), ("young_people", "education"))

DEFAULT_PARAMETERS: dict[str, Any] = {
    "window_months": 12,
    "priority_share": 0.1,  # the top 10% of areas by score are "priority"
    "high_share": 0.2,  # the next 20% are "high"
    "vli": {
        "variables": list(VLI_VARIABLES),
        "dwelling_denominator": "residents",  # households are not loaded here
        "combine": "mean_of_pairs",
        "priority_threshold": 200,
    },
}
# The first agreed method: deprivation first, as Police Now posts by IMD; crime and ASB show current demand.
# The VLI-style index is reported beside the score but carries no weight until a 15-24 population is loaded.
DEFAULT_COMPONENTS: list[dict[str, Any]] = [
    {"key": "imd", "weight": 0.5, "normalisation": "percentile"},
    {"key": "crime_rate", "weight": 0.25, "normalisation": "percentile"},
    {"key": "asb_rate", "weight": 0.15, "normalisation": "percentile"},
    {"key": "trend", "weight": 0.1, "normalisation": "percentile"},
    {"key": "vli", "weight": 0.0, "normalisation": "percentile"},
]


def validate_components(components: Any) -> list[dict[str, Any]]:
    """COMPONENTS as a clean list, or a ValidationError naming what is wrong."""
    if not isinstance(components, list) or not components:
        raise ValidationError({"components": "List at least one component."})
    seen: set[str] = set()
    clean = []
    for number, item in enumerate(components, start=1):
        if not isinstance(item, dict):
            raise ValidationError({"components": f"Component {number} must be an object."})
        unknown = set(item) - {"key", "weight", "normalisation"}
        if unknown:
            raise ValidationError({"components": f"Component {number}: unknown field {', '.join(sorted(unknown))}."})
        key = item.get("key")
        if key not in COMPONENTS:
            raise ValidationError({"components": f"Component {number}: key must be one of {', '.join(COMPONENTS)}."})
        if key in seen:
            raise ValidationError({"components": f"Component {key} is listed twice."})
        seen.add(key)
        weight = item.get("weight")
        if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 <= weight <= 1:
            raise ValidationError({"components": f"Component {key}: weight must be a number from 0 to 1."})
        normalisation = item.get("normalisation", "percentile")
        if normalisation not in NORMALISATIONS:
            raise ValidationError(
                {"components": f"Component {key}: normalisation must be one of {', '.join(NORMALISATIONS)}."}
            )
        clean.append({"key": key, "weight": float(weight), "normalisation": normalisation})
    if sum(item["weight"] for item in clean) <= 0:
        raise ValidationError({"components": "At least one component needs a weight above 0."})
    return clean


def validate_parameters(parameters: Any) -> dict[str, Any]:
    """PARAMETERS merged over the defaults, or a ValidationError naming the parameter."""
    if not isinstance(parameters, dict):
        raise ValidationError({"parameters": "Parameters must be an object."})
    unknown = set(parameters) - set(DEFAULT_PARAMETERS)
    if unknown:
        raise ValidationError({"parameters": f"Unknown parameter {', '.join(sorted(unknown))}."})
    clean = {**DEFAULT_PARAMETERS, **parameters}
    window = clean["window_months"]
    if isinstance(window, bool) or not isinstance(window, int) or not 1 <= window <= 36:
        raise ValidationError({"parameters": "window_months must be a whole number from 1 to 36."})
    for name in ("priority_share", "high_share"):
        share = clean[name]
        if isinstance(share, bool) or not isinstance(share, int | float) or not 0 < share < 1:
            raise ValidationError({"parameters": f"{name} must be a number between 0 and 1."})
    vli = clean["vli"]
    if not isinstance(vli, dict):
        raise ValidationError({"parameters": "vli must be an object."})
    unknown = set(vli) - set(DEFAULT_PARAMETERS["vli"])
    if unknown:
        raise ValidationError({"parameters": f"Unknown VLI parameter {', '.join(sorted(unknown))}."})
    vli = {**DEFAULT_PARAMETERS["vli"], **vli}
    variables = vli["variables"]
    if not isinstance(variables, list) or not variables or any(v not in VLI_VARIABLES for v in variables):
        raise ValidationError({"parameters": f"vli.variables must list some of {', '.join(VLI_VARIABLES)}."})
    if vli["dwelling_denominator"] not in VLI_DENOMINATORS:
        raise ValidationError({"parameters": f"vli.dwelling_denominator must be one of {', '.join(VLI_DENOMINATORS)}."})
    if vli["combine"] not in VLI_COMBINE:
        raise ValidationError({"parameters": f"vli.combine must be one of {', '.join(VLI_COMBINE)}."})
    threshold = vli["priority_threshold"]
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) or threshold <= 0:
        raise ValidationError({"parameters": "vli.priority_threshold must be a number above 0."})
    clean["vli"] = vli
    return clean
