"""Category 2's auto-filled figures now live in ``geography.deprivation`` (issue 7 §3: deployment scoring and
impact evaluation read the same aggregates). These names stay importable from here for the profile views and
services that still say ``profiles.deprivation``; new code imports from geography.
"""

from geography.deprivation import (
    VLI_NOTE,
    DeprivationSummary,
    DomainSummary,
    EditionSummary,
    Figure,
    LSOARow,
    deprivation_for,
)

__all__ = ["VLI_NOTE", "DeprivationSummary", "DomainSummary", "EditionSummary", "Figure", "LSOARow", "deprivation_for"]
