"""Read money and counts as people write them ("$5M", "5,000,000", "1 200"), or say why not.

Babel reads the locale's digits, grouping and decimal mark; this module adds only what Babel does not:
the k / m / bn suffixes, a leading dollar sign, and space-grouped thousands. A value that cannot be read
exactly is refused with a message; it is never rounded or truncated into a different number.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation, localcontext

from babel.numbers import NumberFormatError, parse_decimal

DEFAULT_LOCALE = "en"
MAX_TEXT = 40  # longer than any amount the method accepts written out with separators and a suffix

# The method is in US dollars; other currencies are refused (no exchange rate goes stale in the advice).
CURRENCY_SIGNS = re.compile(r"[€£¥₹₩₽]|\b(?:eur|euros?|gbp|pounds?|jpy|yen|chf|cad|aud|inr|cny)\b", re.I)
_DOLLAR = re.compile(r"^(?:us\$|usd\s*|\$)|(?:\s*usd|\s*dollars?)$", re.I)
_SUFFIXES = {
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mm": 1_000_000,
    "million": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}
_SUFFIX = re.compile(r"^(?P<number>.*?)\s*(?P<suffix>[a-z]+)\.?$", re.I)
# Thousands grouped by spaces (plain, no-break, narrow no-break, thin): "5 000 000", "1 200".
_SPACE_GROUPED = re.compile(r"^-?\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:\.\d+)?$")
_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")

MONEY_EXAMPLE = "Enter an amount in US dollars, like 2,500,000 or $2.5M."
COUNT_EXAMPLE = "Enter a whole number, like 250."
OTHER_CURRENCY = (
    "Enter the amount in US dollars: CAIO Advisor does not convert other currencies. "
    "Convert it at your finance team's rate and enter the dollar figure, like $5M."
)
TOO_LONG = "That is too long to be an amount. Enter it like 2,500,000 or $2.5M."
UNKNOWN_SUFFIX = "Use k for thousands, m for millions or bn for billions, like $2.5M."
CENTS = "Use at most two decimal places (cents)."
AMBIGUOUS_DOTS = (
    "Could not read that: in English a full stop marks the decimals. Write thousands with commas, "
    "like 5,000,000, or write 5m."
)


class Unreadable(ValueError):
    """The text is not an amount; `message` says what to type instead, as a full sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _number(text: str, locale: str, example: str) -> Decimal:
    if not re.fullmatch(r"[\d.,\s\u00a0\u202f\u2009]+", text) or not re.search(r"\d", text):
        raise Unreadable(example)  # no exponents ("1e6"), words or stray signs: only digits and separators
    if _SPACE_GROUPED.match(text):
        text = _SPACES.sub("", text)
    if text.count(".") > 1:
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
        if suffix not in _SUFFIXES:
            raise Unreadable(UNKNOWN_SUFFIX)
        factor, text = _SUFFIXES[suffix], match["number"].strip()
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


def money_words(value: Decimal | int | float) -> str:
    """The understood amount as the page echoes it: "$5,000,000 a year"."""
    amount = Decimal(str(value))
    shown = f"${amount:,.0f}" if amount == amount.to_integral_value() else f"${amount:,.2f}"
    return f"{shown} a year"
