"""Writes to profiles: keyword-only, typed, atomic, ``full_clean`` before every save (house style).

Every editable section and item is versioned (``core.locking``): a save names the version the person loaded and
is refused with ``EditConflict`` if someone else saved in between (issue 3, "Concurrent edits"). History
(who and when) is kept by django-simple-history; the acting user is set explicitly so it is right outside
requests too. Review sign-off is a workflow move and writes an audit event.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.audit import audit_record
from core.locking import delete_versioned, save_versioned
from core.models import AuditEvent
from core.tiers import Tier
from geography.models import Neighbourhood
from profiles.categories import CATEGORIES
from profiles.models import (
    CategoryKey,
    Item,
    NeighbourhoodProfile,
    ProfilePart,
    ProfileReview,
    ProfileSection,
    ProfileSnapshot,
)
from profiles.permissions import SIGN_OFF_REVIEW

P = TypeVar("P", bound=ProfilePart)
# Who is acting: the request's user (views pass ``request.user``), or None for jobs and commands. An anonymous
# user is recorded as nobody; the views in front of these services require sign-in.
Actor = User | AnonymousUser | None
# What a person may set on a part: what its page shows, its restricted details, its notes and tiers. These are the
# declarations profiles.forms builds the edit forms from; identity, lock and bookkeeping are never among them.
_COMMON_EDITABLE = ("notes", "tier", "restricted_tier")
_BOOKKEEPING = ("updated_at", "updated_by")


def _user(by: Actor) -> User | None:
    return by if isinstance(by, User) else None


def _stamp(part: ProfilePart, by: Actor) -> None:
    part.updated_at = timezone.now()
    part.updated_by = _user(by)
    part._history_user = part.updated_by  # type: ignore[attr-defined]


def _editable(part: ProfilePart) -> frozenset[str]:
    return frozenset((*part.display_fields(), *part.RESTRICTED_FIELDS, *_COMMON_EDITABLE))


def _assign(part: P, values: dict[str, Any]) -> list[str]:
    """Set VALUES on PART, refusing any field the part does not declare editable; return the names set.

    A section may be given only its own category's fields. The names go to ``save(update_fields=...)``: an
    update writes only what the person changed.
    """
    unknown = sorted(set(values) - _editable(part))
    if unknown:
        raise ValueError(f"{part} has no editable field {unknown[0]!r}")
    for name, value in values.items():
        setattr(part, name, value)
    return sorted(values)


@transaction.atomic
def profile_ensure(*, neighbourhood: Neighbourhood, by: Actor = None) -> NeighbourhoodProfile:
    """NEIGHBOURHOOD's profile with all eight sections, created (empty, default tiers) if missing. Idempotent."""
    user = _user(by)
    profile, created = NeighbourhoodProfile.objects.get_or_create(
        neighbourhood=neighbourhood, defaults={"created_by": user}
    )
    if created:
        audit_record(actor=user, verb=AuditEvent.Verb.PROFILE_STARTED, target=profile)
    present = set(ProfileSection.objects.filter(profile=profile).values_list("category", flat=True))
    for category in CATEGORIES:
        if category.key not in present:
            section = ProfileSection(profile=profile, category=category.key)
            _stamp(section, user)
            section.full_clean()
            section.save()
    return profile


@transaction.atomic
def section_update(
    *, section: ProfileSection, values: dict[str, Any], loaded_version: int, by: Actor
) -> ProfileSection:
    """Change SECTION's fields to VALUES if nobody saved it since LOADED_VERSION (else ``EditConflict``)."""
    changed = _assign(section, values)
    _stamp(section, by)
    section.full_clean()
    return save_versioned(section, loaded_version=loaded_version, update_fields=[*changed, *_BOOKKEEPING])


@transaction.atomic
def section_save(
    *, neighbourhood: Neighbourhood, category: CategoryKey, values: dict[str, Any], loaded_version: int, by: Actor
) -> ProfileSection:
    """Save CATEGORY's section of NEIGHBOURHOOD's profile, starting the profile first if nobody has (issue 6, item 2).

    The edit page never creates anything when it is opened (GET never writes); the profile and its eight
    sections are created by the first save. A form loaded before the profile existed posts version 0: it
    saw the empty section that ``profile_ensure`` creates at version 1, so that is the version it loaded.
    """
    profile = profile_ensure(neighbourhood=neighbourhood, by=by)
    section = ProfileSection.objects.get(profile=profile, category=category)
    return section_update(section=section, values=values, loaded_version=loaded_version or 1, by=by)


