"""A person's visit under load: log in, list organisations, open results, save a questionnaire step, get the PDF.

Run through `load/run.py` (or `make load`), which seeds the users and writes LOAD_PLAN: a JSON list of
{"username", "password", "results", "draft"} — one seeded user per simulated user, so a version conflict
means a real lost-update refusal, not two simulated users sharing a draft. Conflicts are counted, not failed.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task

PLAN: list[dict[str, Any]] = json.loads(Path(os.environ["LOAD_PLAN"]).read_text(encoding="utf-8"))
_next_user = itertools.count()
OUTCOMES: Counter[str] = Counter()

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_VERSION = re.compile(
    r'<input[^>]*name="version"[^>]*value="(\d+)"|<input[^>]*value="(\d+)"[^>]*name="version"'
)


def _form_tokens(html: str) -> tuple[str, str] | None:
    csrf, version = _CSRF.search(html), _VERSION.search(html)
    if not csrf or not version:
        return None
    return csrf.group(1), version.group(1) or version.group(2)


class Person(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.account = PLAN[next(_next_user) % len(PLAN)]
        page = self.client.get("/accounts/login/", name="login page")
        csrf = _CSRF.search(page.text)
        with self.client.post(
            "/accounts/login/",
            {
                "username": self.account["username"],
                "password": self.account["password"],
                "csrfmiddlewaretoken": csrf.group(1) if csrf else "",
            },
            name="log in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"log in answered {response.status_code}, not a redirect")

    @task(3)
    def organisation_list(self) -> None:
        self.client.get("/organisations/", name="organisation list")

    @task(3)
    def results(self) -> None:
        self.client.get(f"/assessments/{self.account['results']}/results/", name="results")

    @task(4)
    def save_step(self) -> None:
        path = f"/assessments/{self.account['draft']}/step/footprint/"
        page = self.client.get(path, name="step page")
        tokens = _form_tokens(page.text) if page.ok else None
        if tokens is None:
            OUTCOMES["step page without a form"] += 1
            return
        csrf, version = tokens
        action = random.choice(["autosave", "next"])
        data = {
            "csrfmiddlewaretoken": csrf,
            "version": version,
            "action": action,
            "employees": str(random.randint(100, 20_000)),
            "annual_ai_spend_usd": str(random.randint(0, 9_000_000)),
            "ai_headcount": str(random.randint(0, 60)),
            "ai_use_cases": str(random.randint(0, 9)),
        }
        name = f"step save ({action})"
        # As the page does: its script autosaves to the step's autosave URL, the form posts to the step.
        target = f"{path}autosave/" if action == "autosave" else path
        with self.client.post(
            target, data, name=name, allow_redirects=False, catch_response=True
        ) as response:
            saved = response.status_code == (200 if action == "autosave" else 302)
            stale = response.status_code == 409 or (
                response.status_code == 200 and action == "next" and "changed elsewhere" in response.text
            )
            if saved:
                OUTCOMES["step saved"] += 1
                response.success()
            elif stale:  # the lost-update guard working: refused, not an error
                OUTCOMES["step refused as changed elsewhere"] += 1
                response.success()
            else:
                response.failure(f"step save answered {response.status_code}")

    @task(1)
    def report_pdf(self) -> None:
        size = random.choice(["a4", "letter"])
        with self.client.get(
            f"/assessments/{self.account['results']}/report.pdf?size={size}",
            name="report PDF",
            catch_response=True,
        ) as response:
            if response.status_code == 202 and b"Preparing your report" in response.content:
                OUTCOMES["report still being prepared (202)"] += 1  # the worker has not rendered it yet
                response.success()
            elif response.ok and not response.content.startswith(b"%PDF-"):
                response.failure("the report is not a PDF")


@events.quit.add_listener
def _write_outcomes(**kwargs: Any) -> None:
    path = os.environ.get("LOAD_OUTCOMES")
    if path:
        with open(path, "w", encoding="utf-8") as out:
            json.dump(dict(OUTCOMES), out)
