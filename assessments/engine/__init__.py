"""CAIO Advisor decision engine: pure Python, no Django. Validate, decide, explain.

from assessments.engine import parse_document, assess_document, format_text
result = assess_document(parse_document(text))   # or assess_json(text)
format_text(localise(result, wording), wording)  # in another language (engine/i18n.py)

How a decision is made: `Method2027.decide` in assessments/engine/method_2027_01.py, with the method's data
and texts; clear or borderline, and the tipping points: decision.py and whatif.py. The versions: methods.py.
"""

from __future__ import annotations

from .errors import FieldError, UnknownMethodVersion, ValidationFailed
from .formatting import FORMATTERS, answer_label, answer_words
from .i18n import ENGLISH, Message, Wording, localise, localise_matrix, render, translate
from .marks import N_, NP_, Q_, Plural
from .matrix import all_matrices, build_matrix
from .method import (
    CAIO_REPORTS_TO_CEO,
    CAIO_REPORTS_TO_CTO,
    CTO_ONLY,
    RECOMMENDATIONS,
    Advice,
    AnswerChange,
    Band,
    Condition,
    Criterion,
    Decision,
    MatrixRow,
    Method,
    Post,
    Rule,
    Structure,
)
from .methods import METHODOLOGY_VERSION, METHODS, RETIRED_VERSIONS, get_method, stored_method
from .panel import RULE as PANEL_RULE
from .panel import recommend, review_panel
from .questions import CHOICE_WORDS, DEFAULTS, PAGES, QUESTION_BY_KEY, QUESTIONS, STEP_SLUGS, STEPS, Question
from .result import (
    RESULT_SCHEMA,
    answers_that_disagree,
    assess_document,
    assess_json,
    evaluate,
    evaluate_valid,
)
from .stored import LEGACY_RESULT_SCHEMA, SCORE_SCALE_2026_11, complete_result, is_legacy
from .text import METHOD_MARK, format_text
from .validation import (
    MAX_DOCUMENT_BYTES,
    SCHEMA,
    SCHEMAS,
    load_json,
    parse_document,
    text_problem,
    validate_answers,
    validate_document,
)

__all__ = [
    "CAIO_REPORTS_TO_CEO",
    "CHOICE_WORDS",
    "DEFAULTS",
    "ENGLISH",
    "N_",
    "NP_",
    "Q_",
    "AnswerChange",
    "Message",
    "Plural",
    "Wording",
    "localise",
    "localise_matrix",
    "render",
    "translate",
    "CAIO_REPORTS_TO_CTO",
    "CTO_ONLY",
    "FORMATTERS",
    "LEGACY_RESULT_SCHEMA",
    "MAX_DOCUMENT_BYTES",
    "METHODOLOGY_VERSION",
    "METHODS",
    "METHOD_MARK",
    "PANEL_RULE",
    "PAGES",
    "QUESTIONS",
    "QUESTION_BY_KEY",
    "RECOMMENDATIONS",
    "RESULT_SCHEMA",
    "RETIRED_VERSIONS",
    "SCHEMA",
    "SCHEMAS",
    "SCORE_SCALE_2026_11",
    "STEPS",
    "STEP_SLUGS",
    "Advice",
    "Band",
    "Condition",
    "Criterion",
    "Decision",
    "FieldError",
    "MatrixRow",
    "Method",
    "Post",
    "Question",
    "Rule",
    "Structure",
    "UnknownMethodVersion",
    "ValidationFailed",
    "all_matrices",
    "answers_that_disagree",
    "answer_label",
    "answer_words",
    "assess_document",
    "assess_json",
    "build_matrix",
    "complete_result",
    "evaluate",
    "evaluate_valid",
    "format_text",
    "get_method",
    "is_legacy",
    "load_json",
    "parse_document",
    "recommend",
    "review_panel",
    "stored_method",
    "text_problem",
    "validate_answers",
    "validate_document",
]
