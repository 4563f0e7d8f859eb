from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone

from assessments.models import ActivityEvent, Invitation, Membership
from tests.factories import PASSWORD, OrganisationFactory, UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(alice):
    return OrganisationFactory(owner=alice, name="Northwind Logistics")


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
    assert "Northwind Logistics" in mail.outbox[0].subject


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
