"""The one register of key contacts and community groups (issue 9: "do not build a second copy").

These were the profile's category 5 and 8 items until issue 9 (ADR 0011); engagement owns them now, and the
profile reads them through ``engagement.selectors``. Each row still hangs off the neighbourhood's profile (the
profile page lists them as its items and its history pages read theirs).

Personal data is minimised (reference-anchors §5, house rules): a contact has a role, an organisation, a name and
work contact details only (no date of birth, no home address), and those personal fields are police-only unless
the person consented to share them (ECINS-style consent; guide part1 §2.10, Data Protection Act lines 2783–2810).
"""

from __future__ import annotations

from typing import Any, ClassVar, Self

from django.core.exceptions import ValidationError
from django.db import models

from core.parts import TieredPart, tier_field
from core.tiers import Tier
from geography.scoping import NeighbourhoodScopedQuerySet


class RegisterQuerySet(NeighbourhoodScopedQuerySet):
    neighbourhood_path = "profile__neighbourhood"

    def at_most(self, tier: int) -> Self:
        """Records a reader of TIER may see at all (their restricted fields are a separate check)."""
        return self.filter(tier__lte=tier)

    def of_neighbourhood(self, neighbourhood: Any) -> Self:
        return self.filter(profile__neighbourhood=neighbourhood)

    def kin(self) -> Self:
        """Contacts who are Key Individual Network members (KeyContact only)."""
        return self.exclude(kin_type="")


class RegisterPart(TieredPart):
    """A register record: tiered, versioned, with history; it hangs off the neighbourhood's profile, which shows
    it as one of its categories' items (the profile reads, engagement owns).
    """

    CATEGORY: ClassVar[int]

    objects = RegisterQuerySet.as_manager()

    class Meta:
        abstract = True


class KinType(models.TextChoices):
    STRATEGIC = "strategic", "Strategic KIN member"
    TACTICAL = "tactical", "Tactical KIN member"


