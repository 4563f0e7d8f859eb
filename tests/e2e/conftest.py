"""Browser tests: Playwright driving Debian's chromium against pytest-django's live server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.django_db(transaction=True))

    # Browser tests last: their session-wide browser and live server threads outlive them, and the tests
    # that start real db_worker processes (tests/report/test_workers.py) saw stale task state after them. Among
    # them the longest files first (a file's size stands for its length), so that the last files handed to
    # the two workers are short and both finish at about the same time (`make test` keeps this order:
    # --no-loadscope-reorder).
    def order(item: pytest.Item) -> tuple[bool, int]:
        in_browser = str(item.fspath).startswith(here)
        return in_browser, -os.path.getsize(item.fspath) if in_browser else 0

    items.sort(key=order)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if CHROMIUM is None:
        message = "Debian's chromium is not installed (apt-get install -y chromium)"
        if os.environ.get("CAIO_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


class Console:
    """Collects console errors; a CSP violation shows up here."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def __call__(self, message: Any) -> None:
        if message.type == "error":
            location = message.location.get("url", "") if isinstance(message.location, dict) else ""
            self.errors.append(f"{message.text} ({location})" if location else message.text)


@pytest.fixture
def console(page: Any) -> Iterator[Console]:
    collected = Console()
    page.on("console", collected)
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and response.request.resource_type != "document"
            and collected.errors.append(f"{response.status} {response.url}")
        ),
    )
    yield collected
    assert collected.errors == [], f"console errors (CSP violations included): {collected.errors}"


def sign_in(page: Any, base: str, username: str) -> None:
    """Signs the browser in as `username` without the log-in form, as Django's test client's force_login does:
    the journeys and the accessibility walk use the form itself; elsewhere it would only repeat three page
    loads per person."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base}])


_AXE = Axe()


def assert_accessible(page: Any) -> None:
    results = _AXE.run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert serious == [], f"{page.url}: " + "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in serious
    )


@pytest.fixture(autouse=True)
def _unhashed_static_files(settings: Any) -> None:
    # pytest-django's live server serves static files from the finders, which know no hashed names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def real_pdf() -> None:
    """Asked for by a browser test that reads the PDF report: WeasyPrint renders it, not the fake."""


@pytest.fixture(autouse=True)
def _fake_pdf_unless_read(request: pytest.FixtureRequest) -> None:
    # Every assessment completed here (live server, real commits) renders its report at once; ~0.5 s of
    # WeasyPrint each, for a PDF that only the tests asking for `real_pdf` read.
    if "real_pdf" not in request.fixturenames:
        request.getfixturevalue("fake_renderer")
