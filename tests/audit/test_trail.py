"""The audit trail: every change with its before and after values, chained by hashes, read by owners only."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import threading
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from assessments import services
from assessments.audit import chain
from assessments.audit.models import ACCOUNT_CHAIN, AuditChain, AuditEntry
from assessments.models import Assessment, Membership, Organisation
from assessments.team import services as teams
from tests.factories import PASSWORD, AssessmentFactory, OrganisationFactory, UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(alice):
    return OrganisationFactory(owner=alice, name="Northwind Logistics")


def entries(organisation, **filters):
    return list(AuditEntry.objects.filter(chain=organisation.pk, **filters).order_by("seq"))


def changes(entry):
    return json.loads(entry.changes)


def verify() -> str:
    out = io.StringIO()
    call_command("verify_audit", stdout=out, stderr=out)
    return out.getvalue()


def test_an_edit_of_the_profile_records_who_changed_which_values_from_what_to_what(
    alice_client, alice, organisation
):
    response = alice_client.post(
        f"/organisations/{organisation.pk}/edit/",
        {"name": "Northwind Freight", "sector": "Logistics", "headcount": 1300, "region": "European Union",
         "notes": "", "paper_size": "a4", "version": 1},
    )  # fmt: skip
    assert response.status_code == 302
    entry = entries(organisation, action="changed", object_type="assessments.organisation")[-1]
    assert entry.actor_name == "alice" and entry.actor_id == alice.pk
    assert changes(entry) == {"headcount": [1200, 1300], "name": ["Northwind Logistics", "Northwind Freight"]}


def test_answers_saved_on_a_step_are_in_the_trail_with_their_old_values(alice_client, organisation):
    draft = AssessmentFactory(organisation=organisation, answers={"employees": 1200})
    response = alice_client.post(
        f"/assessments/{draft.pk}/step/footprint/",
        {"employees": "1,500", "annual_ai_spend_usd": "$2.5M", "ai_headcount": "12", "ai_use_cases": "3",
         "version": draft.version, "action": "next"},
    )  # fmt: skip
    assert response.status_code == 302
    entry = entries(organisation, object_type="assessments.assessment", action="changed")[-1]
    assert changes(entry)["answers"][0] == {"employees": 1200}
    assert changes(entry)["answers"][1]["employees"] == 1500
    assert entry.actor_name == "alice"


def test_members_invitations_and_removals_are_recorded(alice, organisation):
    bob = UserFactory(username="bob")
    _invitation, link = teams.invite(
        organisation=organisation, user=alice, email="bob@example.com", role="editor", link_for=lambda t: t
    )
    teams.accept(token=link, user=bob)
    teams.remove_member(membership=Membership.objects.get(user=bob), user=alice)
    kinds = [(e.action, e.object_type) for e in entries(organisation)]
    assert ("created", "assessments.invitation") in kinds
    assert ("changed", "assessments.invitation") in kinds  # accepted_at and accepted_by
    assert ("created", "assessments.membership") in kinds
    removed = entries(organisation, action="deleted", object_type="assessments.membership")[-1]
    assert removed.object_label == "bob" and changes(removed)["role"] == ["editor", None]
    invitation = entries(organisation, object_type="assessments.invitation", action="created")[-1]
    assert "token_hash" not in changes(invitation)  # secrets stay out of the trail


def test_a_change_rolled_back_leaves_no_entry_and_an_entry_is_never_without_its_change(alice, organisation):
    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.update_organisation(
            organisation=organisation, data={"name": "Gone"}, expected_version=1, user=alice
        )
        assert AuditEntry.objects.count() == before + 1  # written inside the change's own transaction
        raise RuntimeError
    assert AuditEntry.objects.count() == before
    assert Organisation.objects.get().name == "Northwind Logistics"


def test_the_trail_outlives_the_deletion_of_what_it_describes(alice_client, organisation):
    draft = AssessmentFactory(organisation=organisation)
    key, draft_pk, membership_pk = organisation.pk, draft.pk, Membership.objects.get().pk
    assert alice_client.post(f"/organisations/{key}/delete/").status_code == 302
    assert not Organisation.objects.exists() and not Assessment.objects.exists()
    gone = {(e.action, e.object_type, e.object_id) for e in AuditEntry.objects.filter(chain=key)}
    assert ("deleted", "assessments.organisation", str(key)) in gone
    assert ("deleted", "assessments.assessment", str(draft_pk)) in gone
    assert ("deleted", "assessments.membership", str(membership_pk)) in gone
    last = AuditEntry.objects.filter(chain=key).order_by("seq").last()
    assert (last.action, last.object_label, last.actor_name) == ("deleted", "Northwind Logistics", "alice")
    assert "The audit trail is intact" in verify()


# --- the hash chain -------------------------------------------------------------------------------------


def _three_entries(alice, organisation):
    for name in ("One", "Two", "Three"):
        organisation.refresh_from_db()
        services.update_organisation(
            organisation=organisation, data={"name": name}, expected_version=organisation.version, user=alice
        )
    return entries(organisation)


def test_each_entry_hashes_the_previous_hash_and_its_own_canonical_json(alice, organisation):
    trail = _three_entries(alice, organisation)
    assert trail[0].prev_hash == "" and [e.seq for e in trail] == list(range(1, len(trail) + 1))
    for previous, entry in zip(trail, trail[1:], strict=False):
        assert entry.prev_hash == previous.hash
        document = json.dumps(
            chain.entry_document(entry), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        assert entry.hash == hashlib.sha256((previous.hash + document).encode()).hexdigest()
    assert "The audit trail is intact" in verify()


def test_verify_audit_detects_an_edited_entry(alice, organisation):
    trail = _three_entries(alice, organisation)
    AuditEntry.objects.filter(pk=trail[1].pk).update(actor_name="mallory")
    with pytest.raises(CommandError, match="altered"):
        verify()


def test_verify_audit_detects_an_edited_value(alice, organisation):
    trail = _three_entries(alice, organisation)
    AuditEntry.objects.filter(pk=trail[-1].pk).update(changes=trail[-1].changes.replace("Three", "Four"))
    with pytest.raises(CommandError, match="altered"):
        verify()


def test_verify_audit_detects_a_deleted_entry_in_the_middle_and_at_the_end(alice, organisation):
    trail = _three_entries(alice, organisation)
    AuditEntry.objects.filter(pk=trail[-1].pk).delete()
    with pytest.raises(CommandError, match="altered"):
        verify()
    AuditChain.objects.filter(key=organisation.pk).update(seq=trail[-2].seq, hash=trail[-2].hash)
    assert "intact" in verify()  # the head moved back too: now the middle one
    AuditEntry.objects.filter(pk=trail[1].pk).delete()
    with pytest.raises(CommandError, match="altered"):
        verify()


def test_verify_audit_detects_an_inserted_entry(alice, organisation):
    trail = _three_entries(alice, organisation)
    forged = AuditEntry(
        chain=organisation.pk, seq=trail[-1].seq + 1, created_at=timezone.now(), actor_name="mallory",
        action="changed", object_type="assessments.organisation", object_id=str(organisation.pk),
        changes='{"name":["Three","Mallory Inc"]}', prev_hash="0" * 64,
    )  # fmt: skip
    forged.hash = chain.entry_hash(forged.prev_hash, forged)
    forged.save()
    with pytest.raises(CommandError, match="altered"):
        verify()


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_writers_do_not_fork_the_chain():
    owner = UserFactory(username="olga")
    organisation = OrganisationFactory(owner=owner)
    start = AuditChain.objects.get(key=organisation.pk).seq
    errors: list[BaseException] = []

    def write(prefix: str) -> None:
        try:
            for number in range(8):
                chain.append(
                    chain=organisation.pk, action="changed", object_type="test", object_id=f"{prefix}{number}"
                )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(p,)) for p in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    seqs = list(
        AuditEntry.objects.filter(chain=organisation.pk).order_by("seq").values_list("seq", flat=True)
    )
    assert seqs == list(range(1, start + 17))
    assert "intact" in verify()


def test_pruning_removes_old_entries_and_the_rest_still_verifies(alice, organisation, settings):
    trail = _three_entries(alice, organisation)
    AuditEntry.objects.filter(pk__in=[e.pk for e in trail[:2]]).update(
        created_at=timezone.now() - timedelta(days=40)
    )
    # Their hashes covered the old dates; re-hash the chain as if they had been written 40 days ago.
    previous = ""
    for entry in AuditEntry.objects.filter(chain=organisation.pk).order_by("seq"):
        entry.prev_hash, entry.hash = previous, chain.entry_hash(previous, entry)
        entry.save()
        previous = entry.hash
    AuditChain.objects.filter(key=organisation.pk).update(hash=previous)
    settings.AUDIT_KEEP_DAYS = 30
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # as deployed
    out = io.StringIO()
    call_command("maintain_tasks", stdout=out)
    assert "Pruned 2 audit entries older than 30 days." in out.getvalue()
    kept = entries(organisation)
    assert [e.seq for e in kept][0] == 3 and kept[-1].action == "pruned"
    assert "intact" in verify()
    call_command("maintain_tasks", stdout=io.StringIO())
    assert entries(organisation)[-1].seq == kept[-1].seq  # nothing more to prune: no second "pruned" entry


def test_maintain_tasks_waits_a_day_past_the_limit_before_pruning(alice, organisation, settings):
    AuditEntry.objects.filter(chain=organisation.pk).update(
        created_at=timezone.now() - timedelta(days=30, hours=12)
    )
    settings.AUDIT_KEEP_DAYS = 30
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # as deployed
    out = io.StringIO()
    call_command("maintain_tasks", stdout=out)
    assert "Pruned 0 audit entries" in out.getvalue()
    call_command("prune_audit", stdout=out)  # the command prunes at once
    assert "Pruned 2 audit entries older than 30 days." in out.getvalue()


def test_a_password_sign_in_is_in_the_trail(alice):
    client = Client()
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(chain=ACCOUNT_CHAIN, action="signed_in").get()
    assert entry.actor_name == "alice" and changes(entry) == {"method": [None, "password"]}


# --- the page and the exports, per role -------------------------------------------------------------------


@pytest.fixture
def clients(alice, organisation):
    people = {"owner": alice}
    for role in ("editor", "viewer"):
        people[role] = UserFactory(username=f"{role}-person")
        member(organisation, people[role], role)
    people["outsider"] = UserFactory(username="outsider")
    made = {"anonymous": Client()}
    for role, user in people.items():
        made[role] = Client()
        made[role].force_login(user)
    return made


@pytest.mark.parametrize("suffix", ["audit/", "audit.csv", "audit.json"])
@pytest.mark.parametrize(
    "role, status", [("owner", 200), ("editor", 403), ("viewer", 403), ("outsider", 404), ("anonymous", 302)]
)
def test_only_owners_read_and_export_the_trail(clients, organisation, suffix, role, status):
    response = clients[role].get(f"/organisations/{organisation.pk}/{suffix}")
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/accounts/login/")
    if status == 200 and suffix == "audit/":
        assert (
            "Audit trail" in response.content.decode() and "Northwind Logistics" in response.content.decode()
        )


def test_the_page_shows_who_and_the_values_before_and_after(alice_client, alice, organisation):
    services.update_organisation(
        organisation=organisation, data={"region": "Canada"}, expected_version=1, user=alice
    )
    text = alice_client.get(f"/organisations/{organisation.pk}/audit/").content.decode()
    assert "<del>European Union</del> → <ins>Canada</ins>" in text
    assert "alice" in text


@pytest.mark.parametrize("changes_made", [1, 70])
def test_the_page_costs_the_same_queries_however_long_the_trail(
    alice_client, alice, organisation, django_assert_num_queries, changes_made
):
    for number in range(changes_made):
        chain.append(chain=organisation.pk, action="changed", object_type="assessments.organisation",
                     object_id=organisation.pk, changes={"notes": ["", f"n{number}"]}, actor=alice)  # fmt: skip
    # session, user, organisation with the role, count, one page of entries
    with django_assert_num_queries(5):
        assert alice_client.get(f"/organisations/{organisation.pk}/audit/?page=2").status_code == 200


def test_the_csv_export_keeps_formulas_as_text(alice_client, alice, organisation):
    services.update_organisation(
        organisation=organisation, data={"name": '=HYPERLINK("http://x")'}, expected_version=1, user=alice
    )
    response = alice_client.get(f"/organisations/{organisation.pk}/audit.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["seq", "at", "actor", "action"]
    names = [row for row in rows[1:] if row[7] == "name"]
    assert names[-1][8:10] == ["Northwind Logistics", '\'=HYPERLINK("http://x")']
    assert names[-1][6] == '\'=HYPERLINK("http://x")'  # the object's name as it then read
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_json_export_holds_the_chain_to_check_it_by(alice_client, alice, organisation):
    _three_entries(alice, organisation)
    document = json.loads(alice_client.get(f"/organisations/{organisation.pk}/audit.json").content)
    assert document["schema"] == "caio-audit/1"
    previous = ""
    for item in document["entries"]:  # checked from the file alone, as docs/audit.md says
        assert item["prev_hash"] == previous
        fields = {key: value for key, value in item.items() if key not in ("prev_hash", "hash")}
        fields["changes"] = json.dumps(
            fields["changes"], sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        text = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert item["hash"] == hashlib.sha256((previous + text).encode()).hexdigest()
        previous = item["hash"]
    assert document["entries"][-1]["changes"] == {"name": ["Two", "Three"]}
    assert previous == AuditChain.objects.get(key=organisation.pk).hash


def test_a_signature_and_the_agreement_it_completes_are_recorded(alice, organisation):
    from assessments.charter import services as charters
    from tests.factories import completed_assessment

    charter = charters.start_charter(assessment=completed_assessment(organisation=organisation), user=alice)
    charters.sign_charter(charter=charter, user=alice, seen_version=charter.version)
    signed = entries(organisation, object_type="assessments.chartersignature")[-1]
    assert signed.action == "created" and signed.object_label == "alice"
    agreed = entries(organisation, object_type="assessments.charter", action="changed")[-1]
    assert changes(agreed)["status"] == ["draft", "agreed"]
    assert "intact" in verify()


def test_a_domain_rule_is_recorded_with_who_set_it(alice_client, alice, organisation):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=alice, email="alice@northwind.example", verified=True, primary=True)
    alice_client.post(
        f"/organisations/{organisation.pk}/sign-on/", {"domain": "northwind.example", "role": "viewer"}
    )
    entry = entries(organisation, object_type="sso.domainrule")[-1]
    assert (entry.action, entry.actor_name, entry.object_label) == ("created", "alice", "northwind.example")
    assert "Domain rule" in alice_client.get(f"/organisations/{organisation.pk}/audit/").content.decode()


def test_staff_read_every_chain_in_the_admin_and_cannot_change_it(organisation):
    staff = UserFactory(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(staff)
    assert client.get("/admin/audit/auditentry/").status_code == 200
    entry = AuditEntry.objects.filter(chain=organisation.pk).first()
    assert client.post(f"/admin/audit/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403


def test_api_tokens_made_and_revoked_and_changes_through_the_api_are_recorded(alice, organisation):
    from pathlib import Path

    from assessments.api import tokens

    row, token = tokens.create_token(user=alice, organisation=organisation, name="ci", can_write=True)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    document = (Path(__file__).parents[2] / "examples" / "northwind.json").read_bytes()
    response = api.post(
        f"/api/v1/organisations/{organisation.pk}/assessments/", document, content_type="application/json"
    )
    assert response.status_code == 201
    tokens.revoke_token(token=row)
    made = entries(organisation, object_type="assessments.apitoken", action="created")[-1]
    assert made.object_label == f"ci ({row.prefix}…)" and "token_hash" not in changes(made)
    revoked = entries(organisation, object_type="assessments.apitoken", action="changed")[-1]
    assert changes(revoked)["revoked_at"][0] is None and changes(revoked)["revoked_at"][1]
    scored = entries(organisation, object_type="assessments.assessment", action="created")[-1]
    assert (
        scored.object_id == str(response.json()["id"]) and scored.actor_name == "alice"
    )  # the token's person
    assert "intact" in verify()
