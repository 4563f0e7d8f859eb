"""The boundary charter's content: built from the advised matrix, checked, compared. Plain data, no Django.

A charter's content is one JSON document, so a version is a copy and two versions compare cell by cell:

    {"roles": [{"key", "title", "holder"}],
     "rows": [{"id", "title", "area", "shared_governance", "forum", "raci": {role key: letters}}],
     "forums": [{"id", "name", "members": [role keys], "decides", "how", "tie_breaker", "meets"}],
     "notes": ""}

The advice it started from is kept beside it as {"roles": [...], "raci": {row id: {role: letters}}}.
Every text a person reads is a whole sentence with named placeholders, marked for translation like the
engine's (N_): problems are Messages and changes are worded in the reader's language (engine/i18n.py).
The letters R, A, C and I are the same in every language (docs/glossary.md).
"""

from __future__ import annotations

import copy
from typing import Any

from assessments.engine.i18n import ENGLISH, N_, Message, Wording, count, message, translate
from assessments.presenters.charter_changes import FORUM_FIELDS, NO_FORUM, Change, describe_change

LETTERS = "ARCI"  # the order letters are shown in: "AR", as the advice writes it
DEFAULT_HOW = N_("By consensus of its members; when they cannot agree, the tie-breaker decides.")

MSG_NO_A = N_("Give this row exactly one A (accountable): it has none.")
MSG_MANY_A = N_("Give this row exactly one A (accountable): it has {count}.")
MSG_NO_R = N_("Give this row at least one R (responsible).")
MSG_NO_FORUM = N_("Name the forum that governs this shared row.")
MSG_LETTERS = N_("Use only the letters R, A, C and I, each at most once in a cell.")


def letters(value: str) -> str:
    """The letters of a cell in the usual order ("ra" -> "AR"); refuses anything else with ValueError."""
    cleaned = "".join(value.split()).upper()
    if any(ch not in LETTERS for ch in cleaned) or len(set(cleaned)) != len(cleaned):
        raise ValueError(MSG_LETTERS)  # the message id: the form words it in the reader's language
    return "".join(ch for ch in LETTERS if ch in cleaned)


ROW_TITLE_MAX = 200  # charter_forms: a row title is at most 200 characters
OBLIGATION_ROW = N_("{document}, {reference}: {asks}")  # a short document name ("AI Act")
MSG_UNOWNED = N_("“{row}”: no one is named as accountable. Name who holds the role with the A.")


def obligation_rows(
    obligations: list[dict[str, Any]], matrix: dict[str, Any], wording: Wording = ENGLISH
) -> list[dict[str, Any]]:
    """One row per obligation of a result (engine/obligations.py), pre-filled like the matrix rows: the letters
    of the matrix row it belongs to, or, where the text names who must act, that role accountable and
    responsible and the others informed. `obligations` are worded in the team's language already."""
    letters_of = {row["id"]: row["raci"] for row in matrix["rows"]}
    rows = []
    for item in obligations:
        if item["accountable_named_by_text"]:
            raci = {role: "AR" if role == item["accountable"] else "I" for role in matrix["roles"]}
        else:
            raci = dict(letters_of[item["row"]])
        title = translate(OBLIGATION_ROW, wording).format(
            document=item.get("document_short") or item["document"],
            reference=item["reference"],
            asks=item["asks"],
        )
        if len(title) > ROW_TITLE_MAX:  # the editor's limit: cut at a word, and say so
            title = title[: ROW_TITLE_MAX - 1].rsplit(" ", 1)[0] + "…"
        rows.append({"id": f"obligation-{item['id']}", "title": title, "area": "obligation",
                     "shared_governance": False, "forum": "", "raci": raci})  # fmt: skip
    return rows


def unowned_obligations(content: dict[str, Any]) -> list[str]:
    """The obligation rows left without an accountable person: no A, or an A whose role names no holder."""
    holders = {role["key"]: role["holder"] for role in content["roles"]}
    found = []
    for row in content["rows"]:
        if row.get("area") != "obligation":
            continue
        accountable = [key for key, cell in row["raci"].items() if "A" in cell]
        if not accountable or not all(holders.get(key) for key in accountable):
            found.append(row["title"])
    return found


