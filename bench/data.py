"""The bench's own data in a fresh database: the demo account, and accounts of 1, 100 and 1,000 assessments.

Two shapes per size, because no single account stresses every page: `deep-N` keeps all N completed
assessments in one organisation (the history page's worst case; the results and questionnaire pages are
measured there too), `wide-N` has N organisations of one completed assessment each (the organisation
list's worst case). Completed rows are bulk-inserted with a result scored once per answer profile by the
app's own service, which is what `complete_assessment` would have stored.
"""

from __future__ import annotations

import copy
import inspect
import random
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from assessments import samples, services
from assessments.models import Assessment, Organisation

from . import render_pressure
from .common import QUICK, SIZES, log

PRESSURE_USERS = 4  # issue 15: "4 users download freshly edited reports in a loop"
COMPLETIONS = 5 if QUICK else 20  # completion → report downloadable, one at a time

PASSWORD = "bench-advisor-2026"
# Answer profiles that land on all three recommendations, so history rows and chart points vary.
PROFILES: tuple[dict[str, Any], ...] = (
    samples.HARBOUR["answers"],
    samples.NORTHWIND["answers"],
    samples.MERIDIAN["answers"],
    samples.NORTHWIND_EARLIER[0][1],
)


@dataclass
class Account:
    username: str
    size: int
    shape: str  # "deep" or "wide"
    cookie: str = ""  # the Cookie header of a signed-in browser
    urls: dict[str, str] = field(default_factory=dict)


@dataclass
class Dataset:
    accounts: list[Account]
    demo_assessment_pk: int
    demo_cookie: str
    organisation_factory: str  # how organisations were created, for the record
    # Issue 15's measures: people who edit and download (and one who watches the pages), and drafts with
    # every answer given, completed one by one through the review page.
    pressure_users: list[Any] = field(default_factory=list)
    probe_user: Any = None
    completer: str = ""
    drafts: list[int] = field(default_factory=list)

    def account(self, shape: str, size: int) -> Account:
        return next(a for a in self.accounts if a.shape == shape and a.size == size)


def create_database() -> None:
    call_command("migrate", "--noinput", verbosity=0)
    call_command("createcachetable", verbosity=0)
    # WAL is a property of the file, so one PRAGMA gives every later connection what the default
    # SQLite settings (no DATABASE_URL) set per connection: readers are not blocked by the bench's writes.
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=WAL")
    call_command("collectstatic", "--noinput", verbosity=0)


def _new_organisation(owner: Any, **fields: Any) -> Organisation:
    """Through the app's service when there is one (it creates the owner's membership), else directly."""
    create = getattr(services, "create_organisation", None)
    if create is None:
        return Organisation.objects.create(**{"owner": owner}, **fields)
    person = "user" if "user" in inspect.signature(create).parameters else "owner"
    organisation: Organisation = create(**{person: owner}, **fields)
    return organisation


def _completed_rows(organisation: Organisation, user: Any, count: int, results: list[dict[str, Any]]) -> None:
    now = timezone.now()
    rows = []
    for n in range(count):
        row = Assessment(organisation=organisation, created_by=user)
        # The app's own step from a result to a completed assessment's fields (what complete_assessment saves).
        services.apply_result(row, copy.deepcopy(results[n % len(results)]))
        row.completed_at = now - timedelta(hours=count - n)
        rows.append(row)
    Assessment.objects.bulk_create(rows, batch_size=500)


def _signed_in(user: Any, probe: str) -> str:
    """A session (and CSRF cookie) as a browser would hold them after logging in and opening a form."""
    client = Client()
    client.force_login(user)
    client.get(probe)
    return "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items() if morsel.value)


@transaction.atomic
def _build_accounts(results: list[dict[str, Any]], password_hash: str) -> list[Account]:
    users = get_user_model().objects
    accounts = []
    for size in SIZES:
        deep = users.create(username=f"deep-{size}", email=f"deep-{size}@example.com", password=password_hash)
        organisation = _new_organisation(
            deep, name=f"Deep {size}", sector="Logistics", headcount=1_200, region="European Union",
            notes="All of this account's assessments belong to this one organisation.",
        )  # fmt: skip
        _completed_rows(organisation, deep, size, results)
        draft = Assessment.objects.create(
            organisation=organisation, created_by=deep, answers={"employees": 1_200}, step="footprint"
        )
        latest = organisation.assessments.completed().order_by("-completed_at", "-pk").first()
        assert latest is not None
        accounts.append(
            Account(
                username=deep.username,
                size=size,
                shape="deep",
                urls={
                    "step": f"/assessments/{draft.pk}/step/footprint/",
                    "results": f"/assessments/{latest.pk}/results/",
                    "history": f"/organisations/{organisation.pk}/",
                },
            )
        )
        wide = users.create(username=f"wide-{size}", email=f"wide-{size}@example.com", password=password_hash)
        for n in range(size):
            org = _new_organisation(wide, name=f"Wide {size} org {n:04d}", sector="Retail", headcount=500)
            _completed_rows(org, wide, 1, [results[n % len(results)]])
        accounts.append(
            Account(username=wide.username, size=size, shape="wide", urls={"list": "/organisations/"})
        )
    return accounts


def prepare() -> Dataset:
    create_database()
    call_command("seed_demo", throwaway_database=True, verbosity=0)
    results = [services.score_answers(profile) for profile in PROFILES]
    random.Random(7).shuffle(results)
    accounts = _build_accounts(results, make_password(PASSWORD))
    user_model = get_user_model()
    for account in accounts:
        user = user_model.objects.get(username=account.username)
        account.cookie = _signed_in(user, next(iter(account.urls.values())))
    demo = user_model.objects.get(username="demo")
    # The demo report: Northwind's latest completed assessment, the README's example organisation.
    northwind = (
        Assessment.objects.for_user(demo).completed().filter(organisation__name__startswith="Northwind")
    )
    report = northwind.order_by("-completed_at", "-pk").first()
    assert report is not None, "seed_demo did not create Northwind's assessments"
    probe, *pressure = render_pressure.create_users(PRESSURE_USERS + 1)
    completer = user_model.objects.create_user("completer", password=render_pressure.PASSWORD)
    drafts = []
    for n in range(2 * (COMPLETIONS + 1)):  # one open draft per organisation; half for each priority
        organisation = _new_organisation(
            completer, name=f"Completer {n:02d}", sector="Retail", headcount=1_200
        )
        draft = Assessment.objects.create(
            organisation=organisation, created_by=completer, answers=PROFILES[1], step="review"
        )
        drafts.append(draft)
    counts = Assessment.objects.count()
    log(f"data: {len(accounts)} bench accounts, {counts:,} assessments in all")
    return Dataset(
        pressure_users=pressure,
        probe_user=probe,
        completer=completer.username,
        drafts=[draft.pk for draft in drafts],
        accounts=accounts,
        demo_assessment_pk=report.pk,
        demo_cookie=_signed_in(demo, f"/assessments/{report.pk}/results/"),
        organisation_factory="assessments.services.create_organisation()"
        if hasattr(services, "create_organisation")
        else "Organisation.objects.create(owner=...)",
    )


def check_access(dataset: Dataset) -> list[str]:
    """Every page each account is measured on answers 200 to that account (not 404, not a redirect)."""
    problems = []
    for account in dataset.accounts:
        client = Client()
        client.force_login(get_user_model().objects.get(username=account.username))
        for name, url in account.urls.items():
            status = client.get(url).status_code
            if status != 200:
                problems.append(f"{account.username} {name} {url}: HTTP {status}")
    return problems
