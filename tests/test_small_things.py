"""Issue 14's small things: words a person reads, and confirmations that work without JavaScript."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone

from assessments.models import ShareLink
from tests.factories import OrganisationFactory, completed_assessment

pytestmark = pytest.mark.django_db


def test_an_empty_organisation_list_leads_with_creating_the_first_one(alice_client):
    text = alice_client.get("/organisations/").content.decode()
    assert text.index("Create your first organisation") < text.index("caio-assessment")
    assert '<h2 class="h5">Create your first organisation</h2>' in text
    assert "Or import an assessment you already have" in text


@pytest.mark.parametrize(("headcount", "words"), [(1, "1 employee"), (1200, "1,200 employees")])
def test_the_organisation_page_counts_employees_in_plain_english(alice_client, alice, headcount, words):
    organisation = OrganisationFactory(owner=alice, headcount=headcount)
    text = alice_client.get(f"/organisations/{organisation.pk}/").content.decode()
    assert f" · {words} · " in text


def test_sign_up_from_an_invitation_prefills_the_invited_address(alice_client, alice):
    organisation = OrganisationFactory(owner=alice)
    page = alice_client.post(
        f"/organisations/{organisation.pk}/members/", {"email": "erin@example.com", "role": "editor"}
    ).content.decode()
    link = (
        re.search(r'<code class="invitation-link">([^<]+)</code>', page)
        .group(1)
        .replace("http://testserver", "")
    )
    invitation = Client().get(link).content.decode()
    signup_url = re.search(r'href="(/accounts/signup/\?next=[^"]+)"', invitation).group(1)
    signup = Client().get(signup_url.replace("&amp;", "&")).content.decode()
    assert 'value="erin@example.com"' in signup
    # A made-up link pre-fills nothing.
    assert (
        'value="erin@example.com"'
        not in Client().get("/accounts/signup/?next=/invitations/nope/").content.decode()
    )


@pytest.fixture
def link(alice_client, alice, worker, fake_renderer):
    assessment = completed_assessment(organisation=OrganisationFactory(owner=alice))
    with worker():
        page = alice_client.post(f"/assessments/{assessment.pk}/share/", {"days": 7}).content.decode()
    shared = ShareLink.objects.get()
    shared.address = re.search(r'<code class="share-link">([^<]+)</code>', page).group(1)
    return shared


def test_revoking_a_share_link_asks_first_on_a_page_that_needs_no_script(alice_client, link):
    url = f"/assessments/{link.assessment_id}/share/{link.pk}/revoke/"
    share_page = alice_client.get(f"/assessments/{link.assessment_id}/share/").content.decode()
    assert f'href="{url}"' in share_page
    page = alice_client.get(url).content.decode()
    assert '<h1 class="h2">Revoke this link?</h1>' in page
    assert '<button type="submit" class="btn btn-danger">Revoke the link</button>' in page
    link.refresh_from_db()
    assert link.revoked_at is None
    response = alice_client.post(url, follow=True)
    assert "The link was revoked: it stops working now." in response.content.decode()
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_the_shared_page_says_when_its_link_expires(alice_client, link):
    text = Client().get(link.address.replace("http://testserver", "")).content.decode()
    expiry = timezone.localtime(link.expires_at)
    assert f"This link works until {expiry:%-d %B %Y, %H:%M}" in text
    assert "unless the people who shared it revoke it sooner." in text
