"""Share links (team/share_link_views.py) and the read-only page they open (team/shared_views.py)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone

from assessments.models import ShareLink
from tests.factories import OrganisationFactory, completed_assessment

pytestmark = pytest.mark.django_db


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
