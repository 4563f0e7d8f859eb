"""A panel of raters: each question's answers side by side, and the disagreements that would change the advice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext

from assessments.engine import QUESTION_BY_KEY, Question, get_method
from assessments.presenters.answers import answer_text

SETTLED_AGREEMENTS = ("disagree", "close")  # the answers an editor may settle by hand

# Builds the form an editor settles a disagreement with (key, question, consolidated answer): the team's, passed in.
SettleForm = Callable[[str, Question, Any], Any]


def _alternative(key: str, alternative: dict[str, Any]) -> dict[str, Any]:
    # Panels stored before the labels were kept take them from the method; either way, in the reader's words.
    label = alternative.get("recommendation_label") or get_method().labels[alternative["recommendation"]]
    return {**alternative, "value": answer_text(key, alternative["value"]), "label": gettext(label)}


def panel_rows(
    panel: dict[str, Any] | None, *, settle_form: SettleForm | None = None, anonymous: bool = False
) -> list[dict[str, Any]]:
    """One row per question: each rater's answer, agreement, the consolidated answer and what it changes;
    with `settle_form`, a form on each row an editor may settle."""
    if not panel:
        return []

    names = {
        label: gettext("Rater {number}").format(number=n + 1) if anonymous else label
        for n, label in enumerate(panel["raters"])
    }
    rows = []
    for item in panel["questions"]:
        key, question = item["key"], QUESTION_BY_KEY[item["key"]]
        # Panels stored before 2026.12 have only "agree"; their numbers on one side of every line were "agree".
        agreement = item.get("agreement") or ("agree" if item["agree"] else "disagree")
        row = {
            "question": question,
            "answers": [
                {"label": names[a["label"]], "value": answer_text(key, a["value"])} for a in item["answers"]
            ],
            "agreement": agreement,
            "consolidated": answer_text(key, item["consolidated"]),
            "settled": item["settled"],
            "changes_recommendation": item["changes_recommendation"],
            "changes_in_combination": item.get("changes_in_combination", False),
            "alternatives": [_alternative(key, alt) for alt in item["alternatives"]],
        }
        if settle_form is not None and agreement in SETTLED_AGREEMENTS:
            row["form"] = settle_form(key, question, item["consolidated"])
        rows.append(row)
    return rows


def panel_combinations(panel: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The smallest combinations of the raters' other answers that would change a verdict, each a sentence."""
    if not panel:
        return []
    rows = []
    for combination in panel.get("combinations", []):
        changes = [
            {"question": gettext(QUESTION_BY_KEY[key].label), "value": answer_text(key, value)}
            for key, value in combination["changes"].items()
        ]
        rows.append({
            "changes": changes,
            "verdict": combination["verdict"],
            "label": gettext(combination["recommendation_label"]),
            "text": _combination_text(changes, combination["verdict"], gettext(combination["recommendation_label"])),
        })  # fmt: skip
    return rows


def _combination_text(changes: list[dict[str, str]], verdict: str, advice: str) -> str:
    """ "If “Q” were answered “V” and …, whether you need a dedicated CAIO would change: advice." """
    clauses = [gettext("“{question}” were answered “{value}”").format(**change) for change in changes]
    joined = clauses[0]
    for clause in clauses[1:]:
        joined = gettext("{first} and {second}").format(first=joined, second=clause)
    if verdict == "need":
        sentence = gettext("If {changes}, whether you need a dedicated CAIO would change: {advice}.")
    else:
        sentence = gettext("If {changes}, the reporting line would change: {advice}.")
    return sentence.format(changes=joined, advice=advice)
