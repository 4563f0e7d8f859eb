"""Charter signatures (assessments/charter/services.py): a signed charter means what was signed, when saves and
signatures race on real concurrent requests.

The attack: the owner has signed; the last signatory sends "Save" (moving a row's A) and "Sign" at the same
moment from two tabs. Before the fix the charter ended agreed with the edited content and no signature. Runs
on SQLite and on PostgreSQL (`DATABASE_URL=postgres:///…`): each request has its own thread and database
connection.
"""

from __future__ import annotations

import re
from typing import Any
from unittest import mock

import pytest
from django.test import Client

from assessments.charter import rules as charter_rules
from assessments.charter import services as charters
from assessments.models import Charter
from tests.charter.test_charter import form_data
from tests.factories import OrganisationFactory, UserFactory, completed_assessment, member
from tests.test_concurrency import _all_at_once, _slowly

# Every charter here starts from a completed assessment and ends agreed: with real commits each of those
# renders the report (WeasyPrint, ~0.5 s each, 24 renders in this module) that no test here reads.
pytestmark = pytest.mark.usefixtures("fake_renderer")

ROUNDS = 5


def _moved_a(charter: Charter) -> dict[str, str]:
    """The editor's post that moves the first row's A to another role (the charter stays valid)."""
    row = charter.content["rows"][0]
    holder = next(key for key, value in row["raci"].items() if "A" in value)
    other = next(role["key"] for role in charter.content["roles"] if role["key"] != holder)
    cells = {
        f"cell-{row['id']}-{holder}": row["raci"][holder].replace("A", "") or "C",
        f"cell-{row['id']}-{other}": "AR",
    }
    return form_data(charter, **cells)


def _started(*, alone: bool) -> tuple[Charter, Any]:
    """A charter the owner has signed and one signatory (`alone`: the owner, the only one) is still to sign."""
    owner = UserFactory()
    organisation = OrganisationFactory(owner=owner)
    charter = charters.start_charter(assessment=completed_assessment(organisation=organisation), user=owner)
    if alone:
        return charter, owner
    last = UserFactory()
    member(organisation, last, "editor")
    charters.sign_charter(charter=charter, user=owner, seen_version=charter.version)
    return charter, last


def _assert_agreed_means_signed(charter: Charter, original: dict[str, Any]) -> None:
    charter.refresh_from_db()
    signed = set(charter.signatures.values_list("user_id", flat=True))
    everyone = {m.user_id for m in charters.signatories(charter.organisation)}
    if charter.is_agreed:
        assert charter.content == original, "an agreed charter carries an edit nobody signed"
        assert signed == everyone
    else:
        assert charter.content != original and not signed  # the save won: its text is to be signed again


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("alone", [False, True], ids=["last-signatory", "one-owner-alone"])
def test_a_save_and_the_last_signature_at_once_never_agree_an_unsigned_edit(alone):
    outcomes = set()
    for _round in range(ROUNDS):
        charter, signer = _started(alone=alone)
        original, seen = charter.content, charter.version
        edit, url = _moved_a(charter), f"/charters/{charter.pk}/"
        # Widens the window between reading the charter and writing it, in both requests.
        with mock.patch.object(charter_rules, "problems", _slowly(charter_rules.problems)):
            responses = _all_at_once(
                [
                    lambda c, url=url, edit=edit: c.post(url + "edit/", edit),
                    lambda c, url=url, seen=seen: c.post(url + "sign/", {"version": str(seen)}),
                ],
                [signer, signer],
            )
        assert sorted(r.status_code for r in responses) in ([200, 302], [302, 302])
        _assert_agreed_means_signed(charter, original)
        outcomes.add(charter.status)
    assert outcomes <= {"draft", "agreed"}


@pytest.mark.django_db(transaction=True)
def test_two_tabs_saving_an_agreed_charter_after_the_last_signature_are_refused():
    charter, signer = _started(alone=False)
    edit = _moved_a(charter)
    client = Client()
    client.force_login(signer)
    client.post(f"/charters/{charter.pk}/sign/", {"version": str(charter.version)})
    charter.refresh_from_db()
    assert charter.is_agreed and charter.version == 2  # agreeing bumps the version
    response = client.post(f"/charters/{charter.pk}/edit/", edit, follow=True)
    assert "This charter is agreed and read-only." in response.content.decode()
    charter.refresh_from_db()
    assert charter.is_agreed and charter.signatures.count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_new_content_in_an_agreed_charter_even_past_the_lock():
    charter, signer = _started(alone=True)
    charters.sign_charter(charter=charter, user=signer, seen_version=charter.version)
    stale = Charter.objects.get(pk=charter.pk)
    # A writer that read the charter before it was agreed, with the version it had then.
    updated = Charter.objects.filter(pk=stale.pk, status="draft", version=stale.version - 1).update(
        content={}
    )
    assert updated == 0
    with pytest.raises(charters.CharterLocked):
        charters.update_charter(charter=stale, content={}, expected_version=stale.version, user=signer)


@pytest.mark.django_db
def test_a_signature_on_a_version_changed_since_the_signer_opened_it_is_refused():
    charter, signer = _started(alone=False)
    signer_client = Client()
    signer_client.force_login(signer)
    page = signer_client.get(f"/charters/{charter.pk}/").content.decode()
    seen = re.search(r'name="version" value="(\d+)"', page).group(1)  # type: ignore[union-attr]
    owner = charter.organisation.memberships.get(role="owner").user
    owner_client = Client()
    owner_client.force_login(owner)
    assert owner_client.post(f"/charters/{charter.pk}/edit/", _moved_a(charter)).status_code == 302
    response = signer_client.post(f"/charters/{charter.pk}/sign/", {"version": seen}, follow=True)
    assert "The charter changed since you opened it, so nothing was signed." in response.content.decode()
    charter.refresh_from_db()
    assert not charter.is_agreed and not charter.signatures.exists()


@pytest.mark.django_db
def test_a_signature_without_the_version_signs_nothing():
    charter, signer = _started(alone=True)
    client = Client()
    client.force_login(signer)
    response = client.post(f"/charters/{charter.pk}/sign/", follow=True)
    assert "nothing was signed" in response.content.decode()
    assert not charter.signatures.exists()
