from __future__ import annotations

import pytest
from django.test import Client

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
    from django.core.management import call_command

    call_command("collectstatic", "--noinput", verbosity=0)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    # PBKDF2 at production strength costs ~0.3 s per hash; tests hash hundreds of passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    # Rendered results are cached per process; each test starts from an empty cache.
    from django.core.cache import cache

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
    from assessments import pdf

    calls: list[str] = []

    def render(html: str, *, size: str = "a4", timeout: float | None = None) -> bytes:
        calls.append(size)
        return b"%PDF-1.7 fake " + size.encode()

    monkeypatch.setattr(pdf, "render_pdf", render)
    return calls
