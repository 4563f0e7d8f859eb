"""docs/api.md's curl walk-through, run as written: its `sh` blocks, in order, by bash, against a live server.

Only the two variables the document tells the reader to set (CAIO_URL, CAIO_TOKEN) come from the test; the token
is made on the account page, as step 1 says. The task backend is the immediate one, so the report is rendered
(by WeasyPrint) as soon as the assessment is created.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from assessments.audit import chain
from assessments.audit.models import AuditEntry
from assessments.models import Assessment
from tests.factories import OrganisationFactory, UserFactory

DOC = Path(__file__).parents[2] / "docs" / "api.md"


def sh_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```sh\n(.*?)^```$", markdown, flags=re.S | re.M)


def _token_from_the_account_page(user, organisation) -> str:
    client = Client()
    client.force_login(user)
    page = client.post(
        "/account/tokens/", {"name": "curl walk-through", "organisation": organisation.pk, "access": "write"}
    )
    return re.search(r'id="new-token">([^<]+)<', page.content.decode()).group(1)


def test_the_document_has_the_walk_through_blocks():
    blocks = sh_blocks(DOC.read_text())
    assert len(blocks) == 6
    assert all("$CAIO_TOKEN" in block and "$CAIO_URL" in block for block in blocks[1:] if "curl" in block)


@pytest.mark.django_db(transaction=True)
def test_the_curl_walk_through_runs_as_written(live_server, tmp_path):
    for tool in ("bash", "curl", "jq"):
        assert shutil.which(tool), f"the walk-through needs {tool}"
    owner = UserFactory(username="walker")
    organisation = OrganisationFactory(owner=owner, name="Northwind Logistics")
    token = _token_from_the_account_page(owner, organisation)
    script = "\n".join(sh_blocks(DOC.read_text()))
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=tmp_path,
        env={"PATH": os.environ["PATH"], "CAIO_URL": live_server.url, "CAIO_TOKEN": token},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    assessment = Assessment.objects.get(organisation=organisation)
    assert assessment.is_complete and assessment.created_by == owner
    out = done.stdout
    assert '"name": "Northwind Logistics"' in out and '"role": "owner"' in out
    assert '{"errors":[{"field":"employees","message":"must be a whole number, got \\"many\\""}]}' in out
    assert "\n304\n" in out and "report: ready" in out
    pdf = (tmp_path / "northwind.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "Northwind Logistics" in text
    # Every change of the walk is in the audit trail, credited to the token's person, and the chain holds.
    recorded = {
        (e.object_type, e.action, e.actor_name) for e in AuditEntry.objects.filter(chain=organisation.pk)
    }
    assert ("assessments.apitoken", "created", "walker") in recorded
    assert ("assessments.assessment", "created", "walker") in recorded
    assert list(chain.verify_all()) == []
