"""Audit the virtual environment's installed packages for known vulnerabilities with pip-audit.

No host is named here: pip-audit reaches its vulnerability data however this environment is set up (its
own service, proxies and certificates from the environment). When it cannot reach that data, its own
failure is reported as SKIPPED, which is never a pass: `AUDIT_REQUIRED=1` (CI) turns a skip into a
failure. If pip-audit answers but audited no installed release at all (a mirror without per-release
data), that is a skip too, since "No known vulnerabilities found" would then mean nothing was checked.
The editable project itself is not audited.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

SKIPPED = "pip-audit SKIPPED (not a pass): could not reach the vulnerability data"
# What pip-audit (through requests/urllib3) says when the vulnerability service cannot be reached.
UNREACHABLE = (
    "ConnectionError",
    "Max retries exceeded",
    "Name or service not known",
    "Temporary failure in name resolution",
    "timed out",
    "ServiceError",
    "SSLError",
    "ProxyError",
)


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


def unreachable(stderr: str) -> str | None:
    """The line of pip-audit's output that says the data could not be reached, if it says so."""
    for line in stderr.splitlines():
        if any(marker in line for marker in UNREACHABLE):
            return line.strip()[:300]
    return None


def skip(reason: str) -> int:
    print(f"{SKIPPED} ({reason})")
    return 1 if os.environ.get("AUDIT_REQUIRED", "").strip() in {"1", "true", "yes", "on"} else 0


def main() -> int:
    # This interpreter is the venv's, so pip-audit inspects exactly the packages the app runs with.
    command = [sys.executable, "-m", "pip_audit", "--skip-editable", "--progress-spinner", "off"]
    completed = subprocess.run([*command, "--format", "json"], capture_output=True, text=True, check=False)
    try:
        report = json.loads(completed.stdout)
    except ValueError:
        reason = unreachable(completed.stderr)
        if reason is not None:
            return skip(f"pip-audit said: {reason}")
        sys.stderr.write(completed.stderr)
        print(f"pip-audit failed (exit {completed.returncode}); its messages are above")
        return completed.returncode or 1
    lines, found, audited = summarise(report)
    if audited == 0:
        return skip("it answered, but had no vulnerability data for any installed release")
    print("\n".join(lines))
    print(f"pip-audit: {audited} packages audited, {found} known vulnerabilities")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
