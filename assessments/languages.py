"""The three languages on the Django side: a person's choice, the language of mail, and the engine's wording.

How a language is chosen (docs/languages.md): a signed-in person's profile (copied into the session at
log-in, so reading it costs no query), else the cookie the header's switcher sets, else the browser's
Accept-Language, else English. Mail to a person is written in their profile's language.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import translation

from assessments.engine import FieldError, Message, Wording, render
from assessments.engine.numbers import format_count, format_money
from assessments.models import Profile

SESSION_LANGUAGE = settings.SESSION_LANGUAGE_KEY  # read by caio.middleware.UserLanguageMiddleware
CODES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)
DEFAULT = settings.LANGUAGE_CODE


def supported(code: object) -> str | None:
    """`code` as one of ours ("fr-CA" -> "fr"), or None."""
    if not isinstance(code, str) or not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def active() -> str:
    """The language in force now (a request's, or one a task or command activated)."""
    return supported(translation.get_language()) or DEFAULT


def user_language(user: Any) -> str | None:
    """The language `user` chose, or None when they never chose one (or are not signed in)."""
    if not getattr(user, "pk", None):
        return None
    chosen = Profile.objects.filter(user=user).values_list("language", flat=True).first()
    return supported(chosen)


def remember(*, user: Any, language: str) -> None:
    Profile.objects.update_or_create(user=user, defaults={"language": language})


def choose(request: HttpRequest, language: str) -> None:
    """Make `language` the signed-in person's language: on their profile, and for this session."""
    user = request.user
    if user.is_authenticated:
        remember(user=user, language=language)
        request.session[SESSION_LANGUAGE] = language


@receiver(user_logged_in, dispatch_uid="caio-language-at-login")
def _language_at_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """At log-in the profile's language takes over; a first log-in keeps the language the person was using."""
    if request is None or not hasattr(request, "session"):
        return
    language = user_language(user)
    if language is None:
        language = supported(getattr(request, "LANGUAGE_CODE", None)) or active()
        remember(user=user, language=language)
    request.session[SESSION_LANGUAGE] = language
    translation.activate(language)
    request.LANGUAGE_CODE = language


def mail_language(*, user: Any = None, email: str = "") -> str:
    """The language of a message to `user` (their choice), or to `email` when it belongs to one account;
    otherwise the language the sender is using."""
    if user is None and email:
        from django.contrib.auth import get_user_model

        matches = list(get_user_model().objects.filter(email__iexact=email)[:2])
        user = matches[0] if len(matches) == 1 else None
    return user_language(user) or active()


@contextmanager
def writing_in(language: str) -> Iterator[None]:
    """Everything inside is worded in `language`: templates, gettext, dates, numbers and the engine's texts."""
    with translation.override(supported(language) or DEFAULT):
        yield


def wording() -> Wording:
    """The engine's texts in the active language, through Django's catalogues (locale/)."""
    language = active()
    return Wording(
        language=language,
        gettext=translation.gettext,
        ngettext=translation.ngettext,
        money=lambda value: format_money(value, locale=language),
        count=lambda value: format_count(value, locale=language),
    )


def worded(msg: Message) -> str:
    """A Message (engine/i18n.py) in the active language."""
    return render(msg, wording())


def error_text(error: FieldError) -> str:
    """An engine validation error ("must be a number, got 'x'") in the active language."""
    return worded(error.msg) if error.msg else translation.gettext(error.message)


def problems_text(exc: Exception) -> str:
    """Why something was refused, in the active language: every engine error of a ValidationFailed
    ("employees: must be a whole number, got 'x'"), or the exception's own (translated) words."""
    from assessments.engine import ValidationFailed

    if isinstance(exc, ValidationFailed):
        return "; ".join(f"{e.field}: {error_text(e)}" for e in exc.errors)
    return str(exc)
