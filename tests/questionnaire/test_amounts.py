from __future__ import annotations

from decimal import Decimal

import pytest

from assessments.questionnaire.amounts import OTHER_CURRENCY, Unreadable, parse_count, parse_money


@pytest.mark.parametrize(
    ("typed", "dollars"),
    [
        ("$5M", 5_000_000),
        ("5m", 5_000_000),
        ("5,000,000", 5_000_000),
        ("5 000 000", 5_000_000),
        ("5\u00a0000\u00a0000", 5_000_000),
        ("$2.5 million", 2_500_000),
        ("750k", 750_000),
        ("US$1.2bn", 1_200_000_000),
        ("2500000", 2_500_000),
        ("1,234.56", Decimal("1234.56")),
    ],
)
def test_money_is_read_as_people_write_it(typed, dollars):
    assert parse_money(typed) == dollars


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("€4.5m", OTHER_CURRENCY),
        ("£3m", OTHER_CURRENCY),
        ("4 million EUR", OTHER_CURRENCY),
        ("5.000.000", "Could not read that: in English a full stop marks the decimals."),
        ("5x", "Use k for thousands, m for millions or bn for billions, like $2.5M."),
        ("1e6", "Enter an amount in US dollars, like 2,500,000 or $2.5M."),
        ("12.345", "Use at most two decimal places (cents)."),
        ("1,2", "Enter an amount in US dollars, like 2,500,000 or $2.5M."),
    ],
)
def test_money_that_cannot_be_read_exactly_is_refused_with_a_sentence(typed, message):
    with pytest.raises(Unreadable) as caught:
        parse_money(typed)
    assert caught.value.message.startswith(message)


@pytest.mark.parametrize(("typed", "count"), [("1,200", 1200), ("1 200", 1200), ("1200", 1200), ("-4", -4)])
def test_counts_read_grouped_digits(typed, count):
    assert parse_count(typed) == count


@pytest.mark.parametrize("typed", ["12.5", "1.200", "twelve", "1e3", "5m"])
def test_counts_refuse_anything_but_a_whole_number(typed):
    with pytest.raises(Unreadable, match="Enter a whole number, like 250."):
        parse_count(typed)


def test_an_amount_with_more_digits_than_decimal_precision_is_read_exactly():
    # Forty nines are past decimal's default 28 digits: read exactly, so the range check can refuse them.
    assert parse_money("9" * 40) == Decimal("9" * 40)
    assert parse_money("$" + "9" * 36 + "bn") == Decimal("9" * 36 + "0" * 9)
