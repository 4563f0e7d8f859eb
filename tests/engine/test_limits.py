"""What a person is told at each limit of a document: the last value allowed, and the first refused."""

from __future__ import annotations

import io
import json

import pytest

from assessments.engine import ValidationFailed, cli, load_json, parse_document
from assessments.engine.validation import MAX_DOCUMENT_BYTES

from .strategies import doc


def errors_of(text: str | bytes) -> list[tuple[str, str]]:
    with pytest.raises(ValidationFailed) as caught:
        parse_document(text)
    return [(e.field, e.message) for e in caught.value.errors]


def test_a_document_of_exactly_the_size_limit_is_read_and_one_byte_more_is_not():
    at_limit = '"' + "x" * (MAX_DOCUMENT_BYTES - 2) + '"'
    assert load_json(at_limit) == "x" * (MAX_DOCUMENT_BYTES - 2)
    assert errors_of(at_limit + " ") == [
        ("document", f"is too large ({MAX_DOCUMENT_BYTES + 1:,} bytes); the most allowed is 1,000,000")
    ]


def test_the_size_limit_counts_bytes_not_characters():
    text = '"' + "é" * (MAX_DOCUMENT_BYTES // 2) + '"'  # 500,002 characters, 1,000,002 bytes
    assert errors_of(text) == [("document", "is too large (1,000,002 bytes); the most allowed is 1,000,000")]


def test_twenty_digits_are_a_number_out_of_range_and_twenty_one_are_too_long_a_number():
    twenty = json.dumps(doc()).replace('"employees": 1200', '"employees": ' + "9" * 20)
    assert errors_of(twenty) == [
        ("employees", "must be a whole number of at most 10,000,000, got 99999999999999999999")
    ]
    twenty_one = twenty.replace("9" * 20, "9" * 21)
    assert errors_of(twenty_one) == [
        ("employees", "is too long a number (a number of 21 digits); the most allowed is 10,000,000")
    ]


def test_a_duplicate_key_is_named_even_when_it_is_not_the_first_key():
    text = '{"schema": "caio-assessment/2", "organisation": {"name": "A", "sector": "x", "sector": "y"}}'
    assert errors_of(text) == [("document", 'duplicate key "sector"')]


def test_a_value_of_eighty_characters_is_quoted_whole_and_a_longer_one_is_cut():
    def message(role: str) -> str:
        text = json.dumps(doc()).replace('"product_feature"', json.dumps(role))
        ((_field, words),) = errors_of(text)
        return words.removeprefix(
            'must be one of "none", "internal_only", "product_feature", "becoming_core", '
        )

    assert message("x" * 78) == '"core_product", got "' + "x" * 78 + '"'  # in double quotes: 80 characters
    assert message("x" * 79) == '"core_product", got "' + "x" * 74 + '"...'


def test_utf8_bytes_of_a_lone_surrogate_are_read_and_then_refused_as_text():
    raw = json.dumps(doc()).encode().replace(b"Northwind Logistics", b"North\xed\xa0\x80wind")
    assert errors_of(raw) == [
        ("organisation.name", "must be valid Unicode text (it contains an unpaired surrogate)")
    ]


def test_an_unknown_method_version_is_refused_even_with_nothing_to_score(monkeypatch, capfd):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"")))  # an empty standard input
    assert cli.main(["-", "--jsonl", "--methodology", "0.1"]) == 1
    assert "methodology_version: unknown version '0.1'" in capfd.readouterr().err
