"""The dependency audit reports an unreachable vulnerability source as a skip, never as a pass."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("audit", Path(__file__).parent.parent / "scripts" / "audit.py")
assert _spec is not None and _spec.loader is not None
audit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit)


def _pip_audit_says(monkeypatch: pytest.MonkeyPatch, stdout: str, stderr: str = "", code: int = 0) -> None:
    result = subprocess.CompletedProcess(args=[], returncode=code, stdout=stdout, stderr=stderr)
    monkeypatch.setattr(audit.subprocess, "run", lambda *args, **kwargs: result)


def test_its_own_network_failure_is_a_skip_and_names_no_host_of_ours(monkeypatch, capsys):
    monkeypatch.delenv("AUDIT_REQUIRED", raising=False)
    _pip_audit_says(monkeypatch, "", "requests.exceptions.ConnectionError: Max retries exceeded", 1)
    assert audit.main() == 0
    out = capsys.readouterr().out
    assert out.startswith("pip-audit SKIPPED (not a pass): could not reach the vulnerability data")
    assert "pypi.org" not in Path(audit.__file__).read_text()


def test_a_skip_fails_where_the_audit_is_required(monkeypatch, capsys):
    monkeypatch.setenv("AUDIT_REQUIRED", "1")
    _pip_audit_says(
        monkeypatch, '{"dependencies": [{"name": "x", "version": "1", "skip_reason": "no data"}]}'
    )
    assert audit.main() == 1
    assert "SKIPPED (not a pass)" in capsys.readouterr().out


def test_a_known_vulnerability_fails(monkeypatch, capsys):
    vulnerable = '{"dependencies": [{"name": "django", "version": "1.0", "vulns": [{"id": "PYSEC-1"}]}]}'
    _pip_audit_says(monkeypatch, vulnerable, code=1)
    assert audit.main() == 1
    assert "VULNERABLE django 1.0: PYSEC-1 (fixed in no fixed release yet)" in capsys.readouterr().out


def test_any_other_failure_is_a_failure(monkeypatch, capsys):
    _pip_audit_says(monkeypatch, "", "Traceback: something else broke", 2)
    assert audit.main() == 2
