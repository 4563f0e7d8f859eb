"""Every validation rule, with the exact one-line message a person sees."""

from __future__ import annotations

import json

import pytest

from assessments.engine import (
    ValidationFailed,
    parse_document,
    validate_answers,
    validate_document,
)

from .strategies import base, doc

ROLES = 'must be one of "none", "internal_only", "product_feature", "becoming_core", "core_product"'


def errors_of(fn, value) -> list[tuple[str, str]]:
    with pytest.raises(ValidationFailed) as info:
        fn(value)
    return [(e.field, e.message) for e in info.value.errors]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("employees", -5, "must be a whole number of 1 or more, got -5"),
        ("employees", 0, "must be a whole number of 1 or more, got 0"),
        ("employees", 10_000_001, "must be a whole number of at most 10,000,000, got 10000001"),
        ("employees", True, "must be a whole number, got true"),
        ("employees", 3.5, "must be a whole number, got 3.5"),
        ("employees", "12", 'must be a whole number, got "12"'),
        ("employees", None, "must be a whole number, got null"),
        ("employees", float("nan"), "must be a finite number, got NaN"),
        ("employees", float("inf"), "must be a finite number, got Infinity"),
        ("ai_headcount", -1, "must be a whole number of 0 or more, got -1"),
        ("ai_headcount", False, "must be a whole number, got false"),
        ("ai_use_cases", 100_001, "must be a whole number of at most 100,000, got 100001"),
        ("ai_use_cases", 2.5, "must be a whole number, got 2.5"),
        ("annual_ai_spend_usd", -0.01, "must be a number of 0 or more, got -0.01"),
        (
            "annual_ai_spend_usd",
            10**13 + 1,
            "must be a number of at most 10,000,000,000,000, got 10000000000001",
        ),
        ("annual_ai_spend_usd", "5000000", 'must be a number, got "5000000"'),
        ("annual_ai_spend_usd", True, "must be a number, got true"),
        ("annual_ai_spend_usd", float("-inf"), "must be a finite number, got -Infinity"),
        (
            "ai_product_role",
            "cor_product",
            ROLES + ', got "cor_product"',
        ),
        (
            "ai_product_role",
            3,
            ROLES + ", got 3",
        ),
        ("regulatory_exposure", "HIGH", 'must be one of "minimal", "moderate", "high", got "HIGH"'),
        ("compliance_needs_executive", "yes", 'must be true or false, got "yes"'),
        ("cto_stretched", 1, "must be true or false, got 1"),
        ("cto_stretched", None, "must be true or false, got null"),
    ],
)
def test_bad_answer_message(key, value, message):
    assert errors_of(validate_answers, base(**{key: value})) == [(key, message)]


@pytest.mark.parametrize(
    ("value", "spelled"),
    [
        (True, "true"),
        (None, "null"),
        ([{"schema": "caio-assessment/2"}], "an array"),
        ({"yes": True}, "an object"),
        (1.5e16, "1.5e+16"),
        ('say "yes"\n', r'"say \"yes\"\n"'),
        ("Zürich 🙂", '"Zürich 🙂"'),
        ("\u2028\u202e\x85", r'"\u2028\u202e\u0085"'),
        ("\ud800", r'"\ud800"'),
        ("\U000e0001", r'"\udb40\udc01"'),
    ],
)
def test_a_wrong_value_is_named_as_the_document_spells_it_in_json(value, spelled):
    assert errors_of(validate_answers, base(ai_product_role=value)) == [
        ("ai_product_role", f"{ROLES}, got {spelled}")
    ]


def test_a_wrong_key_is_named_in_double_quotes():
    assert errors_of(validate_answers, {**base(), "it's": 1}) == [("answers", 'unknown key "it\'s"')]


def test_whole_floats_are_normalised_to_int():
    out = validate_answers(
        base(employees=1200.0, annual_ai_spend_usd=2.5e6, ai_headcount=-0.0, ai_use_cases=3.0)
    )
    assert out == base(ai_headcount=0)
    assert all(
        type(out[k]) is int for k in ("employees", "annual_ai_spend_usd", "ai_headcount", "ai_use_cases")
    )


