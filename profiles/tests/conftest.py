"""Fixtures for profile tests: a started Ashfield profile, and one item of every kind with a secret in it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from core.tiers import Tier
from profiles.models import CategoryKey, NeighbourhoodProfile
from profiles.services import profile_ensure, section_update
from profiles.tests.factories import (
    CommunityGroupFactory,
    DemographicSourceFactory,
    HousingItemFactory,
    InfrastructurePointFactory,
    KeyContactFactory,
    LanguageSpokenFactory,
    SurveyResultFactory,
)
from tests.browser.conftest import browser, page  # noqa: F401  (Chromium fixtures for test_browser_*.py)

# Strings that must never reach a partner or the public; each sits in a police-only place.
POLICE_SECRETS = (
    "SECRET-CONTACT-NAME",
    "secret-contact@example.org",
    "SECRET-CONTACT-NOTE",
    "SECRET-POINT-NAME",
    "SECRET-POINT-NOTE-1",
    "SECRET-SECTION-NOTE",
    "SECRET-HOUSING-NOTE",
    "SECRET-GROUP-NAME",
    "SECRET-SURVEY-QUESTION",
)
PARTNER_SECRETS = ("PARTNER-GROUP-NAME", "PARTNER-CONTACT-ROLE")


@dataclass
class Seeded:
    profile: NeighbourhoodProfile
    public_point: Any
    police_point: Any
    contact: Any
    partner_contact: Any


@pytest.fixture
def ashfield_profile(cast: Any) -> NeighbourhoodProfile:
    return profile_ensure(neighbourhood=cast.ashfield, by=cast.olivia)


@pytest.fixture
def seeded(cast: Any, ashfield_profile: NeighbourhoodProfile) -> Seeded:
    """Ashfield with public, partner and police-only content in every category that has items."""
    profile = ashfield_profile
    context = profile.section(CategoryKey.CONTEXT)
    section_update(
        section=context,
        values={"boundary_agreement": "Agreed at the PACT meeting", "notes": "SECRET-SECTION-NOTE"},
        loaded_version=context.version,
        by=cast.olivia,
    )
    public_point = InfrastructurePointFactory(profile=profile, name="Ashfield Library", notes="SECRET-POINT-NOTE-1")
    police_point = InfrastructurePointFactory(profile=profile, name="SECRET-POINT-NAME", tier=Tier.POLICE)
    # Partner-visible contact whose personal details stay police-only (the default).
    contact = KeyContactFactory(
        profile=profile, name="SECRET-CONTACT-NAME", email="secret-contact@example.org", notes="SECRET-CONTACT-NOTE"
    )
    partner_contact = KeyContactFactory(profile=profile, role="PARTNER-CONTACT-ROLE", name="", tier=Tier.PARTNER)
    HousingItemFactory(profile=profile, notes="SECRET-HOUSING-NOTE")
    CommunityGroupFactory(profile=profile, name="SECRET-GROUP-NAME", tier=Tier.POLICE)
    CommunityGroupFactory(profile=profile, name="PARTNER-GROUP-NAME", tier=Tier.PARTNER)
    SurveyResultFactory(profile=profile)
    SurveyResultFactory(profile=profile, is_headline=False, question="SECRET-SURVEY-QUESTION", tier=Tier.POLICE)
    DemographicSourceFactory(profile=profile)
    LanguageSpokenFactory(profile=profile, language="Polish")
    return Seeded(profile, public_point, police_point, contact, partner_contact)