def from_matrix(
    matrix: dict[str, Any],
    *,
    how: str = DEFAULT_HOW,
    obligations: list[dict[str, Any]] | None = None,
    wording: Wording = ENGLISH,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A charter's first content and the advice it records, from a result's `matrix` (worded in the language
    the team works in: the content is theirs from then on; `how` is DEFAULT_HOW in that language), with a row
    for each of the result's obligations."""
    roles = list(matrix["roles"])
    forum = matrix.get("forum")
    forums = []
    if forum:
        forums.append(
            {
                "id": "f1",
                "name": forum["name"],
                "members": [role for role in forum["members"] if role in roles],
                "decides": forum["decides"],
                "how": how,
                "tie_breaker": forum["tie_breaker"] if forum["tie_breaker"] in roles else "",
                "meets": forum["meets"],
            }
        )
    rows = [
        {
            "id": row["id"],
            "title": row["title"],
            "area": row["area"],
            "shared_governance": bool(row["shared_governance"]),
            "forum": "f1" if forums and row["shared_governance"] else "",
            "raci": {role: row["raci"].get(role, "") for role in roles},
        }
        for row in matrix["rows"]
    ] + obligation_rows(obligations or [], matrix, wording)
    content = {
        "roles": [{"key": role, "title": role, "holder": ""} for role in roles],
        "rows": rows,
        "forums": forums,
        "notes": "",
    }
    advice = {"roles": roles, "raci": {row["id"]: dict(row["raci"]) for row in rows}}
    return content, advice


def row_problems(row: dict[str, Any], forum_ids: set[str]) -> list[Message]:
    cells = list(row["raci"].values())
    problems = []
    a_count = sum(cell.count("A") for cell in cells)
    if a_count == 0:
        problems.append(message(MSG_NO_A))
    elif a_count > 1:
        problems.append(message(MSG_MANY_A, count=count(a_count)))
    if not any("R" in cell for cell in cells):
        problems.append(message(MSG_NO_R))
    if row["shared_governance"] and row.get("forum") not in forum_ids:
        problems.append(message(MSG_NO_FORUM))
    return problems


def problems(content: dict[str, Any]) -> dict[str, list[Message]]:
    """{row id: messages} for every row that breaks a rule; empty when the charter may be signed."""
    forum_ids = {forum["id"] for forum in content["forums"]}
    found = {row["id"]: row_problems(row, forum_ids) for row in content["rows"]}
    return {row_id: messages for row_id, messages in found.items() if messages}


def advised(advice: dict[str, Any], row_id: str, role: str) -> str | None:
    """The advised letters for a cell, "" where the advice gave the role none, None for the team's own rows."""
    row = advice["raci"].get(row_id)
    return None if row is None else row.get(role, "")


def deviations(content: dict[str, Any], advice: dict[str, Any]) -> dict[tuple[str, str], str]:
    """{(row id, role key): advised letters} for every cell that differs from the advice."""
    found = {}
    for row in content["rows"]:
        for role in content["roles"]:
            expected = advised(advice, row["id"], role["key"])
            if expected is not None and set(row["raci"].get(role["key"], "")) != set(expected):
                found[(row["id"], role["key"])] = expected
    return found


def role_label(role: dict[str, Any]) -> str:
    return f"{role['title']} — {role['holder']}" if role["holder"] else role["title"]


def _changes_in_roles(a: dict[str, Any], b: dict[str, Any]) -> list[Change]:
    old = {role["key"]: role for role in a["roles"]}
    new = {role["key"]: role for role in b["roles"]}
    found = [
        {"change": "role_removed", "role": role_label(role)} for key, role in old.items() if key not in new
    ]
    for key, role in new.items():
        if key not in old:
            found.append({"change": "role_added", "role": role_label(role)})
        elif role_label(role) != role_label(old[key]):
            found.append({"change": "role_renamed", "old": role_label(old[key]), "new": role_label(role)})
    return found


def _forum_name(content: dict[str, Any], forum_id: str) -> str:
    names = {forum["id"]: forum["name"] for forum in content["forums"]}
    return names.get(forum_id, NO_FORUM)


def _changes_in_rows(a: dict[str, Any], b: dict[str, Any]) -> list[Change]:
    old = {row["id"]: row for row in a["rows"]}
    new = {row["id"]: row for row in b["rows"]}
    labels = {role["key"]: role_label(role) for role in a["roles"] + b["roles"]}
    found = [{"change": "row_removed", "row": row["title"]} for rid, row in old.items() if rid not in new]
    for rid, row in new.items():
        before = old.get(rid)
        if before is None:
            found.append({"change": "row_added", "row": row["title"]})
            continue
        if before["title"] != row["title"]:
            found.append({"change": "row_renamed", "old": before["title"], "new": row["title"]})
        if before["shared_governance"] != row["shared_governance"]:
            found.append(
                {"change": "shared_on" if row["shared_governance"] else "shared_off", "row": row["title"]}
            )
        elif row["shared_governance"] and before.get("forum") != row.get("forum"):
            found.append(
                {"change": "row_forum", "row": row["title"], "forum": _forum_name(b, row.get("forum", ""))}
            )
        for key in dict.fromkeys([*before["raci"], *row["raci"]]):
            was, now = before["raci"].get(key, ""), row["raci"].get(key, "")
            if was != now:
                found.append(
                    {"change": "cell", "row": row["title"], "role": labels[key], "old": was, "new": now}
                )
    return found


def _forum_value(content: dict[str, Any], field: str, value: Any) -> str:
    labels = {role["key"]: role_label(role) for role in content["roles"]}
    if field == "members":
        return ", ".join(labels.get(key, key) for key in value)
    if field == "tie_breaker":
        return labels.get(value, value)
    return str(value)


def _changes_in_forums(a: dict[str, Any], b: dict[str, Any]) -> list[Change]:
    old = {forum["id"]: forum for forum in a["forums"]}
    new = {forum["id"]: forum for forum in b["forums"]}
    found = [{"change": "forum_removed", "forum": f["name"]} for fid, f in old.items() if fid not in new]
    for fid, forum in new.items():
        if fid not in old:
            found.append({"change": "forum_added", "forum": forum["name"]})
            continue
        for field in FORUM_FIELDS:
            was, now = _forum_value(a, field, old[fid][field]), _forum_value(b, field, forum[field])
            if was != now:
                found.append(
                    {
                        "change": "forum_changed",
                        "forum": forum["name"],
                        "field": field,
                        "old": was,
                        "new": now,
                    }
                )
    return found


def changes(a: dict[str, Any], b: dict[str, Any]) -> list[Change]:
    """What changed from content `a` to content `b`, one fact per change."""
    found = _changes_in_roles(a, b) + _changes_in_rows(a, b) + _changes_in_forums(a, b)
    if a.get("notes", "") != b.get("notes", ""):
        found.append({"change": "notes"})
    return found


def compare(a: dict[str, Any], b: dict[str, Any], wording: Wording = ENGLISH) -> list[str]:
    """What changed from content `a` to content `b`, one sentence per change, in `wording`'s language."""
    return [describe_change(change, wording) for change in changes(a, b)]


def drift(
    content: dict[str, Any],
    advice: dict[str, Any],
    matrix: dict[str, Any],
    obligations: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """Rows whose advice changed in a later result and whose agreed letters differ from the new advice."""
    _new_content, new_advice = from_matrix(matrix, obligations=obligations)
    found = []
    for row in content["rows"]:
        before, after = advice["raci"].get(row["id"]), new_advice["raci"].get(row["id"])
        if before is None or after is None or before == after:
            continue
        keys = {role["key"] for role in content["roles"]}
        labels = [(role_label(role), role["key"]) for role in content["roles"]]
        labels += [(key, key) for key in new_advice["roles"] if key not in keys]  # a role the charter lacks
        cells = [
            {"role": label, "agreed": row["raci"].get(key, ""), "advised": after.get(key, "")}
            for label, key in labels
            if set(row["raci"].get(key, "")) != set(after.get(key, ""))
        ]
        if cells:
            found.append({"id": row["id"], "title": row["title"], "cells": cells})
    return found


def copy_content(content: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(content)
