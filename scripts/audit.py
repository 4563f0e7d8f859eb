"""Audit the virtual environment's installed packages for known vulnerabilities with pip-audit.

pip-audit reads each release's vulnerabilities from PyPI, so where PyPI cannot be reached (an offline machine)
the audit is skipped with a printed note instead of failing the build. If PyPI answers but has no data for
any installed release (a mirror without per-release pages), pip-audit would say "No known vulnerabilities
found" having checked nothing: that is reported as a skip too, never as a pass. The editable project is skipped.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from typing import Any

PROBE_URL = "https://pypi.org/pypi/django/json"
SKIPPED = "pip-audit skipped: the vulnerability database is not reachable from here"


def registry_reachable(timeout: float = 5.0) -> bool:
    try:
        with urllib.request.urlopen(PROBE_URL, timeout=timeout) as response:
            return bool(response.status == 200)
    except (OSError, ValueError):  # URLError, timeouts and TLS errors are all OSError
        return False


def summarise(report: dict[str, Any]) -> tuple[list[str], int, int]:
    """Lines to print, the number of vulnerabilities, and the number of packages actually audited."""
    lines, found, audited = [], 0, 0
    for dependency in report["dependencies"]:
        if "skip_reason" in dependency:
            if dependency["skip_reason"] != "distribution marked as editable":
                lines.append(f"not audited: {dependency['skip_reason']}")
            continue
        audited += 1
        for vuln in dependency.get("vulns", []):
            found += 1
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fixed release yet"
            lines.append(
                f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixes})"
            )
    return lines, found, audited


def main() -> int:
    if not registry_reachable():
        print(SKIPPED)
        return 0
    # This interpreter is the venv's, so pip-audit inspects exactly the packages the app runs with.
    command = [
        sys.executable,
        "-m",
        "pip_audit",
        "--skip-editable",
        "--progress-spinner",
        "off",
        "--format",
        "json",
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        report = json.loads(completed.stdout)
    except ValueError:
        sys.stderr.write(completed.stderr)
        print(f"pip-audit failed (exit {completed.returncode}); its messages are above")
        return completed.returncode or 1
    lines, found, audited = summarise(report)
    if audited == 0:
        print(f"{SKIPPED} (PyPI answered, but had no vulnerability data for any installed release)")
        return 0
    print("\n".join(lines))
    print(f"pip-audit: {audited} packages audited, {found} known vulnerabilities")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