class KeyContact(RegisterPart):
    """Category 5: a key person or organisation (guide 2446–2478). Personal fields are police-only by default."""

    class Kind(models.TextChoices):
        TEAM = "team", "Neighbourhood team member"
        PARTNER = "partner", "Partner agency (council, housing, youth services...)"
        COUNCILLOR = "councillor", "Councillor"
        RESIDENTS = "residents", "Residents' association or action group"
        NHW = "nhw", "Neighbourhood Watch coordinator"
        FAITH_COMMUNITY = "faith_community", "Faith or community contact"
        KIN = "kin", "Key Individual Network (KIN) member"
        YOUTH = "youth", "Youth provision"
        VOLUNTARY = "voluntary", "Voluntary group"
        OTHER = "other", "Other"

    class Preference(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"
        TEXT = "text", "Text message"
        LETTER = "letter", "Letter"
        IN_PERSON = "in_person", "In person"
        VIA_ORGANISATION = "via_organisation", "Through their organisation"

    CATEGORY = 5  # the profile's CategoryKey.HUMAN (an int: engagement does not import profiles)
    DISPLAY_FIELDS = (
        "kind",
        "role",
        "organisation",
        "preferred_contact",
        "consent_to_share",
        "consent_recorded_on",
        "kin_type",
        "consents_to_contact",
    )
    RESTRICTED_FIELDS = ("name", "phone", "email", "notes")

    profile = models.ForeignKey("profiles.NeighbourhoodProfile", on_delete=models.CASCADE, related_name="contacts")
    tier = tier_field(Tier.PARTNER)
    restricted_tier = tier_field(Tier.POLICE, "Who can see the personal details and notes")
    kind = models.CharField("Kind of contact", max_length=16, choices=Kind.choices)
    role = models.CharField("Role", max_length=200, help_text="For example 'Chair' or 'Youth worker'.")
    organisation = models.CharField("Organisation", max_length=200, blank=True)
    name = models.CharField("Name", max_length=200, blank=True)
    phone = models.CharField("Work phone", max_length=40, blank=True)
    email = models.EmailField("Work email", blank=True)
    preferred_contact = models.CharField(
        "Preferred way to be contacted", max_length=20, choices=Preference.choices, blank=True
    )
    consent_to_share = models.BooleanField("Consents to their details being shared with partners", default=False)
    consent_recorded_on = models.DateField("Date consent was recorded", null=True, blank=True)
    # Key Individual Network (reference-anchors §5; guide 8525–8536): a contact may be a KIN member. Strategic members
    # are kept for the long term; tactical ones are gathered for one problem. A member says whether they agree to
    # be contacted by the team at all (the register keeps no one who has not agreed to be on it), and how.
    kin_type = models.CharField("Key Individual Network", max_length=16, choices=KinType.choices, blank=True)
    consents_to_contact = models.BooleanField("Agrees to be contacted as a KIN member", default=False)
    last_contacted_on = models.DateField("Last contacted", null=True, blank=True, editable=False)
    # A tactical KIN is gathered for one problem: it links to one priority (guide 8525–8536). When that priority
    # closes the KIN page and the priority page prompt the team to thank and disband it, or move members into the
    # strategic KIN. Not editable in the profile's item form: it is set by ``kin_services.kin_link_priority``.
    kin_priority = models.ForeignKey(
        "priorities.Priority",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tactical_kin",
        editable=False,
        verbose_name="Tactical KIN for priority",
    )

    class Meta:
        ordering = ["kind", "organisation", "role"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kin_priority__isnull=True) | models.Q(kin_type="tactical"),
                name="key_contact_only_tactical_kin_links_a_priority",
            )
        ]

    def __str__(self) -> str:
        return f"{self.role}, {self.organisation}".strip(", ")

    def clean(self) -> None:
        super().clean()
        if self.restricted_tier is not None and self.restricted_tier < Tier.POLICE and not self.consent_to_share:
            raise ValidationError(
                {"restricted_tier": "Personal details can go beyond the police only with the person's consent."}
            )
        if self.kin_type and not self.consents_to_contact:
            raise ValidationError({"consents_to_contact": "A KIN member must have agreed to be contacted."})
        if self.consent_to_share and self.consent_recorded_on is None:
            raise ValidationError({"consent_recorded_on": "Enter the date consent was recorded."})


class CommunityGroup(RegisterPart):
    """Category 8: a transient, vulnerable, hard-to-reach or new and emerging group (guide 2335–2339, 2512–2531).

    Groups marked "to engage" feed the engagement plan's gap check. Partner tier by default: groups may be
    described by ethnicity or religion, which is sensitive personal data in aggregate (guide 2783–2810).
    """

    class Kind(models.TextChoices):
        TRANSIENT = "transient", "Transient group"
        VULNERABLE = "vulnerable", "Vulnerable group"
        HARD_TO_REACH = "hard_to_reach", "Hard to reach or hard to hear"
        NEW_EMERGING = "new_emerging", "New or emerging community"
        OTHER = "other", "Other group to engage"

    CATEGORY = 8  # the profile's CategoryKey.OVERVIEW
    DISPLAY_FIELDS = (
        "kind",
        "name",
        "description",
        "size_estimate",
        "countries_of_origin",
        "languages",
        "to_engage",
        "source",
    )

    profile = models.ForeignKey("profiles.NeighbourhoodProfile", on_delete=models.CASCADE, related_name="groups")
    tier = tier_field(Tier.PARTNER)
    kind = models.CharField("Kind of group", max_length=16, choices=Kind.choices)
    name = models.CharField("Name", max_length=200)
    description = models.TextField("Description", blank=True)
    size_estimate = models.PositiveIntegerField("Estimated size", null=True, blank=True)
    # Guide 12852: "Do not automatically assume a link between nationality and language".
    countries_of_origin = models.CharField("Countries of origin or nationalities", max_length=300, blank=True)
    languages = models.CharField("Languages spoken", max_length=300, blank=True)
    to_engage = models.BooleanField("The team should engage with this group", default=True)
    source = models.CharField("Source", max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = "community group"

    def __str__(self) -> str:
        return self.name
