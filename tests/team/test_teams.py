"""Members and invitations (assessments/team/member_views.py, assessments/team/services.py): inviting,
joining, changing roles, removing members, and the limits on invitations."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from assessments.models import ActivityEvent, Invitation, MailDelivery, Membership
from assessments.team import services as teams
from tests.factories import PASSWORD, OrganisationFactory, UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(alice):
    return OrganisationFactory(owner=alice, name="Northwind Logistics")


def _queued_invitations() -> int:
    """Invitation mails handed to the worker (it sends them after the request)."""
    return MailDelivery.objects.filter(kind=MailDelivery.Kind.INVITATION).count()


def _invite(client: Client, organisation, email="erin@example.com", role="editor") -> str:
    response = client.post(f"/organisations/{organisation.pk}/members/", {"email": email, "role": role})
    assert response.status_code == 200
    match = re.search(r'<code class="invitation-link">([^<]+)</code>', response.content.decode())
    assert match, "the new link is shown on screen"
    return match.group(1).replace("http://testserver", "")


def test_an_invitation_is_shown_on_screen_and_emailed(alice_client, organisation, worker):
    with worker():  # the worker sends the mail
        link = _invite(alice_client, organisation)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["erin@example.com"]
    assert link in mail.outbox[0].body
    # The name is chosen by whoever signs up: quoted in the body as data, never put in a header.
    assert "Northwind Logistics" not in mail.outbox[0].subject
    assert "alice invited you to join “Northwind Logistics” on CAIO Advisor as editor." in mail.outbox[0].body


def test_a_new_person_signs_up_through_the_link_and_joins_with_the_offered_role(alice_client, organisation):
    link = _invite(alice_client, organisation, role="viewer")
    visitor = Client()
    page = visitor.get(link).content.decode()
    assert "Join “Northwind Logistics”" in page and "Sign up" in page
    response = visitor.post(
        "/accounts/signup/",
        {
            "username": "erin",
            "email": "erin@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": link,
        },
    )
    assert response["Location"] == link
    response = visitor.post(link, follow=True)
    assert "You have joined “Northwind Logistics”" in response.content.decode()
    assert Membership.objects.get(user__username="erin", organisation=organisation).role == "viewer"


def test_an_invitation_works_once(alice_client, organisation, bob_client):
    link = _invite(alice_client, organisation)
    assert bob_client.post(link).status_code == 302
    other = Client()
    other.force_login(UserFactory(username="mallory"))
    response = other.post(link)
    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert not Membership.objects.filter(user__username="mallory").exists()


def test_an_expired_or_withdrawn_invitation_does_not_work(alice_client, organisation, bob_client):
    link = _invite(alice_client, organisation)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert "has expired" in bob_client.post(link).content.decode()
    link = _invite(alice_client, organisation, email="x@example.com")
    invitation = Invitation.objects.get(email="x@example.com")
    alice_client.post(f"/organisations/{organisation.pk}/invitations/{invitation.pk}/withdraw/")
    assert "withdrawn" in bob_client.post(link).content.decode()


def test_an_unknown_invitation_token_is_refused(bob_client):
    assert bob_client.get("/invitations/not-a-real-token/").status_code == 410


def test_the_owner_changes_roles_and_removes_members(alice_client, organisation, bob):
    membership = member(organisation, bob, "viewer")
    alice_client.post(
        f"/organisations/{organisation.pk}/members/{membership.pk}/role/", {"role": "editor", "version": 1}
    )
    membership.refresh_from_db()
    assert membership.role == "editor"
    alice_client.post(f"/organisations/{organisation.pk}/members/{membership.pk}/remove/")
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_the_last_owner_can_be_neither_demoted_nor_removed(alice_client, organisation, alice):
    mine = Membership.objects.get(user=alice)
    response = alice_client.post(
        f"/organisations/{organisation.pk}/members/{mine.pk}/role/",
        {"role": "viewer", "version": 1},
        follow=True,
    )
    assert "needs at least one owner" in response.content.decode()
    response = alice_client.post(f"/organisations/{organisation.pk}/members/{mine.pk}/remove/", follow=True)
    assert "needs at least one owner" in response.content.decode()
    assert Membership.objects.get(user=alice).role == "owner"


def test_a_role_change_from_a_stale_page_is_refused(alice_client, organisation, bob):
    membership = member(organisation, bob, "viewer")
    url = f"/organisations/{organisation.pk}/members/{membership.pk}/role/"
    alice_client.post(url, {"role": "editor", "version": 1})
    response = alice_client.post(url, {"role": "owner", "version": 1}, follow=True)
    assert "changed elsewhere" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == "editor"


def test_the_activity_log_names_the_actor_even_after_they_are_gone(alice_client, organisation, bob):
    membership = member(organisation, bob, "editor")
    bob_client = Client()
    bob_client.force_login(bob)
    bob_client.post(
        f"/organisations/{organisation.pk}/edit/",
        {"name": "Northwind Freight", "sector": "", "headcount": "", "region": "", "notes": "", "version": 1},
    )
    alice_client.post(f"/organisations/{organisation.pk}/members/{membership.pk}/remove/")
    get_user_model().objects.filter(pk=bob.pk).delete()
    text = alice_client.get(f"/organisations/{organisation.pk}/activity/").content.decode()
    assert "bob" in text and "edited the organisation profile" in text
    assert "removed bob" in text
    assert ActivityEvent.objects.filter(actor_name="bob", actor=None).exists()


def test_a_second_invitation_to_a_pending_address_is_refused(alice_client, organisation):
    _invite(alice_client, organisation, email="erin@example.com")
    response = alice_client.post(
        f"/organisations/{organisation.pk}/members/", {"email": "ERIN@example.com", "role": "viewer"}
    )
    assert response.status_code == 400
    assert (
        "ERIN@example.com already has a pending invitation to this organisation." in response.content.decode()
    )
    assert _queued_invitations() == 1


def test_the_database_holds_one_pending_invitation_per_address(organisation):
    fields = {"organisation": organisation, "role": "viewer", "expires_at": timezone.now()}
    Invitation.objects.create(email="erin@example.com", token_hash="a", **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.create(email="Erin@Example.com", token_hash="b", **fields)


def test_an_expired_invitation_does_not_block_a_new_one(alice_client, organisation):
    _invite(alice_client, organisation, email="erin@example.com")
    Invitation.objects.update(expires_at=timezone.now() - timedelta(days=1))
    _invite(alice_client, organisation, email="erin@example.com")
    assert _queued_invitations() == 2


def test_an_owner_who_sends_too_many_invitations_is_told_to_wait(alice_client, organisation, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "invite": "2/h"}
    _invite(alice_client, organisation, email="one@example.com")
    _invite(alice_client, organisation, email="two@example.com")
    response = alice_client.post(
        f"/organisations/{organisation.pk}/members/", {"email": "three@example.com", "role": "viewer"}
    )
    assert response.status_code == 429
    assert "You have sent many invitations in a short time. Wait an hour, then try again." in (
        response.content.decode()
    )
    assert _queued_invitations() == 2


def test_one_address_is_not_flooded_with_invitations_from_many_organisations(alice_client, alice, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "invite_recipient": "2/h"}
    for _ in range(2):
        _invite(alice_client, OrganisationFactory(owner=alice), email="target@example.com")
    third = OrganisationFactory(owner=alice)
    response = alice_client.post(
        f"/organisations/{third.pk}/members/", {"email": "target@example.com", "role": "viewer"}
    )
    assert response.status_code == 429
    assert (
        "This address has been sent several invitations recently. Try again later."
        in response.content.decode()
    )
    assert _queued_invitations() == 2


def test_the_invitation_page_says_who_invited_you_and_to_what_role(alice_client, organisation):
    link = _invite(alice_client, organisation, role="viewer")
    page = Client().get(link).content.decode()
    assert "alice invited you to join “Northwind Logistics” as <strong>viewer</strong>." in page


def _invitation_url(alice) -> str:
    organisation = OrganisationFactory(owner=alice)
    _invitation, url = teams.invite(
        organisation=organisation, user=alice, email="new@example.com", role="viewer",
        link_for=lambda token: f"/invitations/{token}/",
    )  # fmt: skip
    return url


def test_anonymous_invitation_pages_and_the_prefilled_sign_up_are_not_cacheable(alice):
    url = _invitation_url(alice)
    anonymous = Client()
    pages = [
        anonymous.get(url),
        anonymous.get("/invitations/not-a-real-token/"),
        anonymous.get("/accounts/signup/", {"next": url}),
    ]
    assert [page.status_code for page in pages] == [200, 410, 200]
    assert "new@example.com" in pages[2].content.decode()  # the pre-filled address
    for page in pages:
        assert "no-store" in page["Cache-Control"]


def test_a_viewer_opening_an_owner_invitation_is_asked_to_confirm_the_upgrade(
    alice_client, organisation, bob
):
    member(organisation, bob, "viewer")
    link = _invite(alice_client, organisation, email="bob@example.com", role="owner")
    client = Client()
    client.force_login(bob)
    page = client.get(link).content.decode()
    assert (
        "You are already a member as <strong>viewer</strong>. Accepting changes your role to owner." in page
    )
    assert "Accept and become Owner" in page
    response = client.post(link, {"upgrade": "1"}, follow=True)
    assert "You have joined “Northwind Logistics” as owner." in response.content.decode()
    assert Membership.objects.get(organisation=organisation, user=bob).role == "owner"


def test_accepting_an_upgrade_without_confirming_changes_nothing_and_keeps_the_link(
    alice_client, organisation, bob
):
    member(organisation, bob, "viewer")
    link = _invite(alice_client, organisation, email="bob@example.com", role="owner")
    client = Client()
    client.force_login(bob)
    response = client.post(link)
    assert response.status_code == 410
    assert (
        "Confirm that you want to change your role before accepting this invitation."
        in response.content.decode()
    )
    assert Membership.objects.get(organisation=organisation, user=bob).role == "viewer"
    assert Invitation.objects.get().accepted_at is None


def test_an_invitation_to_a_role_you_already_have_is_refused_and_left_unused(alice_client, organisation, bob):
    member(organisation, bob, "editor")
    link = _invite(alice_client, organisation, email="bob@example.com", role="viewer")
    client = Client()
    client.force_login(bob)
    assert "this invitation would not change your role" in client.get(link).content.decode()
    response = client.post(link)
    assert (
        "You are already an editor of “Northwind Logistics”, so this invitation would not change anything."
        in (response.content.decode())
    )
    assert Membership.objects.get(organisation=organisation, user=bob).role == "editor"
    assert Invitation.objects.get().accepted_at is None


def test_withdrawing_an_invitation_asks_first_on_a_page_of_its_own(alice_client, organisation):
    _invite(alice_client, organisation, email="x@example.com")
    invitation = Invitation.objects.get(email="x@example.com")
    url = f"/organisations/{organisation.pk}/invitations/{invitation.pk}/withdraw/"
    members = alice_client.get(f"/organisations/{organisation.pk}/members/").content.decode()
    assert f'href="{url}"' in members  # a link to the question, not a button that withdraws at once
    page = alice_client.get(url).content.decode()
    assert "Withdraw this invitation?" in page and "The invitation sent to x@example.com as editor" in page
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert alice_client.post(url).status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert "This invitation was already withdrawn." in alice_client.get(url).content.decode()


# --- new accounts' invitation limits: five free accounts once sent 100 invitations in 3.6 s -----------------


def test_a_new_account_sends_only_a_few_invitations_in_its_first_hours(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "invite_new_account": "2/d"}
    newcomer = UserFactory(username="newcomer", date_joined=timezone.now() - timedelta(hours=1))
    client = Client()
    client.force_login(newcomer)
    organisation = OrganisationFactory(owner=newcomer, name="Phish & Co")
    _invite(client, organisation, email="one@example.com")
    _invite(client, organisation, email="two@example.com")
    response = client.post(
        f"/organisations/{organisation.pk}/members/", {"email": "three@example.com", "role": "viewer"}
    )
    assert response.status_code == 429
    assert "A new account can send only a few invitations in its first 24 hours." in response.content.decode()
    assert _queued_invitations() == 2


def test_an_established_account_is_not_held_to_the_new_account_limit(alice_client, organisation, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "invite_new_account": "1/d"}
    _invite(alice_client, organisation, email="one@example.com")
    _invite(alice_client, organisation, email="two@example.com")
    assert _queued_invitations() == 2


def test_an_organisations_owners_together_are_held_to_the_organisations_limit(
    alice_client, organisation, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "invite_organisation": "2/h"}
    second_owner = UserFactory(username="owen")
    member(organisation, second_owner, "owner")
    owen = Client()
    owen.force_login(second_owner)
    _invite(alice_client, organisation, email="one@example.com")
    _invite(owen, organisation, email="two@example.com")
    response = owen.post(
        f"/organisations/{organisation.pk}/members/", {"email": "three@example.com", "role": "viewer"}
    )
    assert response.status_code == 429
    assert "This organisation has sent many invitations in a short time." in response.content.decode()


def test_many_accounts_from_one_address_are_held_to_the_address_limit(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "invite_ip": "2/h"}
    statuses = []
    for n in range(3):
        sender = UserFactory(username=f"farm{n}")
        client = Client(REMOTE_ADDR="198.51.100.7")
        client.force_login(sender)
        organisation = OrganisationFactory(owner=sender)
        statuses.append(
            client.post(
                f"/organisations/{organisation.pk}/members/", {"email": f"x{n}@example.com", "role": "viewer"}
            ).status_code
        )
    assert statuses == [200, 200, 429]


# --- every invitation limit holds for a burst sent across the end of its counting window --------------------

INVITATION_LIMITS = {
    "invite": "You have sent many invitations in a short time. Wait an hour, then try again.",
    "invite_ip": "You have sent many invitations in a short time. Wait an hour, then try again.",
    "invite_organisation": "This organisation has sent many invitations in a short time.",
    "invite_recipient": "This address has been sent several invitations recently. Try again later.",
    "invite_new_account": "A new account can send only a few invitations in its first 24 hours.",
}


@pytest.mark.parametrize("limit", INVITATION_LIMITS)
def test_a_burst_of_invitations_across_a_window_end_gets_the_limit_and_a_period_later_more(limit, settings):
    from tests.limit_windows import at_a_window_end

    period = 86_400 if limit == "invite_new_account" else 3_600
    others = {name: "100/h" for name in INVITATION_LIMITS}
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, **others, limit: f"2/{'d' if period == 86_400 else 'h'}"}
    joined = timezone.now() - (timedelta(hours=1) if limit == "invite_new_account" else timedelta(days=30))
    sender = UserFactory(username="sender", date_joined=joined)
    client = Client(REMOTE_ADDR="198.51.100.7")
    client.force_login(sender)
    organisation = OrganisationFactory(owner=sender, name="Northwind Logistics")
    key = {
        "invite": str(sender.pk),
        "invite_new_account": str(sender.pk),
        "invite_ip": "198.51.100.7",
        "invite_organisation": f"org:{organisation.pk}",
        "invite_recipient": "target@example.com",
    }[limit]

    def invite(n: int):
        # One address from many organisations for its limit; many addresses from one organisation otherwise.
        if limit == "invite_recipient":
            to, email = OrganisationFactory(owner=sender), "Target@example.com"
        else:
            to, email = organisation, f"person{n}@example.com"
        return client.post(f"/organisations/{to.pk}/members/", {"email": email, "role": "viewer"})

    with at_a_window_end(key, period) as clock:
        replies = [invite(0)]  # the last second of one window
        clock.now += 1  # the next window
        replies += [invite(n) for n in range(1, 6)]
        assert [reply.status_code for reply in replies] == [200, 200, 429, 429, 429, 429]
        assert INVITATION_LIMITS[limit] in replies[-1].content.decode()
        assert _queued_invitations() == 2
        clock.now += period
        assert invite(6).status_code == 200
    assert _queued_invitations() == 3
