"""Security round 3 (issue 25), findings 1–14 replayed against a running production-like deployment.

Run it with the deployment's own environment (the same DATABASE_URL, DEBUG=0, ...) while gunicorn serves
`--base` and one `db_worker` runs; `scripts/prod_rerun.sh` starts both, runs this and stops them. Accounts and
organisations are made in this process through the app's own factories and services (as `manage.py shell` would);
every attack goes over HTTP to 127.0.0.1, in bounded loops. Prints one line per finding:
`<n>. <what> | refused/harmless | <what was observed>` and exits non-zero if any finding comes back.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import subprocess
import sys
import threading
import time
import uuid
import zlib
from datetime import timedelta
from pathlib import Path
from typing import Any

import django
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caio.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.sessions.models import Session  # noqa: E402
from django.utils import timezone  # noqa: E402

from assessments.charter import services as charters  # noqa: E402
from assessments.charter.forms import MAX_ROLES  # noqa: E402
from assessments.models import Charter, Rating, ReportCache  # noqa: E402
from assessments.team import services as teams  # noqa: E402
from tests.charter.test_charter import form_data  # noqa: E402
from tests.factories import (  # noqa: E402
    PASSWORD,
    AssessmentFactory,
    OrganisationFactory,
    UserFactory,
    completed_assessment,
    member,
)

RUN = uuid.uuid4().hex[:6]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
results: list[tuple[str, bool, str]] = []


def record(finding: str, held: bool, observed: str) -> None:
    results.append((finding, held, observed))
    print(f"{finding} | {'refused/harmless' if held else 'NOT REFUSED'} | {observed}", flush=True)


class Browser:
    """One person's browser: a cookie jar, a client address (sent as the proxy would), the CSRF token."""

    def __init__(self, base: str, address: str = "192.0.2.10") -> None:
        self.base, self.session = base, requests.Session()
        self.session.headers["X-Forwarded-For"] = address

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.session.get(self.base + path, allow_redirects=False, timeout=30, **kwargs)

    def token(self, path: str) -> str:
        page = self.get(path).text
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        return found.group(1) if found else self.session.cookies.get("csrftoken", "")

    def post(
        self, path: str, data: Any = None, token_from: str | None = None, **kwargs: Any
    ) -> requests.Response:
        token = (
            self.token(token_from or path) if token_from is not False else self.session.cookies["csrftoken"]
        )
        data = dict(data or {})
        data["csrfmiddlewaretoken"] = token
        headers = {"Referer": self.base + (token_from or path)}
        return self.session.post(
            self.base + path, data=data, headers=headers, allow_redirects=False, timeout=60, **kwargs
        )

    def login(self, username: str, password: str = PASSWORD) -> requests.Response:
        return self.post("/accounts/login/", {"username": username, "password": password})


def signed_in(base: str, user: Any, address: str = "192.0.2.10") -> Browser:
    browser = Browser(base, address)
    response = browser.login(user.username)
    assert response.status_code == 302, (user.username, response.status_code)
    return browser


def team(base: str) -> dict[str, Any]:
    owner = UserFactory(username=f"owner{RUN}")
    organisation = OrganisationFactory(owner=owner, name=f"Northwind {RUN}")
    editor, viewer = UserFactory(username=f"editor{RUN}"), UserFactory(username=f"viewer{RUN}")
    member(organisation, editor, "editor")
    member(organisation, viewer, "viewer")
    assessment = completed_assessment(organisation=organisation)
    return {
        "organisation": organisation, "assessment": assessment, "owner": owner, "editor": editor,
        "viewer": viewer, "b": {u.username.removesuffix(RUN): signed_in(base, u) for u in (owner, editor, viewer)},
    }  # fmt: skip


def moved_a(charter: Charter) -> dict[str, str]:
    row = charter.content["rows"][0]
    holder = next(key for key, value in row["raci"].items() if "A" in value)
    other = next(role["key"] for role in charter.content["roles"] if role["key"] != holder)
    cells = {
        f"cell-{row['id']}-{holder}": row["raci"][holder].replace("A", "") or "C",
        f"cell-{row['id']}-{other}": "AR",
    }
    return form_data(charter, **cells)


def fresh_charter(t: dict[str, Any]) -> Charter:
    Charter.objects.filter(organisation=t["organisation"]).delete()
    return charters.start_charter(assessment=t["assessment"], user=t["owner"])


