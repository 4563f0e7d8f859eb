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
