"""The audit of existing participation mechanisms that starts the engagement plan (issue 9; guide 1484–1489:
"The first step in developing a proper engagement plan is to do a comprehensive audit to see what public
participation mechanisms already exist in different neighbourhoods and to assess their effectiveness").

Engagement need not be police led (guide 1480–1483): a residents' association forum or a council ward panel is as
much a mechanism as a PACT meeting, so each records who runs it. Until someone assesses it, its rating is "not yet
assessed", never blank.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.locking import Versioned
from core.tiers import Tier
from engagement.models.registers import CommunityGroup
from geography.scoping import NeighbourhoodScopedQuerySet


class MechanismQuerySet(NeighbourhoodScopedQuerySet):
    def at_most(self, tier: int) -> MechanismQuerySet:
        return self.filter(tier__lte=tier)


class ParticipationMechanism(Versioned):
    class Kind(models.TextChoices):
        PACT = "pact", "PACT or neighbourhood panel meeting"
        RESIDENTS = "residents", "Residents' or tenants' association forum"
        WARD_PANEL = "ward_panel", "Council ward panel or committee"
        SURVEY = "survey", "Online or postal survey"
        SOCIAL = "social", "Social media or online community group"
        COMMUNITY_FORUM = "community_forum", "Community, faith or voluntary group forum"
        OTHER = "other", "Other"

    class RunBy(models.TextChoices):
        POLICE = "police", "Police"
        PARTNER = "partner", "A partner agency (council, housing, health)"
        COMMUNITY = "community", "The community or a voluntary organisation"

    class Rating(models.TextChoices):
        NOT_ASSESSED = "not_assessed", "Not yet assessed"
        WORKS_WELL = "works_well", "Works well"
        WORKS_PARTLY = "works_partly", "Works partly"
        DOES_NOT_WORK = "does_not_work", "Does not work"

    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="participation_mechanisms"
    )
    name = models.CharField("What it is", max_length=200, help_text="For example “Ashfield PACT meeting”.")
    kind = models.CharField("Type", max_length=16, choices=Kind.choices)
    run_by = models.CharField("Who runs it", max_length=16, choices=RunBy.choices)
    run_by_name = models.CharField(
        "Organisation that runs it", max_length=200, blank=True, help_text="Optional. For example the council."
    )
    frequency = models.CharField("How often", max_length=200, help_text="For example “every two months”.")
    reaches = models.TextField("Who it reaches", blank=True, help_text="Who takes part, and who does not.")
    # Optional link to the profile's groups, as planned engagement links its group (guide 1062–1066).
    groups_reached = models.ManyToManyField(
        CommunityGroup, blank=True, related_name="participation_mechanisms", verbose_name="Groups it reaches"
    )
    rating = models.CharField("How well it works", max_length=16, choices=Rating.choices, default=Rating.NOT_ASSESSED)
    evidence = models.TextField(
        "Evidence", blank=True, help_text="What the assessment rests on: attendance, who speaks, what changed."
    )
    assessed_on = models.DateField("Assessed on", null=True, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Police only by default: an assessment of a partner's or community's forum is frank (guide 2783–2810).
    tier = models.PositiveSmallIntegerField("Who can see this", choices=Tier.choices, default=Tier.POLICE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = MechanismQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_assessed(self) -> bool:
        return self.rating != self.Rating.NOT_ASSESSED

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.is_assessed and self.assessed_on is None:
            errors["assessed_on"] = "Enter the date it was assessed."
        if not self.is_assessed and self.assessed_on is not None:
            errors["rating"] = "Select how well it works, or remove the date assessed."
        if self.assessed_on is not None and self.assessed_on > timezone.localdate():
            errors["assessed_on"] = "The date assessed cannot be in the future."
        if errors:
            raise ValidationError(errors)
