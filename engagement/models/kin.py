"""The Key Individual Network's contact log (reference-anchors §5; guide 8525–8536).

KIN members are contacts in the one register (``registers.KeyContact`` with a ``kin_type``); each time the team
contacts them, in a KIN round (a survey or ring-round, itself recorded as an engagement event so it counts as
engagement) or one by one, a ``KinContact`` row says when, how and what was said. Police only: it names people.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from engagement.models.events import EngagementEvent
from engagement.models.registers import KeyContact
from geography.scoping import NeighbourhoodScopedQuerySet


class KinContactQuerySet(NeighbourhoodScopedQuerySet):
    neighbourhood_path = "member__profile__neighbourhood"


class KinContact(models.Model):
    member = models.ForeignKey(KeyContact, on_delete=models.CASCADE, related_name="kin_contacts")
    event = models.ForeignKey(
        EngagementEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="kin_contacts"
    )
    contacted_on = models.DateField("Date contacted")
    method = models.CharField("How", max_length=20, choices=KeyContact.Preference.choices)
    # Police-only working note: what the member said (no personal detail beyond what they chose to tell us).
    note = models.TextField("What they said", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = KinContactQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-contacted_on", "-pk"]
        verbose_name = "KIN contact"

    def __str__(self) -> str:
        return f"{self.member} on {self.contacted_on}"
