"""The crime import report: the shared counts plus how many rows were linked and located."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.imports import ImportReport


@dataclass
class CrimeImportReport(ImportReport):
    """read = imported + duplicates + rejected; the link counts are among the rows imported."""

    method: str = ""  # "copy" (PostgreSQL fast path) or "orm" (portable fallback)
    linked_lsoa: int = 0
    linked_neighbourhood: int = 0
    unlocated: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            **super().as_dict(),
            "method": self.method,
            "linked_lsoa": self.linked_lsoa,
            "linked_neighbourhood": self.linked_neighbourhood,
            "unlocated": self.unlocated,
        }

    def lines(self) -> list[str]:
        out = super().lines()
        at = 4  # after the duplicates line, before skips and rejections
        out[at:at] = [
            f"  linked to an LSOA:    {self.linked_lsoa}",
            f"  linked to a neighbourhood: {self.linked_neighbourhood}",
            f"  unlocated (no coordinates; kept, flagged): {self.unlocated}",
        ]
        return out