def finding_1(t: dict[str, Any], base: str) -> None:
    outcomes, bad = [], 0
    for _round in range(5):
        charter = fresh_charter(t)
        charters.sign_charter(charter=charter, user=t["owner"], seen_version=charter.version)
        original, seen = charter.content, charter.version
        tab1, tab2 = Browser(base), Browser(base)
        tab2.session.cookies.update(t["b"]["editor"].session.cookies)
        tab1.session.cookies.update(t["b"]["editor"].session.cookies)
        edit, url = moved_a(charter), f"/charters/{charter.pk}/"
        edit["csrfmiddlewaretoken"] = tab1.token(url + "edit/")
        sign = {"version": str(seen), "csrfmiddlewaretoken": tab2.token(url)}
        barrier, statuses = threading.Barrier(2), []

        def send(tab: Browser, path: str, data: dict[str, Any], barrier=barrier, statuses=statuses) -> None:
            barrier.wait()
            statuses.append(
                tab.session.post(base + path, data=data, allow_redirects=False, timeout=60).status_code
            )

        threads = [
            threading.Thread(target=send, args=(tab1, url + "edit/", edit)),
            threading.Thread(target=send, args=(tab2, url + "sign/", sign)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        charter.refresh_from_db()
        signed = set(charter.signatures.values_list("user_id", flat=True))
        everyone = {m.user_id for m in charters.signatories(charter.organisation)}
        if charter.is_agreed:
            ok = charter.content == original and signed == everyone
        else:
            ok = charter.content != original and not signed
        bad += not ok
        outcomes.append(f"{charter.status}{sorted(statuses)}")
    record(
        "1. save + last signature at once (5 rounds)",
        bad == 0,
        f"{bad}/5 unsigned agreed edits; {', '.join(outcomes)}",
    )


def finding_2(t: dict[str, Any], base: str) -> None:
    charter = fresh_charter(t)
    charters.sign_charter(charter=charter, user=t["owner"], seen_version=charter.version)
    editor, owner = t["b"]["editor"], t["b"]["owner"]
    seen = re.search(r'name="version" value="(\d+)"', editor.get(f"/charters/{charter.pk}/").text).group(1)
    changed = owner.post(f"/charters/{charter.pk}/edit/", moved_a(charter)).status_code
    response = editor.post(
        f"/charters/{charter.pk}/sign/", {"version": seen}, token_from=f"/charters/{charter.pk}/"
    )
    page = editor.get(response.headers.get("Location", f"/charters/{charter.pk}/")).text
    charter.refresh_from_db()
    held = "nothing was signed" in page and not charter.signatures.exists()
    record("2. signature on a version changed since opened", held,
           f"edit {changed}, sign {response.status_code}: \"The charter changed since you opened it, so nothing was signed.\" shown={'nothing was signed' in page}")  # fmt: skip


def finding_3(t: dict[str, Any], base: str) -> None:
    charter = fresh_charter(t)
    content = charter.content
    for number in range(len(content["roles"]) + 1, MAX_ROLES + 1):
        content["roles"].append(
            {"key": f"role{number}", "title": f"Role {number}", "holder": "", "own": True}
        )
    keys = [role["key"] for role in content["roles"]]
    for number in range(1, 7):
        content["rows"].append(
            {"id": f"own{number}", "title": f"Duty {number}", "area": "own", "own": True,
             "shared_governance": False, "forum": "", "raci": {}}
        )  # fmt: skip
    for row in content["rows"]:
        row["raci"] = {key: row["raci"].get(key, "") for key in keys}
        if row.get("own"):
            row["raci"][keys[0]] = "AR"
    for forum in content["forums"]:
        forum["members"] = keys
    content["next_key"] = max(content.get("next_key", 0), MAX_ROLES)
    Charter.objects.filter(pk=charter.pk).update(content=content)
    owner, url = t["b"]["owner"], f"/charters/{charter.pk}/edit/"
    data = form_data(charter, **{"role-CEO-holder": "Ada Large"})
    response = owner.post(url, data)
    charter.refresh_from_db()
    saved = any(r.get("holder") == "Ada Large" for r in charter.content["roles"])
    before = charter.content
    over = owner.post(
        url, form_data(charter, **{"newrole-title": "Role 13", "notes": "Typed before the refusal"})
    )
    charter.refresh_from_db()
    refused = (
        over.status_code == 200
        and "at most 12 roles" in over.text
        and "Typed before the refusal" in over.text
    )
    held = response.status_code == 302 and saved and refused and charter.content == before
    record(f"3. {MAX_ROLES}-role charter with 6 own rows saved; a 13th role refused", held,
           f"{len(data)} fields posted → {response.status_code}, saved={saved}; 13th role → {over.status_code}, "
           f"message and typed notes kept={refused}, unchanged={charter.content == before}")  # fmt: skip


def _queue_empty(limit: float = 180) -> None:
    deadline = time.monotonic() + limit
    while ReportCache.objects.filter(status="preparing").exists() and time.monotonic() < deadline:
        time.sleep(0.2)


def _report_ready_in(limit: float = 180) -> tuple[float, int]:
    """Seconds until another organisation's freshly completed assessment has every report ready, and how many
    renders the worker ran ahead of its own (started after it was asked for, or running then)."""
    from django.db.models import Q
    from django_tasks_db.models import DBTaskResult

    owner = UserFactory(username=f"other{uuid.uuid4().hex[:6]}")
    other = completed_assessment(organisation=OrganisationFactory(owner=owner))
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if not ReportCache.objects.filter(assessment=other).exclude(status="ready").exists():
            break
        time.sleep(0.1)
    took = time.monotonic() - start
    renders = DBTaskResult.objects.filter(task_path__endswith="render_report")
    ids = set(ReportCache.objects.filter(assessment=other).values_list("pk", flat=True))
    own = [task for task in renders if task.args_kwargs["kwargs"].get("report_id") in ids]
    asked, began = min(t.enqueued_at for t in own), min(t.started_at for t in own)
    ahead = renders.exclude(pk__in=[t.pk for t in own]).filter(
        Q(started_at__gte=asked, started_at__lt=began) | Q(started_at__lt=asked, finished_at__gt=asked)
    )
    return took, ahead.count()


def finding_4(t: dict[str, Any], base: str) -> None:
    owner, work = t["b"]["owner"], int(settings.RATE_LIMITS["work"].split("/")[0])
    _queue_empty()
    idle, _ahead_idle = _report_ready_in()
    path, page = f"/assessments/{t['assessment'].pk}/rescore/", f"/assessments/{t['assessment'].pk}/results/"
    token = owner.token(page)
    # Sent across the end of django-ratelimit's window for this person (crc32 of the key, as it computes it):
    # the first re-run found 10 of 20 accepted at 6/m that way.
    end = zlib.crc32(str(t["owner"].pk).encode()) % 60
    while int(time.time()) % 60 != end or time.time() % 1 < 0.9:  # the last tenth of its last second
        time.sleep(0.05)
    statuses = [
        owner.session.post(base + path, data={"csrfmiddlewaretoken": token}, headers={"Referer": base + page},
                           allow_redirects=False, timeout=30).status_code
        for _ in range(20)
    ]  # fmt: skip
    burst, ahead = _report_ready_in()
    accepted = sum(s in (200, 302) for s in statuses)
    _queue_empty()
    kept = ReportCache.objects.filter(assessment__organisation=t["organisation"], pdf__isnull=False).count()
    held = accepted <= work and 429 in statuses and ahead <= work
    record("4. re-score burst (20 posts in a row)", held,
           f"{accepted} accepted, {statuses.count(429)} × 429; {ahead} renders ran ahead of another organisation's "
           f"report (bound {work}); ready in {idle:.1f} s idle, {burst:.1f} s after ({burst / idle:.1f}×); "
           f"stored PDFs of the organisation: {kept}")  # fmt: skip


def finding_5(base: str) -> None:
    victim = UserFactory(username=f"victim{RUN}")
    attacker = Browser(base, "203.0.113.66")
    statuses = [attacker.login(victim.username, "wrong-password").status_code for _ in range(6)]
    victim_browser = Browser(base, "198.51.100.10")
    response = victim_browser.login(victim.username)
    from axes.models import AccessAttempt

    addresses = sorted(
        set(AccessAttempt.objects.filter(username=victim.username).values_list("ip_address", flat=True))
    )
    record("5. X-Forwarded-For lockout (6 wrong passwords via the proxy)", response.status_code == 302 and 429 in statuses,
           f"attacker {statuses}; victim from another address → {response.status_code}; axes keyed on {addresses}")  # fmt: skip


def finding_6(t: dict[str, Any], base: str) -> None:
    charter = fresh_charter(t)
    payload = "Data;=cmd|' /C calc'!A0"
    owner = t["b"]["owner"]
    saved = owner.post(
        f"/charters/{charter.pk}/edit/", form_data(charter, **{"role-CEO-holder": payload})
    ).status_code
    body = owner.get(f"/charters/{charter.pk}/charter.csv").content
    text = body.decode("utf-8-sig")
    formulas = [
        cell for sep in (",", ";", "\t") for row in csv.reader(io.StringIO(text), delimiter=sep) for cell in row
        if cell.lstrip().startswith(FORMULA_START)
    ]  # fmt: skip
    held = body.startswith("\ufeff".encode()) and not formulas and payload.split(";")[0] in text
    record(
        "6. `;`-CSV formula",
        held,
        f"save {saved}; BOM={body.startswith(chr(0xFEFF).encode())}; formula cells for , ; tab: {len(formulas)}",
    )


def finding_7(t: dict[str, Any], base: str, access_log: Path) -> None:
    _invitation, url = teams.invite(
        organisation=t["organisation"], user=t["owner"], email=f"newcomer{RUN}@example.com", role="viewer",
        link_for=lambda token: f"{base}/invitations/{token}/",
    )  # fmt: skip
    token = url.rstrip("/").rsplit("/", 1)[1]
    anonymous = Browser(base)
    for query in (f"next=%2Finvitations%2F{token}%2F", f"next=%252Finvitations%252F{token}%252F"):
        anonymous.get(f"/accounts/login/?{query}")
    anonymous.get(f"/accounts/signup/?next=/invitations/{token}/")
    anonymous.get(f"/invitations/{token}/")
    time.sleep(1.0)
    log = access_log.read_text()
    record("7. invitation token in the access log (encoded once/twice, plain)", token not in log and "[redacted]" in log,
           f"token occurrences in access log: {log.count(token)}; [redacted] lines: {log.count('[redacted]')}")  # fmt: skip
    return url


def finding_8(t: dict[str, Any], base: str) -> None:
    user = UserFactory(username=f"sessions{RUN}")
    browser = signed_in(base, user)
    key = browser.session.cookies["sessionid"]
    row = Session.objects.get(session_key=key)
    first_expiry = row.expire_date
    data = row.get_decoded()
    data["last_seen"] -= 120
    Session.objects.filter(pk=key).update(session_data=Session.objects.encode(data))
    browser.get("/organisations/")
    after_request = Session.objects.get(session_key=key).expire_date
    row = Session.objects.get(session_key=key)
    data = row.get_decoded()
    data["logged_in_at"] -= settings.SESSION_COOKIE_AGE + 1
    data["last_seen"] = int(time.time()) - 60
    Session.objects.filter(pk=key).update(session_data=Session.objects.encode(data))
    response = browser.get("/organisations/")
    held = (
        after_request == first_expiry
        and response.status_code == 302
        and "/accounts/login/" in response.headers["Location"]
    )
    record("8. session absolute lifetime", held,
           f"stored expiry {first_expiry:%Y-%m-%d %H:%M} unchanged by a request: {after_request == first_expiry}; "
           f"past SESSION_MAX_DAYS → {response.status_code} {response.headers.get('Location', '')}")  # fmt: skip


def finding_9(base: str, invitation_url: str) -> None:
    anonymous = Browser(base)
    path = invitation_url.removeprefix(base)
    pages = {
        "invitation": anonymous.get(path), "410": anonymous.get("/invitations/not-a-real-token/"),
        "sign-up?next": anonymous.get("/accounts/signup/", params={"next": path}),
    }  # fmt: skip
    bad_host = requests.get(base + "/", headers={"Host": "evil.example"}, timeout=10, allow_redirects=False)
    seen = {
        name: (r.status_code, "no-store" in r.headers.get("Cache-Control", "")) for name, r in pages.items()
    }
    csp = "default-src 'self'" in bad_host.headers.get("Content-Security-Policy", "")
    held = all(store for _status, store in seen.values()) and bad_host.status_code == 400 and csp
    record("9. Cache-Control/CSP on invitation, 410, sign-up, bare 400", held,
           f"{seen}; bad Host → {bad_host.status_code} CSP={csp}")  # fmt: skip


def finding_10(t: dict[str, Any], base: str) -> None:
    outcomes = []
    documents = {
        "non-string name": {"schema": "caio-account/1", "organisations": [{"name": 12345, "assessments": []}]},
        "100k pending": {"schema": "caio-account/1", "organisations": [{"name": "Big", "assessments": [
            {"status": "draft", "answers": {}, "pending": {"ai_headcount": "x" * 100_000}, "step": "footprint"}]}]},
        "1000 unknown keys": {"schema": "caio-account/1", "organisations": [
            {"name": "Keys", "assessments": [], **{f"k{n}": n for n in range(1000)}}]},
    }  # fmt: skip
    from assessments.models import Organisation

    held = True
    for name, document in documents.items():
        user = UserFactory(username=f"imp{len(outcomes)}{RUN}")
        browser = signed_in(base, user)
        files = {"file": ("account.json", json.dumps(document).encode(), "application/json")}
        response = browser.post("/account/data/import/", {}, token_from="/account/data/", files=files)
        stored = Organisation.objects.filter(memberships__user=user).count()
        held &= response.status_code == 400 and stored == 0
        outcomes.append(f"{name} → {response.status_code}, {stored} stored")
    draft = AssessmentFactory(organisation=OrganisationFactory(owner=t["owner"]))
    owner = t["b"]["owner"]
    url = f"/assessments/{draft.pk}/step/footprint/"
    token = owner.token(url)
    statuses = []
    for n in range(40):
        draft.refresh_from_db()
        data = {
            "employees": str(100 + n),
            "version": draft.version,
            "action": "back",
            "csrfmiddlewaretoken": token,
        }
        statuses.append(
            owner.session.post(base + url, data=data, allow_redirects=False, timeout=30).status_code
        )
    saved = statuses.count(302)
    held &= 429 in statuses and saved <= 30
    outcomes.append(f"step URL 40 posts → {saved} saved, {statuses.count(429)} × 429")
    record("10. account import non-string/huge/unknown; step URL burst", held, "; ".join(outcomes))


def finding_11(base: str) -> None:
    sent = 0
    statuses: list[int] = []
    for n in range(5):
        newcomer = UserFactory(username=f"fresh{n}{RUN}", date_joined=timezone.now() - timedelta(minutes=5))
        organisation = OrganisationFactory(owner=newcomer, name="Your bank — security team")
        browser = signed_in(base, newcomer, address="192.0.2.77")
        for m in range(20):
            response = browser.post(
                f"/organisations/{organisation.pk}/members/",
                {"email": f"target{n}-{m}-{RUN}@example.com", "role": "viewer"},
            )
            statuses.append(response.status_code)
            sent += response.status_code in (200, 302) and "many invitations" not in response.text
    from assessments.models import Invitation

    stored = Invitation.objects.filter(
        email__startswith="target", email__endswith=f"{RUN}@example.com"
    ).count()
    record("11. invitation burst from 5 fresh accounts (100 tries)", stored <= 15,
           f"{stored} invitations created; {statuses.count(429)} × 429")  # fmt: skip


def finding_12(t: dict[str, Any], base: str) -> None:
    charter = fresh_charter(t)
    owner, editor, viewer = t["b"]["owner"], t["b"]["editor"], t["b"]["viewer"]
    owner.post(f"/charters/{charter.pk}/edit/", form_data(charter, **{"newrole-title": "CISO"}))
    charter.refresh_from_db()
    for browser in (owner, editor):
        browser.post(f"/charters/{charter.pk}/sign/", {"version": str(Charter.objects.get(pk=charter.pk).version)},
                     token_from=f"/charters/{charter.pk}/")  # fmt: skip
    charter.refresh_from_db()
    editor.post(f"/charters/{charter.pk}/new-version/", {}, token_from=f"/charters/{charter.pk}/")
    second = Charter.objects.filter(organisation=t["organisation"]).order_by("-number").first()
    ciso = next(r["key"] for r in second.content["roles"] if r["title"] == "CISO")
    editor.post(f"/charters/{second.pk}/edit/", form_data(second, **{f"role-{ciso}-remove": "on"}))
    editor.post(f"/charters/{second.pk}/edit/", form_data(second, **{"newrole-title": "Head of Marketing"}))
    org = t["organisation"].pk
    text = viewer.get(f"/organisations/{org}/charters/compare/?a={charter.number}&b={second.number}").text
    held = (
        "The role CISO was removed." in text
        and "The role Head of Marketing was added." in text
        and "is now" not in text
    )
    record("12. compare after removing CISO and adding Head of Marketing", held,
           f"agreed={charter.is_agreed}; removed+added shown={held}; 'is now' in page={'is now' in text}")  # fmt: skip


def finding_13(t: dict[str, Any], base: str) -> None:
    draft = AssessmentFactory(organisation=OrganisationFactory(owner=t["owner"]))
    rater, onlooker = UserFactory(username=f"rita{RUN}"), UserFactory(username=f"otto{RUN}")
    member(draft.organisation, rater, "viewer")
    member(draft.organisation, onlooker, "viewer")
    Rating.objects.create(assessment=draft, rater=rater, label="CEO")
    statuses = {
        who: browser.get(f"/assessments/{draft.pk}/panel/").status_code
        for who, browser in (("owner", t["b"]["owner"]), ("rater", signed_in(base, rater)),
                             ("viewer off the panel", signed_in(base, onlooker)))
    }  # fmt: skip
    record("13. viewer reading a draft's panel", statuses["viewer off the panel"] == 403, str(statuses))


def finding_14(base: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "EMAIL_BACKEND"}
    check = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    try:
        worker = subprocess.run([sys.executable, "manage.py", "db_worker", "--interval", "0.5"], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=30)  # fmt: skip
        worker_rc = worker.returncode
    except subprocess.TimeoutExpired:
        worker_rc = None  # still running after 30 s: it started
    web = subprocess.run([sys.executable, "-m", "gunicorn", "caio.wsgi:application", "--check-config", "--bind", "127.0.0.1:8199"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)  # fmt: skip
    seed = subprocess.run([sys.executable, "manage.py", "seed_demo"], cwd=ROOT, env=os.environ.copy(), capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    owner = UserFactory(username=f"rlo{RUN}")
    browser = signed_in(base, owner)
    response = browser.post("/organisations/new/", {"name": "Invoice\u202egpj.exe", "paper_size": "a4"})
    from assessments.models import Organisation

    stored = Organisation.objects.filter(name__contains="\u202e").count()
    message = "Remove the invisible direction controls" in response.text
    held = (check.returncode != 0 and worker_rc not in (0, None) and web.returncode != 0 and seed.returncode != 0
            and response.status_code == 200 and message and stored == 0)  # fmt: skip
    mail_msg = "EMAIL_BACKEND must be set" in check.stderr
    record("14. no EMAIL_BACKEND / seed_demo with DEBUG=0 / U+202E in a name", held,
           f"check rc {check.returncode} (message {mail_msg}), worker rc {worker_rc}, gunicorn --check-config rc "
           f"{web.returncode}; seed_demo rc {seed.returncode} ({'DEBUG on' in seed.stderr}); U+202E name → "
           f"{response.status_code}, message {message}, stored {stored}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8190")
    parser.add_argument("--access-log", type=Path, required=True)
    args = parser.parse_args()
    assert args.base.startswith("http://127.0.0.1:"), "attacks go to this machine only"
    assert not settings.DEBUG, "run against a production-like deployment (DEBUG=0)"
    print(f"database: {settings.DATABASES['default']['ENGINE']} {settings.DATABASES['default']['NAME']}")
    t = team(args.base)
    finding_1(t, args.base)
    finding_2(t, args.base)
    finding_3(t, args.base)
    finding_4(t, args.base)
    finding_5(args.base)
    finding_6(t, args.base)
    invitation_url = finding_7(t, args.base, args.access_log)
    finding_8(t, args.base)
    finding_9(args.base, invitation_url)
    finding_10(t, args.base)
    finding_11(args.base)
    finding_12(t, args.base)
    finding_13(t, args.base)
    finding_14(args.base)
    return 0 if all(held for _f, held, _o in results) else 1


if __name__ == "__main__":
    sys.exit(main())
