"""Numbers and US dollars written each language's way (Babel, pure Python): "$5,000,000", "5 000 000 $US",
"5.000.000 $"; "1,200", "1 200", "1.200". The pages, the PDF, the inputs' echo and `assess --lang` share these.

Babel is imported when a number is first written, so `assess` in English starts without it.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache


@cache
def _whole_dollars(locale: str) -> str:
    """The language's currency pattern without cents ("¤#,##0", "#,##0 ¤")."""
    from babel import Locale

    pattern = Locale.parse(locale.replace("-", "_")).currency_formats["standard"].pattern
    return pattern.split(";")[0].replace(".00", "")


def format_money(value: Decimal | int | float, *, locale: str = "en") -> str:
    """US dollars as the language writes them, with cents only when there are some."""
    from babel.numbers import format_currency

    amount = Decimal(str(value))
    if amount == amount.to_integral_value():
        return format_currency(
            amount, "USD", format=_whole_dollars(locale), locale=locale, currency_digits=False
        )
    return format_currency(amount, "USD", locale=locale)


def format_count(value: int | float | Decimal, *, locale: str = "en") -> str:
    """A number as the language groups it: "1,200", "1 200", "1.200"."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale)