@transaction.atomic
def item_add(*, neighbourhood: Neighbourhood, model: type[P], values: dict[str, Any], by: Actor) -> P:
    """Add an item to NEIGHBOURHOOD's profile, starting the profile first if nobody has. All or nothing."""
    profile = profile_ensure(neighbourhood=neighbourhood, by=by)
    return item_create(profile=profile, model=model, values=values, by=by)


@transaction.atomic
def item_create(*, profile: NeighbourhoodProfile, model: type[P], values: dict[str, Any], by: Actor) -> P:
    """Add an item of MODEL to PROFILE."""
    item = model(profile=profile)  # type: ignore[call-arg]
    _assign(item, values)
    _stamp(item, by)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def item_update(*, item: Item, values: dict[str, Any], loaded_version: int, by: Actor) -> Item:
    """Change ITEM if nobody saved or deleted it since LOADED_VERSION (else ``EditConflict``)."""
    changed = _assign(item, values)
    _stamp(item, by)
    item.full_clean()
    return save_versioned(item, loaded_version=loaded_version, update_fields=[*changed, *_BOOKKEEPING])


@transaction.atomic
def item_delete(*, item: Item, loaded_version: int, by: Actor) -> None:
    """Remove ITEM if nobody changed it since LOADED_VERSION. History keeps who removed it."""
    _stamp(item, by)
    delete_versioned(item, loaded_version=loaded_version)


@transaction.atomic
def snapshot_take(*, profile: NeighbourhoodProfile, kind: str, by: Actor = None) -> ProfileSnapshot:
    """Freeze PROFILE as it is now (police tier, with the live deprivation figures)."""
    from profiles.selectors import profile_for

    data = profile_for(Tier.POLICE, profile.neighbourhood).as_dict()
    snapshot = ProfileSnapshot(profile=profile, kind=kind, data=data, taken_by=_user(by))
    snapshot.full_clean()
    snapshot.save()
    return snapshot


@transaction.atomic
def profile_review_sign_off(*, profile: NeighbourhoodProfile, by: Actor, comment: str) -> ProfileReview:
    """Sign off PROFILE's formal review (guide 2757–2760) and record the baseline it was reviewed against.

    Only a sergeant or analyst who may edit the profile can sign off (issue 3); the comment is required.
    """
    if not isinstance(by, User) or not by.has_perm(SIGN_OFF_REVIEW, profile.neighbourhood):
        raise PermissionDenied("Only a sergeant or analyst for this neighbourhood can sign off its review.")
    if not comment.strip():
        raise ValidationError({"comment": "Enter a comment on the review."})
    baseline = snapshot_take(profile=profile, kind=ProfileSnapshot.Kind.REVIEW_BASELINE, by=by)
    review = ProfileReview(profile=profile, reviewed_by=by, comment=comment.strip(), baseline=baseline)
    review.reviewed_at = baseline.taken_at
    review.full_clean()
    review.save()
    profile.last_reviewed_at = review.reviewed_at
    profile._history_user = by  # type: ignore[attr-defined]
    profile.save(update_fields=["last_reviewed_at"])
    audit_record(
        actor=by,
        verb=AuditEvent.Verb.PROFILE_REVIEW_SIGNED_OFF,
        target=profile,
        data={"review": review.pk, "snapshot": baseline.pk, "next_due": profile.review_due_on().isoformat()},
    )
    return review


def profiles_refresh(
    *, neighbourhood_ids: Iterable[int] | None = None, progress: Callable[[int, int], None] | None = None
) -> dict[str, int]:
    """After an import: snapshot each profile whose imported figures changed since its last refresh snapshot.

    The live page always reads current figures; these snapshots let the as-at view and comparisons show
    the figures of the time. Idempotent: figures that did not change make no snapshot.
    """
    from geography.deprivation import deprivation_for

    profiles = NeighbourhoodProfile.objects.select_related("neighbourhood").order_by("pk")
    if neighbourhood_ids is not None:
        profiles = profiles.filter(neighbourhood_id__in=list(neighbourhood_ids))
    total, taken = profiles.count(), 0
    for done, profile in enumerate(profiles, start=1):
        figures = deprivation_for(profile.neighbourhood).as_dict()
        last = (
            ProfileSnapshot.objects.filter(profile=profile, kind=ProfileSnapshot.Kind.DATA_REFRESH)
            .order_by("-taken_at")
            .first()
        )
        if last is None or last.data.get("deprivation") != figures:
            snapshot_take(profile=profile, kind=ProfileSnapshot.Kind.DATA_REFRESH)
            taken += 1
        if progress is not None:
            progress(done, total)
    return {"profiles": total, "snapshots": taken}
