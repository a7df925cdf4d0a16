"""Role capabilities come from group permissions (migration 0005) plus ``rules`` object predicates (issue 7 §1)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from core.navigation import items_for
from core.permissions import is_not_own_work
from core.roles import Role
from geography.models import Neighbourhood
from profiles.permissions import CHANGE, SIGN_OFF_REVIEW, VIEW, VIEW_HISTORY

pytestmark = pytest.mark.django_db

POLICE_READ = {
    "accounts.view_own_force",
    "accounts.view_police_tier",
    "geography.view_neighbourhood",
    "profiles.view_neighbourhoodprofile",
    "profiles.view_historicalneighbourhoodprofile",
}
EDIT_OWN = {"accounts.edit_assigned_neighbourhoods", "profiles.change_neighbourhoodprofile"}
TEAM = {"accounts.edit_team_neighbourhoods", "profiles.add_profilereview"}

# Each role's permissions, written out: a change to what a role may do shows up here.
EXPECTED = {
    Role.OFFICER: POLICE_READ | EDIT_OWN,
    Role.SERGEANT: POLICE_READ | EDIT_OWN | TEAM,
    Role.INSPECTOR: POLICE_READ,
    Role.ANALYST: POLICE_READ | EDIT_OWN | TEAM | {"core.view_job"},
    Role.PARTNER: {
        "accounts.view_partner_areas",
        "accounts.view_partner_tier",
        "geography.view_neighbourhood",
        "profiles.view_neighbourhoodprofile",
    },
    Role.ADMINISTRATOR: {
        "accounts.view_all_forces",
        "accounts.edit_all_neighbourhoods",
        "accounts.view_police_tier",
        "geography.view_neighbourhood",
        "profiles.view_neighbourhoodprofile",
        "profiles.change_neighbourhoodprofile",
        "profiles.view_historicalneighbourhoodprofile",
        "core.view_job",
        "core.view_auditevent",  # the audit trail (issue 14)
    },
}


@pytest.mark.parametrize("role", list(Role), ids=[role.value for role in Role])
def test_each_role_group_carries_its_permissions(cast: Any, role: Role) -> None:
    # On a fresh database the groups are migration 0005's; after a flush (transactional tests) the factory
    # behind ``cast`` recreates them from the same GRANTS.
    group = Group.objects.get(name=role.value)
    granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
    # The spine's and the profile's grants are listed here; each later feature app tests its own grants.
    listed_apps = {"accounts", "core", "geography", "crime", "profiles"}
    assert {name for name in granted if name.partition(".")[0] in listed_apps} == EXPECTED[role]


def test_a_user_without_a_role_has_no_permissions(cast: Any) -> None:
    assert cast.nobody.get_all_permissions() == set()


# (user, neighbourhood) -> may read / edit / sign off / see history of the profile.
OBJECT_CASES = [
    ("olivia", "ashfield", True, True, False, True),  # assigned officer
    ("olivia", "brookside", True, False, False, True),  # a team neighbourhood, not her own
    ("sam", "brookside", True, True, True, True),  # sergeant: his team's
    ("sam", "cottam", True, False, False, True),  # not his team's
    ("ana", "ashfield", True, True, True, True),  # analyst in the team
    ("ian", "ashfield", True, False, False, True),  # inspector reads force-wide, edits nothing
    ("pat", "ashfield", True, False, False, False),  # partner: her organisation's area
    ("pat", "brookside", False, False, False, False),
    ("ada", "elsewhere", True, True, False, True),  # administrator: every force, does not sign off
    ("olivia", "elsewhere", False, False, False, False),  # another force
    ("nobody", "ashfield", False, False, False, False),
]


@pytest.mark.parametrize(("user", "place", "read", "edit", "sign_off", "history"), OBJECT_CASES)
def test_object_rules(cast: Any, user: str, place: str, read: bool, edit: bool, sign_off: bool, history: bool) -> None:
    person, neighbourhood = getattr(cast, user), getattr(cast, place)
    assert person.has_perm(VIEW, neighbourhood) is read
    assert person.has_perm(CHANGE, neighbourhood) is edit
    assert person.has_perm(SIGN_OFF_REVIEW, neighbourhood) is sign_off
    assert person.has_perm(VIEW_HISTORY, neighbourhood) is history
    assert person.has_perm("geography.view_neighbourhood", neighbourhood) is read


def test_rules_and_scope_querysets_agree(cast: Any) -> None:
    for name in ("olivia", "owen", "sam", "ian", "ana", "pat", "ada", "nobody"):
        user = getattr(cast, name)
        readable = set(Neighbourhood.objects.visible_to(user))
        editable = set(Neighbourhood.objects.editable_by(user))
        for neighbourhood in Neighbourhood.objects.all():
            assert user.has_perm(VIEW, neighbourhood) is (neighbourhood in readable), (name, neighbourhood)
            assert user.has_perm(CHANGE, neighbourhood) is (neighbourhood in editable), (name, neighbourhood)


def test_partner_tier_needs_an_agreement_in_force(cast: Any) -> None:
    organisation = cast.pat.organisation
    assert cast.pat.has_perm("accounts.view_partner_tier", organisation)
    organisation.agreement_ends = organisation.agreement_starts
    organisation.save()
    assert not cast.pat.has_perm("accounts.view_partner_tier", organisation)
    # Another organisation's agreement is not hers.
    assert not cast.olivia.has_perm("accounts.view_partner_tier", organisation)


def test_nobody_approves_their_own_work(cast: Any) -> None:
    class Work:
        def __init__(self, created_by_id: int) -> None:
            self.created_by_id = created_by_id

    assert is_not_own_work(cast.sam, Work(cast.olivia.pk))
    assert not is_not_own_work(cast.sam, Work(cast.sam.pk))
    assert not is_not_own_work(cast.sam, None)


@pytest.mark.parametrize("name", ["olivia", "sam", "ian", "ana", "pat", "ada", "nobody"])
def test_no_menu_item_leads_to_a_403(cast: Any, name: str) -> None:
    user = getattr(cast, name)
    client = Client()
    client.force_login(user)
    items = items_for(user)
    assert items, "every signed-in user sees at least Home"
    for item in items:
        assert client.get(item["url"]).status_code == 200, (name, item["url"])


def test_the_imports_menu_item_follows_the_permission(cast: Any) -> None:
    labels = {name: [item["label"] for item in items_for(getattr(cast, name))] for name in ("ana", "ada", "sam")}
    assert "Imports" in labels["ana"]
    assert "Imports" in labels["ada"]
    assert "Imports" not in labels["sam"]
    assert "Engagement" not in [item["label"] for item in items_for(cast.pat)]


# A role check in a view: naming a role, asking for groups by name or for the user's roles.
ROLE_CHECK = re.compile(
    r"\bRole\.[A-Z]+|has_role\(|\.roles\b|groups__name|groups\.filter\(|\bis_police\b|\.role\s*(==|!=|in\b)"
)
ROOT = Path(__file__).resolve().parents[2]
HOME_DISPATCH = ROOT / "accounts" / "views.py"  # picks the home page's template per role; it grants nothing


def _view_modules() -> list[Path]:
    found = [*ROOT.glob("*/views.py"), *ROOT.glob("*/views/*.py"), *ROOT.glob("*/api/*.py")]
    return [path for path in found if ".venv" not in path.parts and path != HOME_DISPATCH]


def test_no_view_checks_a_role_name() -> None:
    modules = _view_modules()
    assert len(modules) >= 8  # the glob finds the views (it would pass vacuously if it found none)
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in modules
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if ROLE_CHECK.search(line) and not line.lstrip().startswith(("from ", "import "))
    ]
    assert offenders == []


def test_the_home_dispatch_only_chooses_templates() -> None:
    # accounts/views.py is excluded above: it maps each role to its home page. It must not decide access.
    lines = [line for line in HOME_DISPATCH.read_text().splitlines() if not line.startswith(("from ", "import "))]
    assert not re.search(r"has_role\(|\.roles\b|PermissionDenied|is_police", "\n".join(lines))


def test_the_role_check_pattern_catches_role_checks() -> None:
    for line in ("if user.has_role(Role.ANALYST):", "if Role.SERGEANT in user.roles:", "if user.role == 'Officer':"):
        assert ROLE_CHECK.search(line), line


def test_views_ask_has_perm(cast: Any) -> None:
    client = Client()
    client.force_login(cast.sam)
    assert client.get(reverse("geography:job-list")).status_code == 403
    # Granting the permission alone (no role change) opens the page: the view asks has_perm.
    from django.contrib.auth.models import Permission

    cast.sam.user_permissions.add(Permission.objects.get(content_type__app_label="core", codename="view_job"))
    assert client.get(reverse("geography:job-list")).status_code == 200


@pytest.mark.parametrize("name", ["olivia", "sam", "ian", "ana", "pat", "ada", "nobody"])
def test_no_link_on_a_home_page_leads_to_a_403(cast: Any, name: str) -> None:
    from core.models import Job

    Job.objects.create(kind="import_test")  # the analyst's home lists recent jobs
    client = Client()
    client.force_login(getattr(cast, name))
    html = client.get(reverse("home")).content.decode()
    links = {
        href.replace("&amp;", "&") for href in re.findall(r'href="(/[^"]*)"', html) if not href.startswith("/static/")
    }
    assert links
    for link in sorted(links):
        if link.startswith(reverse("logout")):
            continue
        status = client.get(link).status_code
        assert status != 403, (name, link)


def test_the_rules_backend_answers_object_permissions() -> None:
    from django.conf import settings

    assert "rules.permissions.ObjectPermissionBackend" in settings.AUTHENTICATION_BACKENDS
    assert "django.contrib.auth.backends.ModelBackend" in settings.AUTHENTICATION_BACKENDS