def test_fractional_spend_is_kept_and_result_is_a_new_dict():
    answers = base(annual_ai_spend_usd=1234.5)
    out = validate_answers(answers)
    assert out["annual_ai_spend_usd"] == 1234.5
    assert out is not answers


def test_bounds_are_inclusive():
    out = validate_answers(
        base(employees=10_000_000, annual_ai_spend_usd=10**13, ai_headcount=10_000_000, ai_use_cases=100_000)
    )
    assert out["employees"] == 10_000_000
    assert (
        validate_answers(base(employees=1, annual_ai_spend_usd=0, ai_headcount=0, ai_use_cases=0))[
            "employees"
        ]
        == 1
    )


def test_json_nan_and_overflow_are_rejected_with_field_names():
    text = json.dumps(doc(base(employees=1))).replace('"employees": 1', '"employees": NaN')
    text = text.replace('"ai_headcount": 12', '"ai_headcount": 1e309')
    assert errors_of(parse_document, text) == [
        ("employees", "must be a finite number, got NaN"),
        ("ai_headcount", "must be a finite number, got Infinity"),
    ]


def test_all_errors_are_collected_and_joined_on_one_line():
    answers = base(employees=-5, ai_product_role="cor_product")
    del answers["cto_stretched"]
    answers["employes"] = 5
    with pytest.raises(ValidationFailed) as info:
        validate_answers(answers)
    assert [(e.field, e.message) for e in info.value.errors] == [
        ("employees", "must be a whole number of 1 or more, got -5"),
        (
            "ai_product_role",
            ROLES + ', got "cor_product"',
        ),
        ("cto_stretched", "is required"),
        ("answers", 'unknown key "employes"'),
    ]
    assert str(info.value) == "; ".join(f"{e.field}: {e.message}" for e in info.value.errors)
    # Each error keeps how it was made, so a page can word it in the reader's language.
    assert info.value.errors[0].msg == {
        "id": "must be a whole number of {minimum} or more, got {value}",
        "args": {"minimum": {"count": 1}, "value": "-5"},
    }
    assert "\n" not in str(info.value)


def test_answers_must_be_an_object():
    assert errors_of(validate_answers, [1]) == [("answers", "must be an object, got an array")]


def test_long_values_are_cut_in_messages():
    ((field, message),) = errors_of(validate_answers, base(employees="x" * 500))
    assert field == "employees" and message.endswith("...") and len(message) < 120


def test_valid_document_is_normalised_copy():
    raw = doc(base(employees=1200.0), name="  Northwind  ", sector=" Logistics ", region=None)
    out = validate_document(raw)
    assert out == {
        "schema": "caio-assessment/2",
        "organisation": {"name": "Northwind", "sector": "Logistics"},
        "answers": base(),
    }
    assert validate_document(out) == out  # idempotent


def test_empty_optional_organisation_field_is_dropped():
    out = validate_document(doc(name="A", region="   "))
    assert out["organisation"] == {"name": "A"}


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ([], [("document", "must be a JSON object, got an array")]),
        ({**doc(), "schema": "x"}, [("schema", 'must be "caio-assessment/2", got "x"')]),
        ({**doc(), "extra": 1}, [("document", 'unknown key "extra"')]),
        ({"organisation": {"name": "A"}, "answers": base()}, [("schema", "is required")]),
        ({"schema": "caio-assessment/1", "answers": base()}, [("organisation", "is required")]),
        ({"schema": "caio-assessment/1", "organisation": {"name": "A"}}, [("answers", "is required")]),
        ({**doc(), "organisation": "A"}, [("organisation", 'must be an object, got "A"')]),
        (doc(sector="x"), [("organisation.name", "is required")]),
        (doc(name=""), [("organisation.name", 'must not be empty, got ""')]),
        (doc(name="   "), [("organisation.name", 'must not be empty, got "   "')]),
        (doc(name=5), [("organisation.name", "must be a string, got 5")]),
        (
            doc(name="n" * 201),
            [("organisation.name", 'must be at most 200 characters, got "' + "n" * 74 + '"...')],
        ),
        (doc(name="A", sector=7), [("organisation.sector", "must be a string, got 7")]),
        (
            doc(name="A", region="r" * 101),
            [("organisation.region", 'must be at most 100 characters, got "' + "r" * 74 + '"...')],
        ),
        (doc(name="A", ceo="x"), [("organisation", 'unknown key "ceo"')]),
        (
            doc(name="Nul\x00Corp"),
            [("organisation.name", "must not contain control characters such as line breaks or tabs")],
        ),
        (
            doc(name="Acme\r\nBcc: x"),
            [("organisation.name", "must not contain control characters such as line breaks or tabs")],
        ),
        (
            doc(name="A", sector="\ud800"),
            [("organisation.sector", "must be valid Unicode text (it contains an unpaired surrogate)")],
        ),
        (
            doc(name="Invoice\u202egpj.exe"),
            [
                (
                    "organisation.name",
                    "must not contain invisible direction controls (such as U+202E) that change how the text reads",
                )
            ],
        ),
        (doc({**base(), "employes": 3}), [("answers", 'unknown key "employes"')]),
        ({**doc(), "answers": None}, [("answers", "must be an object, got null")]),
    ],
)
def test_document_errors(document, expected):
    assert errors_of(validate_document, document) == expected


