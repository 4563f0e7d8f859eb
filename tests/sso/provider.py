"""A real OpenID Connect provider for the tests: tests/idp (django-allauth's provider) as its own process.

It listens on 127.0.0.1 with its own SQLite file and RSA key, knows one person and one client (CAIO Advisor,
whose callback URL is given), and is stopped when the test ends.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass(frozen=True)
class Provider:
    issuer: str
    client_id: str
    secret: str
    username: str
    email: str
    password: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_provider(tmp: Path, *, redirect_uri: str, email: str = "pat@example.com") -> Iterator[Provider]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key_file = tmp / "idp-key.pem"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.idp.settings",
        "IDP_DATABASE": str(tmp / "idp.sqlite3"),
        "IDP_PRIVATE_KEY_FILE": str(key_file),
        "PYTHONPATH": str(ROOT),
    }
    provider = Provider("", "caio-advisor", "client-secret-for-tests", "pat", email, "idp-password-2026")
    subprocess.run(
        [sys.executable, "-m", "tests.idp.setup_idp", provider.client_id, provider.secret, redirect_uri,
         provider.username, provider.email, provider.password],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    issuer = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(
                    f"{issuer}/.well-known/openid-configuration", timeout=2
                ) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the test OpenID Connect provider did not start") from None
                time.sleep(0.2)
        yield Provider(
            issuer, provider.client_id, provider.secret, provider.username, email, provider.password
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
