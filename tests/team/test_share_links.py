"""Share links (team/share_link_views.py) and the read-only page they open (team/shared_views.py)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from assessments.models import ShareLink
from tests import printed
from tests.factories import OrganisationFactory, completed_assessment, member

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


def _share(alice, bob, worker):
    from tests.factories import completed_assessment

    organisation = OrganisationFactory(owner=alice, name="Northwind Logistics")
    member(organisation, bob, "editor")
    assessment = completed_assessment(organisation=organisation)
    client = Client()
    client.force_login(alice)
    with worker():  # sharing prepares the anonymous report
        page = client.post(f"/assessments/{assessment.pk}/share/", {"days": 7}).content.decode()
    link = (
        re.search(r'<code class="share-link">([^<]+)</code>', page).group(1).replace("http://testserver", "")
    )
    return {"assessment": assessment, "client": client, "link": link}


@pytest.fixture
def shared(alice, bob, worker, fake_renderer):
    return _share(alice, bob, worker)  # the PDF is not read: the fake renderer saves a WeasyPrint render


@pytest.fixture
def shared_with_pdf(alice, bob, worker):
    return _share(alice, bob, worker)


def test_a_share_link_opens_read_only_results_without_an_account_and_names_nobody(shared, alice, bob):
    response = Client().get(shared["link"])
    text = response.content.decode()
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"].startswith("noindex")
    result = shared["assessment"].result
    assert "Northwind Logistics" in text and escape(result["headline"]) in text
    for verdict in (result["verdicts"]["need"], result["verdicts"]["reporting_line"]):
        assert escape(verdict["label"]) in text and escape(verdict["confidence_reason"]) in text
    assert (
        '<p class="verdict-answer">Yes, probably: a dedicated CAIO <span class="badge badge-article">' in text
    )
    assert '<span class="badge badge-borderline">Borderline</span>' in text
    assert "The article’s tests" in text
    for private in ("alice", "bob", "@example.com", "Re-assess", "/share/", "csrfmiddlewaretoken"):
        assert private not in text
    link = ShareLink.objects.get()
    assert link.open_count == 1 and link.last_opened_at is not None


def test_the_shared_pdf_downloads_and_names_nobody(shared_with_pdf):
    response = Client().get(shared_with_pdf["link"] + "report.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Referrer-Policy"] == "no-referrer"
    text = printed.text(response.content)
    assert "Northwind Logistics" in text and "alice" not in text


def test_a_revoked_link_stops_working_at_once(shared):
    link = ShareLink.objects.get()
    shared["client"].post(f"/assessments/{shared['assessment'].pk}/share/{link.pk}/revoke/")
    for url in (shared["link"], shared["link"] + "report.pdf"):
        response = Client().get(url)
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()


def test_an_expired_link_stops_working(shared):
    ShareLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Client().get(shared["link"]).status_code == 404


def test_the_share_page_lists_links_with_when_they_were_last_opened(shared):
    Client().get(shared["link"])
    text = shared["client"].get(f"/assessments/{shared['assessment'].pk}/share/").content.decode()
    assert "(1 time)" in text and "Active" in text


@pytest.mark.parametrize("days", ["0", "91", "-1", "abc", "1e309", ""])
def test_share_days_out_of_range_are_refused_next_to_the_field(shared, days):
    response = shared["client"].post(f"/assessments/{shared['assessment'].pk}/share/", {"days": days})
    assert response.status_code == 400
    assert "invalid-feedback" in response.content.decode()


def test_a_link_created_by_a_removed_member_is_listed_with_its_creator_and_revoked_in_one_click(alice, bob):
    from assessments.models import Membership
    from tests.factories import completed_assessment

    organisation = OrganisationFactory(owner=alice, name="Northwind Logistics")
    member(organisation, bob, "editor")
    assessment = completed_assessment(organisation=organisation)
    bobs_client = Client()
    bobs_client.force_login(bob)
    bobs_client.post(f"/assessments/{assessment.pk}/share/", {"days": 7})
    Membership.objects.filter(user=bob).delete()
    alices_client = Client()
    alices_client.force_login(alice)
    page = alices_client.get(f"/assessments/{assessment.pk}/share/").content.decode()
    assert ">bob (no longer a member)</td>" in page
    link = ShareLink.objects.get()
    alices_client.post(f"/assessments/{assessment.pk}/share/{link.pk}/revoke/")
    link.refresh_from_db()
    assert link.revoked_at is not None