def test_name_of_exactly_200_characters_is_fine():
    assert validate_document(doc(name="n" * 200))["organisation"]["name"] == "n" * 200


def test_missing_answer_keys_each_reported():
    assert errors_of(validate_answers, {}) == [
        (k, "is required")
        for k in (
            "employees",
            "annual_ai_spend_usd",
            "ai_headcount",
            "ai_use_cases",
            "ai_product_role",
            "regulatory_exposure",
            "compliance_needs_executive",
            "cto_stretched",
        )
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON (line 1, column 2: Expecting property name enclosed in double quotes)"),
        ('{"a": x}', "not valid JSON (line 1, column 7: Expecting value)"),
        ("", "not valid JSON (line 1, column 1: Expecting value)"),
        (b"\xff\xfe{", "not valid JSON (not UTF-8 text)"),
        ("[" * 100_000 + "]" * 100_000, "not valid JSON (nested too deeply)"),
        ('{"schema": 1, "schema": 2}', 'duplicate key "schema"'),
    ],
)
def test_malformed_json(text, message):
    assert errors_of(parse_document, text) == [("document", message)]


def test_parse_document_accepts_bytes_and_str():
    text = json.dumps(doc())
    assert parse_document(text) == parse_document(text.encode()) == validate_document(doc())


def test_a_version_1_document_still_loads():
    assert validate_document({**doc(), "schema": "caio-assessment/1"})["schema"] == "caio-assessment/2"


def test_more_people_on_ai_than_employees_is_refused_naming_ai_headcount():
    assert errors_of(validate_answers, base(employees=10, ai_headcount=5_000)) == [
        ("ai_headcount", "cannot be more than the number of employees (10), got 5,000")
    ]


def test_a_number_of_thousands_of_digits_is_a_clear_error_not_a_crash():
    text = json.dumps(doc()).replace('"employees": 1200', '"employees": ' + "9" * 5_000)
    assert errors_of(parse_document, text) == [
        ("employees", "is too long a number (a number of 5,000 digits); the most allowed is 10,000,000")
    ]
    text = json.dumps(doc()).replace('"annual_ai_spend_usd": 2500000', '"annual_ai_spend_usd": -' + "1" * 30)
    assert errors_of(parse_document, text) == [
        (
            "annual_ai_spend_usd",
            "is too long a number (a number of 30 digits); the most allowed is 10,000,000,000,000",
        )
    ]


def test_a_lone_surrogate_escape_in_json_is_refused():
    text = json.dumps(doc()).replace("Northwind Logistics", "\\ud800")
    assert errors_of(parse_document, text) == [
        ("organisation.name", "must be valid Unicode text (it contains an unpaired surrogate)")
    ]


def test_a_document_over_one_megabyte_is_refused_before_parsing():
    text = json.dumps(doc()) + " " * 1_000_000
    assert errors_of(parse_document, text) == [
        ("document", f"is too large ({len(text):,} bytes); the most allowed is 1,000,000")
    ]
    assert errors_of(parse_document, text.encode()) == errors_of(parse_document, text)


def test_a_unicode_line_separator_is_refused_like_a_line_break():
    assert errors_of(validate_document, doc(name="Acme\u2028Bcc")) == [
        ("organisation.name", "must not contain control characters such as line breaks or tabs")
    ]
