"""The engine's mutation score from the last `mutmut run` (run from the project root, as `make mutants` does).

Killed means a test failed (or hung, which the run stops as a timeout) with the mutant in place. Mutants no
test reaches count as survivors, and so do mutants whose run crashed (mutmut's "segfault": the process died,
which a re-run of the same mutant does not always repeat, so it proves nothing). Exit status 1 when the score
is below --minimum per cent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minimum", type=float, default=0.0, help="per cent of mutants that must be killed")
    args = parser.parse_args()
    mutmut = Path(sys.executable).with_name("mutmut")
    subprocess.run([mutmut, "export-cicd-stats"], check=True, stdout=subprocess.DEVNULL)
    stats = json.loads(Path("mutants/mutmut-cicd-stats.json").read_text())
    if stats["check_was_interrupted_by_user"] or stats["suspicious"]:
        print(f"the run did not finish cleanly: {stats}")
        return 1
    counted = stats["total"] - stats["skipped"]
    killed = stats["killed"] + stats["timeout"]
    score = 100 * killed / counted if counted else 0.0
    tried = killed + stats["survived"] + stats["segfault"] + stats["no_tests"]
    untried = (
        f", {counted - tried:,} not tried (an interrupted run counts them as not killed)"
        if tried < counted
        else ""
    )
    print(
        f"engine mutation score: {score:.1f} % ({killed:,} of {counted:,} mutants killed; "
        f"{stats['survived']:,} survived, {stats['segfault']:,} crashed (counted as not killed), "
        f"{stats['no_tests']:,} reached by no test{untried})"
    )
    if score < args.minimum:
        print(f"below {args.minimum:g} %: `mutmut results` lists the survivors, `mutmut show NAME` shows one")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
