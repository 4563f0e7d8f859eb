"""Read money and counts as people write them in their language, and write them back the same way.

English "$5M", "5,000,000", "1 200"; French "5 000 000 $", "2,5 M"; German "5.000.000", "2,5 Mio.".
Babel reads the locale's digits, grouping and decimal mark; this module adds only what Babel does not:
the k / m / bn suffixes (and each language's own words for them), a dollar sign before or after, and
space-grouped thousands. A value that cannot be read exactly is refused with a message (English, marked
for translation: its translation gives the examples in the reader's own way of writing numbers); it is
never rounded or truncated into a different number.

Writing numbers back is the engine's (`assessments.engine.numbers`): the one formatter of money and counts
for the pages, the PDF, the inputs' echo and `assess --lang`.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation, localcontext
from typing import Any

from babel import Locale
from babel.numbers import NumberFormatError, get_decimal_symbol, get_group_symbol, parse_decimal

from assessments.engine.i18n import N_
from assessments.engine.numbers import format_money

__all__ = ["Unreadable", "money_words", "parse_count", "parse_money"]

DEFAULT_LOCALE = "en"
MAX_TEXT = 40  # longer than any amount the method accepts written out with separators and a suffix

# The method is in US dollars; other currencies are refused (no exchange rate goes stale in the advice).
CURRENCY_SIGNS = re.compile(r"[€£¥₹₩₽]|\b(?:eur|euros?|gbp|pounds?|jpy|yen|chf|cad|aud|inr|cny)\b", re.I)
_DOLLAR = re.compile(
    r"^(?:us\$|usd\s*|\$)|(?:\s*\$\s*us|\s*us\s*\$|\s*us-dollars?|\s*\$|\s*usd|\s*dollars?)$", re.I
)
_SUFFIXES = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mm": 1_000_000,
    "bn": 1_000_000_000,
}
# Each language's own words; "billion" means 10**12 in French and German, so it is English only.
_WORDS = {
    "en": {"thousand": 1_000, "million": 1_000_000, "b": 1_000_000_000, "billion": 1_000_000_000},
    "fr": {"mille": 1_000, "million": 1_000_000, "millions": 1_000_000, "md": 1_000_000_000,
           "mds": 1_000_000_000, "mrd": 1_000_000_000, "milliard": 1_000_000_000, "milliards": 1_000_000_000},
    "de": {"tsd": 1_000, "tausend": 1_000, "mio": 1_000_000, "million": 1_000_000, "millionen": 1_000_000,
           "mrd": 1_000_000_000, "milliarde": 1_000_000_000, "milliarden": 1_000_000_000},
}  # fmt: skip
_SUFFIX = re.compile(r"^(?P<number>.*?)\s*(?P<suffix>[a-z]+)\.?$", re.I)
# Thousands grouped by spaces (plain, no-break, narrow no-break, thin): "5 000 000", "1 200".
_SPACE_GROUPED = re.compile(r"^-?\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?$")
_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")

MONEY_EXAMPLE = N_("Enter an amount in US dollars, like 2,500,000 or $2.5M.")
COUNT_EXAMPLE = N_("Enter a whole number, like 250.")
OTHER_CURRENCY = N_(
    "Enter the amount in US dollars: CAIO Advisor does not convert other currencies. "
    "Convert it at your finance team's rate and enter the dollar figure, like $5M."
)
TOO_LONG = N_("That is too long to be an amount. Enter it like 2,500,000 or $2.5M.")
UNKNOWN_SUFFIX = N_("Use k for thousands, m for millions or bn for billions, like $2.5M.")
CENTS = N_("Use at most two decimal places (cents).")
# Said in the reader's language about its own way of writing numbers (the translation gives its rule).
AMBIGUOUS_DOTS = N_(
    "Could not read that: in English a full stop marks the decimals. Write thousands with commas, "
    "like 5,000,000, or write 5m."
)
A_YEAR = N_("{amount} a year")


class Unreadable(ValueError):
    """The text is not an amount; `message` says what to type instead, as a full sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _language(locale: str) -> str:
    return Locale.parse(locale.replace("-", "_")).language


def _ambiguous(text: str, locale: str) -> bool:
    """A mark the language reads as decimals, written more than once: grouping in another language's way
    ("5.000.000" in English or French, "5,000,000" in French or German). Refused, never guessed."""
    decimal, group = get_decimal_symbol(locale), get_group_symbol(locale)
    return text.count(decimal) > 1 or (decimal == "," and group != "." and text.count(".") > 1)


def _number(text: str, locale: str, example: str) -> Decimal:
    if not re.fullmatch(r"[\d.,\s\u00a0\u202f\u2009]+", text) or not re.search(r"\d", text):
        raise Unreadable(example)  # no exponents ("1e6"), words or stray signs: only digits and separators
    if _SPACE_GROUPED.match(text):
        text = _SPACES.sub("", text)
    if _ambiguous(text, locale):
        raise Unreadable(AMBIGUOUS_DOTS)
    try:
        return parse_decimal(text, locale=locale, strict=True)
    except (NumberFormatError, InvalidOperation, ValueError):
        raise Unreadable(example) from None


def parse_money(text: str, *, locale: str = DEFAULT_LOCALE) -> Decimal:
    """US dollars from "$5M", "5m", "5,000,000", "5 000 000" or "2.5 million"."""
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise Unreadable(TOO_LONG)
    if not text:
        raise Unreadable(MONEY_EXAMPLE)
    if CURRENCY_SIGNS.search(text):
        raise Unreadable(OTHER_CURRENCY)
    negative = text.startswith("-")
    text = _DOLLAR.sub("", text.lstrip("-").strip()).strip()
    factor = 1
    match = _SUFFIX.match(text)
    if match and re.search(r"\d", match["number"]):
        suffix = match["suffix"].lower()
        suffixes = _SUFFIXES | _WORDS.get(_language(locale), {})
        if suffix not in suffixes:
            raise Unreadable(UNKNOWN_SUFFIX)
        factor, text = suffixes[suffix], match["number"].strip()
    text = _DOLLAR.sub("", text).strip()
    if not text or text.startswith(("-", "+")):
        raise Unreadable(MONEY_EXAMPLE)
    # Enough digits for MAX_TEXT typed digits times a suffix: quantize() of "9" * 40 (past the default 28
    # digits) would raise InvalidOperation instead of leaving the range check to say the amount is too large.
    with localcontext(prec=2 * MAX_TEXT):
        value = _number(text, locale, MONEY_EXAMPLE) * factor
        if value != value.quantize(Decimal("0.01")):
            raise Unreadable(CENTS)
        value = -value if negative else value
        return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def parse_count(text: str, *, locale: str = DEFAULT_LOCALE) -> int:
    """A whole number from "1200", "1,200" or "1 200"."""
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise Unreadable(COUNT_EXAMPLE)
    negative = text.startswith("-")
    body = text[1:].strip() if negative else text
    if not body or body.startswith(("-", "+")):
        raise Unreadable(COUNT_EXAMPLE)
    value = _number(body, locale, COUNT_EXAMPLE)
    if value != value.to_integral_value():
        raise Unreadable(COUNT_EXAMPLE)
    return -int(value) if negative else int(value)


def money_words(value: Decimal | int | float, *, locale: str = DEFAULT_LOCALE, gettext: Any = None) -> str:
    """The understood amount as the page echoes it: "$5,000,000 a year" (`gettext`: the reader's catalogue)."""
    template = gettext(A_YEAR) if gettext else A_YEAR
    return str(template).format(amount=format_money(value, locale=locale))
