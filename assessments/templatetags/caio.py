from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from assessments import languages, people
from assessments.engine import FieldError, get_method, render
from assessments.engine.numbers import format_count, format_money
from assessments.models import ROLE_IN_SENTENCE, Recommendation, Role

register = template.Library()


@register.simple_tag
def method_count(side: str) -> int:
    """How many CAIO signals ("caio") or absorb conditions ("cto") the current method tests."""
    return len(get_method().criteria_on(side))  # type: ignore[arg-type]


@register.filter
def recommendation_label(value: str) -> str:
    try:
        return str(Recommendation(value).label)
    except ValueError:
        return ""


@register.filter
def score(value: float | int | None) -> str:
    """Scores are multiples of 2.5: show 80, not 80.0, and 57.5 as it is (57,5 in French and German)."""
    if value is None:
        return "—"
    return format_count(
        int(value) if float(value).is_integer() else round(value, 1), locale=languages.active()
    )


@register.filter
def minutes(value: timedelta | None) -> str:
    total = int(value.total_seconds() // 60) if value else 0
    return ngettext("%(count)s minute", "%(count)s minutes", total) % {"count": number(total)}


@register.filter
def times(value: int) -> str:
    return ngettext("%(count)s time", "%(count)s times", value) % {"count": number(value)}


@register.filter
def employees(value: int) -> str:
    """ "1 employee", "1,200 employees": whole phrases, so a translation can order and inflect them."""
    return ngettext("%(count)s employee", "%(count)s employees", value) % {"count": number(value)}


@register.filter
def number(value: Any) -> str:
    """A number written the reader's way: 1,200 / 1 200 / 1.200."""
    if value is None or value == "":
        return ""
    return format_count(value, locale=languages.active())


@register.filter
def money(value: Any) -> str:
    """US dollars written the reader's way: $5,000,000 / 5 000 000 $US / 5.000.000 $."""
    return format_money(value, locale=languages.active())


@register.filter
def translated(value: Any) -> Any:
    """A text the engine or the method marked for translation, in the reader's language ("" stays "")."""
    return gettext(value) if isinstance(value, str) and value else value


@register.filter
def field_error(error: FieldError) -> str:
    """An engine validation error in the reader's language."""
    return languages.error_text(error)


@register.simple_tag
def quote(text: str, beneath: str | None = None, css: str = "quote small") -> SafeString:
    """A sentence of the article, in English, with its translation beneath it marked as a translation.

    `beneath` (the translation) comes with a localised result (engine.localise); the method's own data is
    translated here."""
    if not text:
        return SafeString("")
    if beneath is None:
        beneath = gettext(text)
    # The article is English: a page in another language says so, for screen readers and hyphenation.
    english = translation.get_language() == "en"
    attrs = format_html(' class="{}"', css) if css else ""
    lang = "" if english else SafeString(' lang="en"')
    original = format_html("<q{}{}>{}</q>", attrs, lang, text)
    if not beneath or beneath == text:
        return original
    return format_html(
        '{}<span class="quote-translation small d-block"><span class="translation-mark">{}</span> {}</span>',
        original,
        gettext("Translation:"),
        beneath,
    )


@register.filter
def worded(part: dict[str, Any], key: str = "text") -> str:
    """part[key] in the reader's language: worded from its Message (part[key + "_msg"]), else translated."""
    msg = part.get(f"{key}_msg")
    return render(msg, languages.wording()) if msg else translated(part.get(key, ""))


@register.filter
def role_in_sentence(role: str | None) -> str:
    """A role inside a sentence: "as editor", "comme éditeur", "als Bearbeiter"."""
    return str(ROLE_IN_SENTENCE.get(role or "", ""))


@register.filter
def can_edit(role: str | None) -> bool:
    """Editor or better (see Role.can_edit)."""
    return role in Role.values and Role(role).can_edit


@register.filter
def role_label(role: str | None) -> str:
    try:
        return str(Role(role or "").label)
    except ValueError:
        return ""


@register.filter
def display_name(user: Any) -> str:
    """A person as others read them: their full name, else their username."""
    return people.display_name(user)
