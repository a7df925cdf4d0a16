"""What other apps read from engagement's one register (issue 9; ADR 0011).

The profile's categories 5 (contacts), 7 (survey results) and 8 (community groups) are engagement's records: the
profile names the models here (its category registry lists them as its item kinds, so its generic item pages,
history and exports keep working) and reads them through these functions, never through a copy. The ignore lines
in ``[tool.importlinter]`` name this module only.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from engagement.models import HEADLINE_QUESTION, REGISTER_MODELS, CommunityGroup, KeyContact, SurveyResult

__all__ = [
    "HEADLINE_QUESTION",
    "REGISTER_MODELS",
    "CommunityGroup",
    "KeyContact",
    "SurveyResult",
    "contacts_of",
    "partner_contacts_for_referral",
    "groups_of",
    "surveys_of",
]


def contacts_of(*, profile: Any, tier: int) -> QuerySet[KeyContact]:
    """A profile's key contacts a reader of TIER may see (restricted fields are blanked by ``redacted_for``)."""
    return KeyContact.objects.filter(profile=profile).at_most(tier)


def groups_of(*, profile: Any, tier: int) -> QuerySet[CommunityGroup]:
    return CommunityGroup.objects.filter(profile=profile).at_most(tier)


def surveys_of(*, profile: Any, tier: int) -> QuerySet[SurveyResult]:
    return SurveyResult.objects.filter(profile=profile).at_most(tier)


# Kinds of contact a resident's query can be referred to (issue 16 "reassign ... to a partner contact"): the
# agencies and groups that act on local problems, not team members or individual KIN members.
REFERRAL_KINDS = (
    KeyContact.Kind.PARTNER,
    KeyContact.Kind.COUNCILLOR,
    KeyContact.Kind.RESIDENTS,
    KeyContact.Kind.YOUTH,
    KeyContact.Kind.VOLUNTARY,
)


def partner_contacts_for_referral(*, neighbourhood: Any, tier: int) -> QuerySet[KeyContact]:
    """The neighbourhood's named partner contacts a reader of TIER may see, for referring a query (queries app).

    Named: a contact with no name is an organisation's role only and cannot be "a named partner contact". The
    name is a restricted field, so only a reader of the contact's ``restricted_tier`` gets any (police, in practice).
    """
    return (
        KeyContact.objects.of_neighbourhood(neighbourhood)
        .at_most(tier)
        .filter(kind__in=REFERRAL_KINDS, restricted_tier__lte=tier)
        .exclude(name="")
        .order_by("organisation", "name", "pk")
    )
