"""Engine: profiles/s through `manage.py assess - --jsonl` end to end, and the in-process cost of a result."""

from __future__ import annotations

import json
import math
import os
import random
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any

from assessments.engine import QUESTION_BY_KEY, SCHEMA, assess_document, assess_json

from .common import BASE_DIR, PYTHON, QUICK, WORK_DIR, Figure

PROFILES = 10_000
RUNS = 2 if QUICK else 5
TARGET = 2_000  # profiles/s end to end (issue 23: the floor once the speed machinery went)
# The floor any JSON-lines-in, JSON-lines-out Python tool pays: start Python, parse and re-encode each line.
FLOOR = (
    "import sys, json\n"
    "out = sys.stdout.write\n"
    "for line in sys.stdin:\n"
    "    out(json.dumps(json.loads(line), separators=(',', ':')) + '\\n')\n"
)


def _log_uniform(rng: random.Random, low: float, high: float) -> float:
    return math.exp(rng.uniform(math.log(low), math.log(high)))


def generate(count: int, seed: int = 2026) -> list[dict[str, Any]]:
    """Valid caio-assessment documents spread across every threshold the method tests."""
    rng = random.Random(seed)
    choices = {key: [value for value, _label in QUESTION_BY_KEY[key].choices] for key in QUESTION_BY_KEY}
    documents = []
    for n in range(count):
        employees = int(_log_uniform(rng, 5, 200_000))
        answers = {
            "employees": employees,
            "annual_ai_spend_usd": rng.choice([0, round(_log_uniform(rng, 1_000, 100_000_000), 2)]),
            "ai_headcount": min(int(_log_uniform(rng, 1, 2_000)) - 1, employees),
            "ai_use_cases": rng.randint(0, 30),
            "ai_product_role": rng.choice(choices["ai_product_role"]),
            "regulatory_exposure": rng.choice(choices["regulatory_exposure"]),
            "compliance_needs_executive": rng.random() < 0.4,
            "cto_stretched": rng.random() < 0.5,
        }
        organisation = {"name": f"Generated organisation {n:05d}"}
        if n % 3 == 0:
            organisation["sector"] = rng.choice(["Retail", "Logistics", "Banking", "Healthcare software"])
        documents.append({"schema": SCHEMA, "organisation": organisation, "answers": answers})
    return documents


def _run(command: list[str], source: Path, sink: Path) -> float:
    with source.open("rb") as stdin, sink.open("wb") as stdout:
        start = time.perf_counter()
        subprocess.run(command, stdin=stdin, stdout=stdout, cwd=BASE_DIR, env=os.environ.copy(), check=True)
        return time.perf_counter() - start


def end_to_end(documents: list[dict[str, Any]]) -> tuple[list[Figure], dict[str, Any]]:
    source = WORK_DIR / "profiles.jsonl"
    source.write_text("".join(json.dumps(d) + "\n" for d in documents))
    empty = WORK_DIR / "empty.jsonl"
    empty.write_text("")
    sink = WORK_DIR / "results.jsonl"
    # As the README runs it: one process.
    assess = [PYTHON, "manage.py", "assess", "-", "--jsonl"]
    one = assess
    floor = [PYTHON, "-c", FLOOR]
    _run(assess, source, sink)  # page cache, .pyc files
    app, single, reference, startup = [], [], [], []
    for _ in range(RUNS):
        app.append(_run(assess, source, sink))
        single.append(_run(one, source, WORK_DIR / "one.jsonl"))
        reference.append(_run(floor, source, WORK_DIR / "floor.jsonl"))
        startup.append(_run(assess, empty, WORK_DIR / "empty-out.jsonl"))
    lines = sink.read_text().splitlines()
    assert len(lines) == len(documents) and not any('"error"' in line[:20] for line in lines)
    assert (WORK_DIR / "one.jsonl").read_bytes() == sink.read_bytes()  # the same bytes, in the same order
    rates = [len(documents) / s for s in app]
    floor_rates = [len(documents) / s for s in reference]
    median_rate = statistics.median(rates)
    steady = [len(documents) / (a - s) for a, s in zip(single, startup, strict=True)]
    return [
        Figure(
            "engine.e2e",
            f"`manage.py assess - --jsonl`, {len(documents):,} generated profiles, end to end (one process)",
            "profiles/s",
            rates,
            ratios=[r / f for r, f in zip(rates, floor_rates, strict=True)],
            reference="`python -c` json.loads + json.dumps of the same lines",
            target=f"≥ {TARGET:,} profiles/s",
            holds=median_rate >= TARGET,
            extra={"seconds": app},
        ),
        Figure(
            "engine.e2e.one",
            "The same, run again (one process)",
            "profiles/s",
            [len(documents) / s for s in single],
            ratios=[len(documents) / s / f for s, f in zip(single, floor_rates, strict=True)],
            reference="`python -c` json.loads + json.dumps of the same lines",
        ),
        Figure(
            "engine.e2e.floor",
            "Reference: a Python process that only parses and re-encodes the same lines",
            "profiles/s",
            floor_rates,
        ),
        Figure("engine.startup", "`assess - --jsonl` on empty input (start-up only)", "s", startup),
        Figure(
            "engine.steady",
            "`assess --jsonl` throughput once started (end to end minus start-up)",
            "profiles/s",
            steady,
        ),
    ], {"profiles": len(documents)}


def in_process(documents: list[dict[str, Any]]) -> list[Figure]:
    """Mean cost per profile over all profiles, several passes after a warm-up pass (caches filled)."""
    lines = [json.dumps(d) for d in documents]
    for document in documents:
        assess_document(document)
    full, line = [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        for document in documents:
            assess_document(document)
        full.append((time.perf_counter() - start) / len(documents))
        start = time.perf_counter()
        for text in lines:
            json.dumps(assess_json(text), ensure_ascii=False, separators=(",", ":"))
        line.append((time.perf_counter() - start) / len(lines))
    return [
        Figure(
            "engine.result",
            "One full result in-process: `assess_document()` (validate, score, criteria, what-if, matrix)",
            "s",
            full,
            target=f"≤ {1e6 / TARGET:.0f} µs (the end-to-end budget per profile)",
            holds=statistics.median(full) <= 1 / TARGET,
        ),
        Figure(
            "engine.jsonline",
            "One result as a JSON line in-process: `json.dumps(assess_json())` (the CLI's path, parse + encode)",
            "s",
            line,
            target=f"≤ {1e6 / TARGET:.0f} µs",
            holds=statistics.median(line) <= 1 / TARGET,
        ),
    ]


def run() -> tuple[list[Figure], dict[str, Any]]:
    documents = generate(PROFILES)
    figures, extra = end_to_end(documents)
    return figures + in_process(documents), extra
