"""CAIO Advisor decision engine: pure Python, no Django. Validate, score, recommend, explain.

from assessments.engine import parse_document, assess_document, format_text
result = assess_document(parse_document(text))   # or assess_json(text)
"""

from __future__ import annotations

from .errors import FieldError, UnknownMethodVersion, ValidationFailed
from .formatting import answer_words
from .matrix import all_matrices, build_matrix
from .method import (
    CAIO_REPORTS_TO_CEO,
    CAIO_REPORTS_TO_CTO,
    CTO_ONLY,
    METHODOLOGY_VERSION,
    METHODS,
    RECOMMENDATIONS,
    Condition,
    Criterion,
    Definition,
    MatrixRow,
    Method,
    Rule,
    get_method,
)
from .panel import RULE as PANEL_RULE
from .panel import review_panel
from .questions import QUESTION_BY_KEY, QUESTIONS, STEPS, Question
from .recommendation import RESULT_SCHEMA, assess_document, assess_json, evaluate
from .scoring import score_answers
from .text import format_text
from .validation import SCHEMA, parse_document, validate_answers, validate_document

__all__ = [
    "CAIO_REPORTS_TO_CEO",
    "CAIO_REPORTS_TO_CTO",
    "CTO_ONLY",
    "METHODOLOGY_VERSION",
    "METHODS",
    "PANEL_RULE",
    "QUESTIONS",
    "QUESTION_BY_KEY",
    "RECOMMENDATIONS",
    "RESULT_SCHEMA",
    "SCHEMA",
    "STEPS",
    "Condition",
    "Criterion",
    "Definition",
    "FieldError",
    "MatrixRow",
    "Method",
    "Question",
    "Rule",
    "UnknownMethodVersion",
    "ValidationFailed",
    "all_matrices",
    "answer_words",
    "assess_document",
    "assess_json",
    "build_matrix",
    "evaluate",
    "format_text",
    "get_method",
    "parse_document",
    "review_panel",
    "score_answers",
    "validate_answers",
    "validate_document",
]
