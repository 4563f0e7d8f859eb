from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client, override_settings

from tests.factories import UserFactory


@pytest.fixture
def alice(db):
    """The owner of the objects under test."""
    return UserFactory(username="alice")


@pytest.fixture
def bob(db):
    """Another signed-in user, who must never see Alice's data."""
    return UserFactory(username="bob")


@pytest.fixture
def alice_client(alice) -> Client:
    client = Client()
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(bob) -> Client:
    client = Client()
    client.force_login(bob)
    return client


def pytest_sessionstart(session: pytest.Session) -> None:
    # Tests run with production settings (DEBUG off, hashed static files), so the manifest must exist.
    # Under pytest-xdist the controller collects them once, before it starts its workers.
    if hasattr(session.config, "workerinput"):
        return
    from django.core.management import call_command

    call_command("collectstatic", "--noinput", verbosity=0)
    # The French and German catalogues are built from the committed .po files (`make` does it too).
    _check_translations().compile_stale()


def _check_translations():
    spec = importlib.util.spec_from_file_location(
        "check_translations", Path(__file__).parent.parent / "scripts" / "check_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def _english_to_start_with() -> Iterator[None]:
    """Each test starts in English: a request or a log-in activates its language for the thread, and the test
    client (unlike a server's next request) would carry it into the next test."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing() -> Iterator[None]:
    # PBKDF2 at production strength costs ~0.3 s per hash; tests hash hundreds of passwords. Session-wide, so
    # that users made by module-scoped fixtures (before any function-scoped `settings`) hash fast too.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def _static_files_listed_once() -> Iterator[None]:
    """Django's test client builds the middleware chain afresh for every Client, and WhiteNoise's middleware
    lists and stats every file under STATIC_ROOT as it is built: a quarter of the suite's time outside the
    browser went there. The files do not change during a run, so each directory is listed once and every
    middleware serves the same entries (as one gunicorn worker's middleware does)."""
    from django.conf import settings
    from whitenoise.base import WhiteNoise

    list_directory = WhiteNoise.update_files_dictionary
    listed: dict[tuple[object, ...], dict[str, object]] = {}

    def update_files_dictionary(self: WhiteNoise, root: str, prefix: str) -> None:
        # Everything that shapes an entry's headers is in the key (the storage decides what is immutable).
        key = (root, prefix, self.max_age, self.allow_all_origins, self.charset, self.add_headers_function)
        key += (settings.STORAGES["staticfiles"]["BACKEND"], type(self))
        if key not in listed:
            files, self.files = self.files, {}
            list_directory(self, root, prefix)
            listed[key], self.files = self.files, files
        self.files.update(listed[key])

    WhiteNoise.update_files_dictionary = update_files_dictionary  # type: ignore[method-assign]
    yield
    WhiteNoise.update_files_dictionary = list_directory  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker) -> None:
    # The cache (rendered results, rate-limit counters) is a table, made where migrations run.
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)


@pytest.fixture(autouse=True)
def _empty_cache(request) -> None:
    # Rendered results and rate-limit counts live in the database cache; each test starts from an empty one.
    uses_database = request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(
        request.fixturenames
    )
    if uses_database:
        from django.core.cache import caches

        request.getfixturevalue("_django_db_helper")
        for cache in caches.all():
            cache.clear()


@pytest.fixture
def worker(django_capture_on_commit_callbacks):
    """`with worker(): ...` runs what the block enqueued after commit, as db_worker would.

    Tests run inside a transaction that never commits, and the immediate backend runs a task as soon as it
    is enqueued: so the report is rendered (or the mail sent) when the block ends.
    """
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def fake_renderer(monkeypatch) -> list[str]:
    """Replaces WeasyPrint; records the page size of every render."""
    from assessments.report import pdf

    calls: list[str] = []

    def render(html: str, *, size: str = "a4", timeout: float | None = None) -> bytes:
        calls.append(size)
        return b"%PDF-1.7 fake " + size.encode()

    monkeypatch.setattr(pdf, "render_pdf", render)
    return calls
