"""The named cast, one user per role (healthchecks' Alice/Bob idea), shared by every test module.

The force has two neighbourhoods: Ashfield (Olivia's and the team's) and Brookside (the team's only),
and a third, Cottam, in no team. Pat the partner's organisation covers Ashfield only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from accounts.models import User
from core.roles import Role
from geography.models import Force, Neighbourhood
from tests.factories import (
    ForceFactory,
    NeighbourhoodFactory,
    PartnerOrganisationFactory,
    TeamFactory,
    UserFactory,
)

# Shared fixtures that live in their own module (e.g. ``three``: Ashfield with three deprived LSOAs).
pytest_plugins = ["tests.deprivation_fixtures"]

PASSWORD = "correct-horse-battery"


@dataclass
class Cast:
    force: Force
    other_force: Force
    ashfield: Neighbourhood
    brookside: Neighbourhood
    cottam: Neighbourhood
    elsewhere: Neighbourhood
    olivia: User  # officer
    owen: User  # second officer on Ashfield
    sam: User  # sergeant
    ian: User  # inspector
    ana: User  # analyst
    pat: User  # partner
    ada: User  # administrator
    nobody: User  # signed in, no role


@pytest.fixture
def cast(db: None) -> Cast:
    force = ForceFactory(slug="testshire", name="Testshire Police")
    other = ForceFactory(slug="otherton", name="Otherton Police")
    ashfield = NeighbourhoodFactory(force=force, code="ASH", name="Ashfield")
    brookside = NeighbourhoodFactory(force=force, code="BRK", name="Brookside")
    cottam = NeighbourhoodFactory(force=force, code="COT", name="Cottam")
    elsewhere = NeighbourhoodFactory(force=other, code="ELS", name="Elsewhere")
    olivia = UserFactory(username="olivia", first_name="Olivia", role=Role.OFFICER, force=force)
    owen = UserFactory(username="owen", first_name="Owen", role=Role.OFFICER, force=force)
    olivia.neighbourhoods.add(ashfield)
    owen.neighbourhoods.add(ashfield)
    sam = UserFactory(username="sam", first_name="Sam", role=Role.SERGEANT, force=force)
    ana = UserFactory(username="ana", first_name="Ana", role=Role.ANALYST, force=force)
    team = TeamFactory(name="Ashfield and Brookside NPT", force=force, leader=sam)
    team.neighbourhoods.add(ashfield, brookside)
    team.members.add(olivia, owen, ana)
    ian = UserFactory(username="ian", first_name="Ian", role=Role.INSPECTOR, force=force)
    organisation = PartnerOrganisationFactory(name="Testshire Council", force=force)
    organisation.neighbourhoods.add(ashfield)
    pat = UserFactory(username="pat", first_name="Pat", role=Role.PARTNER, organisation=organisation)
    ada = UserFactory(username="ada", first_name="Ada", role=Role.ADMINISTRATOR)
    nobody = UserFactory(username="nobody", first_name="Nobody")
    return Cast(force, other, ashfield, brookside, cottam, elsewhere, olivia, owen, sam, ian, ana, pat, ada, nobody)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real open data beside the checkout; tests that need it fail loudly when it is absent."""
    path = Path(settings.SHARED_DATA_DIR)
    if not path.is_dir():
        pytest.fail(f"shared data not found at {path} (set NPT_SHARED_DATA)")
    return path
