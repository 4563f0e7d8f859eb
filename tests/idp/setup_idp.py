"""Prepare the provider's database: one person (with a verified address) and one client, CAIO Advisor."""

from __future__ import annotations

import os
import sys

import django


def main(client_id: str, secret: str, redirect_uri: str, username: str, email: str, password: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.idp.settings")
    django.setup()
    from allauth.account.models import EmailAddress
    from allauth.idp.oidc.models import Client
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user(username=username, email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    client = Client(id=client_id, name="CAIO Advisor", skip_consent=True)
    client.set_secret(secret)
    client.set_redirect_uris([redirect_uri])
    client.set_scopes(["openid", "profile", "email"])
    client.save()


if __name__ == "__main__":
    main(*sys.argv[1:])
