"""Keeping a neighbourhood's named officers: sergeants add, change, reorder and remove them, with history,
audit, GOV.UK errors and no silent overwrite; police read the list; what is published reaches the public."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.locking import EditConflict
from core.models import AuditEvent
from core.tiers import Tier
from queries.models import NamedOfficer
from queries.officer_services import named_officer_add, named_officer_change, named_officer_move
from queries.selectors import named_officers
from queries.tests.conftest import submit

VALID = {"name": "Priya Shah", "rank": "PCSO", "role": "Community support officer", "bio": "", "tier": "0"}


def _add(cast: Any, name: str, **values: Any) -> NamedOfficer:
    fields = {"rank": "PC", "role": "Beat manager", **values}
    return named_officer_add(neighbourhood=cast.ashfield, actor=cast.sam, name=name, **fields)


def test_a_sergeant_adds_a_named_officer_who_is_published(client: Any, cast: Any) -> None:
    client.force_login(cast.sam)
    response = client.post(
        reverse("queries:officer-add", args=[cast.ashfield.pk]),
        {**VALID, "public_phone": "01632 960 001", "user": cast.owen.pk},
    )
    assert response.status_code == 302
    officer = NamedOfficer.objects.get(neighbourhood=cast.ashfield)
    assert (officer.name, officer.user, officer.public_phone, officer.order) == (
        "Priya Shah",
        cast.owen,
        "01632 960 001",
        0,
    )
    people = named_officers(cast.ashfield)
    assert people[0]["name"] == "Priya Shah"
    assert people[0]["contact_details"]["telephone"] == "01632 960 001"
    assert people[0]["contact_details"]["contact_form"] == reverse("queries:contact", args=[cast.ashfield.pk])
    event = AuditEvent.objects.get(verb=AuditEvent.Verb.NAMED_OFFICER_ADDED)
    assert (event.actor, event.target_id, event.data["officer"]) == (cast.sam, str(cast.ashfield.pk), officer.pk)
    # New queries now land with the named officer's account.
    assert submit(cast).assigned_to == cast.owen


def test_form_errors_name_the_field(client: Any, cast: Any) -> None:
    client.force_login(cast.sam)
    response = client.post(
        reverse("queries:officer-add", args=[cast.ashfield.pk]),
        {**VALID, "name": "", "public_email": "not-an-email", "tier": "9"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body
    assert 'href="#id_name"' in body
    assert "Enter name" in body
    assert "Enter the published email address in the correct format" in body
    assert "Select who can see this" in body
    assert not NamedOfficer.objects.exists()


def test_an_account_from_another_force_is_refused(cast: Any) -> None:
    other = type(cast.olivia).objects.create(username="far", force=cast.other_force)
    with pytest.raises(ValidationError):
        _add(cast, "Far Away", user=other)


def test_a_stale_edit_is_refused_and_says_who_changed_it(client: Any, cast: Any) -> None:
    officer = _add(cast, "Olivia Price")
    client.force_login(cast.sam)
    url = reverse("queries:officer-edit", args=[officer.pk])
    first = client.post(url, {**VALID, "name": "Olivia Price-Jones", "version": officer.version})
    assert first.status_code == 302
    stale = client.post(url, {**VALID, "name": "Someone Else", "version": officer.version})
    assert stale.status_code == 400
    assert "was changed by" in stale.content.decode()
    officer.refresh_from_db()
    assert officer.name == "Olivia Price-Jones"
    changed = AuditEvent.objects.get(verb=AuditEvent.Verb.NAMED_OFFICER_CHANGED)
    assert set(changed.data["fields"]) >= {"name", "rank", "role"}


def test_reorder_and_remove_with_history(client: Any, cast: Any) -> None:
    first, second, third = (_add(cast, name) for name in ("Ann", "Ben", "Cal"))
    client.force_login(cast.sam)
    response = client.post(
        reverse("queries:officer-move", args=[third.pk]), {"version": third.version, "direction": "up"}
    )
    assert response.status_code == 302
    order = list(NamedOfficer.objects.filter(neighbourhood=cast.ashfield).order_by("order").values_list("name"))
    assert order == [("Ann",), ("Cal",), ("Ben",)]
    # Moving the first up is refused with a message, not a 500.
    first.refresh_from_db()
    refused = client.post(
        reverse("queries:officer-move", args=[first.pk]), {"version": first.version, "direction": "up"}
    )
    assert refused.status_code == 400
    assert "already first" in refused.content.decode()
    # A stale version does not remove.
    second.refresh_from_db()
    stale = client.post(reverse("queries:officer-remove", args=[second.pk]), {"version": second.version - 1 or 99})
    assert stale.status_code == 400
    assert NamedOfficer.objects.filter(pk=second.pk).exists()
    removed = client.post(reverse("queries:officer-remove", args=[second.pk]), {"version": second.version})
    assert removed.status_code == 302
    assert not NamedOfficer.objects.filter(pk=second.pk).exists()
    page = client.get(reverse("queries:officers", args=[cast.ashfield.pk]))
    history = page.context["history"]
    assert history[0]["what"] == "Removed"
    assert history[0]["officer"] == "PC Ben"
    assert any(h["what"] == "Changed" and "place in the list" in h["fields"] for h in history)
    assert history[0]["by"].startswith("Sam")
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {AuditEvent.Verb.NAMED_OFFICER_MOVED, AuditEvent.Verb.NAMED_OFFICER_REMOVED} <= verbs


def test_move_checks_the_moved_entry_version(cast: Any) -> None:
    ann, ben = _add(cast, "Ann"), _add(cast, "Ben")
    named_officer_change(officer=ben, actor=cast.sam, loaded_version=ben.version, name="Benjamin")
    with pytest.raises(EditConflict):
        named_officer_move(officer=ben, up=True, actor=cast.olivia, loaded_version=1)
    assert list(NamedOfficer.objects.order_by("order").values_list("pk", flat=True)) == [ann.pk, ben.pk]


def test_who_may_keep_the_list(client: Any, cast: Any) -> None:
    officer = _add(cast, "Ann")
    edit = reverse("queries:officer-edit", args=[officer.pk])
    for user, page, change in ((cast.olivia, 200, 403), (cast.ian, 200, 403), (cast.pat, 403, 403)):
        client.force_login(user)
        assert client.get(reverse("queries:officers", args=[cast.ashfield.pk])).status_code == page, user
        assert client.get(edit).status_code == change, user
    client.force_login(cast.sam)
    # Cottam is in no team of Sam's: he reads its list but cannot change it.
    cottam = reverse("queries:officers", args=[cast.cottam.pk])
    assert client.get(cottam).status_code == 200
    assert "Add a named officer" not in client.get(cottam).content.decode()
    assert client.get(reverse("queries:officer-add", args=[cast.cottam.pk])).status_code == 403
    assert client.get(reverse("queries:officers", args=[cast.elsewhere.pk])).status_code == 404


def test_a_police_only_entry_is_not_published_and_text_stays_text(client: Any, cast: Any) -> None:
    _add(cast, "<b>Draft</b>", tier=Tier.POLICE)
    _add(cast, "Public <script>x</script>", bio="<i>bio</i>")
    assert [p["name"] for p in named_officers(cast.ashfield)] == ["Public <script>x</script>"]
    body = client.get(reverse("queries:contact", args=[cast.ashfield.pk])).content.decode()
    assert "Draft" not in body
    assert "<script>x</script>" not in body
    assert "&lt;script&gt;x&lt;/script&gt;" in body
    assert "&lt;i&gt;bio&lt;/i&gt;" in body
