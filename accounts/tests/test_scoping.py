import pytest

from accounts.tiers import max_tier
from core.tiers import Tier
from geography.models import Neighbourhood

pytestmark = pytest.mark.django_db


def codes(qs):
    return set(qs.values_list("code", flat=True))


def test_it_lets_police_roles_read_force_wide(cast):
    for user in (cast.olivia, cast.sam, cast.ian, cast.ana):
        assert codes(Neighbourhood.objects.visible_to(user)) == {"ASH", "BRK", "COT"}


def test_it_limits_writes_by_role(cast):
    assert codes(Neighbourhood.objects.editable_by(cast.olivia)) == {"ASH"}
    assert codes(Neighbourhood.objects.editable_by(cast.sam)) == {"ASH", "BRK"}
    assert codes(Neighbourhood.objects.editable_by(cast.ana)) == {"ASH", "BRK"}
    assert codes(Neighbourhood.objects.editable_by(cast.ian)) == set()
    assert codes(Neighbourhood.objects.editable_by(cast.pat)) == set()


def test_it_gives_partners_their_areas_only(cast):
    assert codes(Neighbourhood.objects.visible_to(cast.pat)) == {"ASH"}


def test_it_gives_administrators_everything(cast):
    assert codes(Neighbourhood.objects.visible_to(cast.ada)) == {"ASH", "BRK", "COT", "ELS"}


def test_it_gives_nothing_to_users_without_a_role(cast, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert not Neighbourhood.objects.visible_to(cast.nobody).exists()
    assert not Neighbourhood.objects.visible_to(AnonymousUser()).exists()


def test_it_caps_partner_tier_by_agreement(cast):
    assert max_tier(cast.pat) == Tier.PARTNER
    organisation = cast.pat.organisation
    organisation.agreement_ends = organisation.agreement_starts
    organisation.save()
    cast.pat.refresh_from_db()
    assert max_tier(cast.pat) == Tier.PUBLIC
    assert max_tier(cast.olivia) == Tier.POLICE
