"""The history tables follow the audited models: a field added to one without `makemigrations audit` fails here."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_no_model_change_is_waiting_for_a_migration():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit as exit_:
        pytest.fail(f"makemigrations has changes to write (exit {exit_.code}):\n{out.getvalue()}")
    assert "No changes detected" in out.getvalue()
