"""CAIO Advisor decision engine: pure Python, no Django. Validate, decide, explain.

from assessments.engine import parse_document, assess_document, format_text
result = assess_document(parse_document(text))   # or assess_json(text)
format_text(localise(result, wording), wording)  # in another language (engine/i18n.py)

How a decision is made: `Method2027.decide` in assessments/engine/method_2027_01.py, with the method's data
and texts; clear or borderline, and the tipping points: decision.py and whatif.py. The versions: methods.py.
"""

from __future__ import annotations

from .errors import FieldError, ValidationFailed
from .i18n import Message, Wording, answer_label, answer_words, localise, localise_matrix, render, translate
from .marks import N_, NP_
from .matrix import all_matrices
from .method import CAIO_REPORTS_TO_CEO, CAIO_REPORTS_TO_CTO, CTO_ONLY, Method
from .methods import METHODOLOGY_VERSION, RETIRED_VERSIONS, get_method
from .panel import RULE as PANEL_RULE
from .panel import review_panel
from .questions import PAGES, QUESTION_BY_KEY, QUESTIONS, STEP_SLUGS, STEPS, Question
from .result import answers_that_disagree, assess_document, assess_json, evaluate
from .stored import SCORE_SCALE_2026_11, complete_result, is_legacy
from .text import format_text
from .validation import SCHEMA, load_json, parse_document, text_problem, validate_answers, validate_document

# What the app and the command line use; the engine's own tests import the rest from its modules.
__all__ = [
    # Questions and the method
    "PAGES", "QUESTIONS", "QUESTION_BY_KEY", "STEPS", "STEP_SLUGS", "Question",
    "METHODOLOGY_VERSION", "RETIRED_VERSIONS", "Method", "get_method",
    "CAIO_REPORTS_TO_CEO", "CAIO_REPORTS_TO_CTO", "CTO_ONLY", "PANEL_RULE",
    # Answers in, checked
    "SCHEMA", "FieldError", "ValidationFailed", "load_json", "parse_document", "text_problem",
    "validate_answers", "validate_document", "answers_that_disagree",
    # Results out
    "assess_document", "assess_json", "evaluate", "review_panel", "all_matrices", "format_text",
    # Stored results
    "SCORE_SCALE_2026_11", "complete_result", "is_legacy",
    # Words, in three languages
    "N_", "NP_", "Message", "Wording", "answer_label", "answer_words", "localise", "localise_matrix", "render",
    "translate",
]  # fmt: skip
