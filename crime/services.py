"""Writes to crime records outside the importer."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from crime.models import Crime
from geography.models import Neighbourhood


@transaction.atomic
def crimes_link_unlinked(*, neighbourhoods: Iterable[Neighbourhood]) -> int:
    """Link crimes imported before NEIGHBOURHOODS existed to the one whose boundary holds them.

    A re-import skips such crimes as duplicates, so they are linked here. Crimes already linked keep their
    neighbourhood. Returns the number of crimes linked.
    """
    linked = 0
    for neighbourhood in neighbourhoods:
        # The member LSOAs narrow the search (crimes carry no spatial index); the boundary decides.
        linked += Crime.objects.filter(
            neighbourhood__isnull=True,
            lsoa__in=neighbourhood.lsoas.all(),
            location__within=neighbourhood.boundary,
        ).update(neighbourhood=neighbourhood)
    return linked
