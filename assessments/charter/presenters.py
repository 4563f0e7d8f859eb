"""What the charter pages, the shared page, the PDF and the exports show: plain dicts of text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext, ngettext

from assessments import languages, people
from assessments.charter import rules as charter_rules
from assessments.charter.forms import NEW, CharterForm
from assessments.engine import render
from assessments.models import Assessment, Charter, CharterSignature, Membership, Organisation


def latest_agreed(organisation: Organisation) -> Charter | None:
    """The organisation's latest agreed charter: one query, and none while no charter has been agreed."""
    if not organisation.charter_digest:
        return None
    return organisation.charters.agreed().order_by("-number").first()


def obligations_with_charter_roles(result: dict[str, Any], charter: Charter) -> dict[str, Any]:
    """The result with each obligation naming the agreed charter's own accountable role (results page, PDF).

    Only where the charter's row for the obligation has exactly one A among its roles; the stored result is
    not changed."""
    if not (result.get("obligations") or {}).get("items"):
        return result
    roles = {role["key"]: charter_rules.role_label(role) for role in charter.content["roles"]}
    held = {
        row["id"]: [roles[key] for key, cell in row["raci"].items() if "A" in cell and key in roles]
        for row in charter.content["rows"]
    }
    items = []
    for item in result["obligations"]["items"]:
        accountable = held.get(f"obligation-{item['id']}", [])
        items.append({**item, "charter_role": accountable[0]} if len(accountable) == 1 else item)
    return {**result, "obligations": {**result["obligations"], "items": items}}


def agreed_charter_roles(organisation: Organisation) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """For the results page's rendering: the result with the latest agreed charter's roles, looked up only
    when the page is rendered and a charter is agreed."""

    def adjust(result: dict[str, Any]) -> dict[str, Any]:
        charter = latest_agreed(organisation)
        return result if charter is None else obligations_with_charter_roles(result, charter)

    return adjust


def deviation_summary(count: int) -> str:
    if count == 0:
        return gettext("Every cell follows the advice.")
    return ngettext(
        "{count} cell differs from the advice; it is marked below with the advised letters.",
        "{count} cells differ from the advice; each is marked below with the advised letters.",
        count,
    ).format(count=count)


def _advice_text(letters: str) -> str:
    if letters:
        return gettext("The advice was {letters}.").format(letters=letters)
    return gettext("The advice gave this role no letter here.")


def matrix_view(content: dict[str, Any], advice: dict[str, Any]) -> dict[str, Any]:
    """The charter as a read-only table: every cell with its deviation from the advice, every row's problems."""
    found = charter_rules.deviations(content, advice)
    wording = languages.wording()
    problems = {
        row_id: [render(problem, wording) for problem in messages]
        for row_id, messages in charter_rules.problems(content).items()
    }
    forum_names = {forum["id"]: forum["name"] for forum in content["forums"]}
    labels = {role["key"]: charter_rules.role_label(role) for role in content["roles"]}
    rows = [
        {
            "id": row["id"],
            "title": row["title"],
            "area": row["area"],
            "own": row["id"] not in advice["raci"],
            "shared": row["shared_governance"],
            "forum": forum_names.get(row.get("forum", ""), "") if row["shared_governance"] else "",
            "cells": [
                {
                    "role": labels[role["key"]],
                    "letters": row["raci"].get(role["key"], ""),
                    "advised": _advice_text(found[(row["id"], role["key"])])
                    if (row["id"], role["key"]) in found
                    else "",
                }
                for role in content["roles"]
            ],
            "problems": problems.get(row["id"], []),
        }
        for row in content["rows"]
    ]
    forums = [
        {
            **forum,
            "members": [labels[key] for key in forum["members"] if key in labels],
            "tie_breaker": labels.get(forum["tie_breaker"], ""),
            "rows": [row["title"] for row in content["rows"] if row.get("forum") == forum["id"]],
        }
        for forum in content["forums"]
    ]
    return {
        "roles": list(labels.values()),
        "rows": rows,
        "forums": forums,
        "notes": content.get("notes", ""),
        "deviation_count": len(found),
        "deviation_summary": deviation_summary(len(found)),
        "problem_count": len(problems),
        # Obligations (laws and frameworks) whose accountable role names no one yet.
        "unowned": [
            gettext(charter_rules.MSG_UNOWNED).format(row=title)
            for title in charter_rules.unowned_obligations(content)
        ],
    }


def editor_grid(form: CharterForm, advice: dict[str, Any]) -> list[dict[str, Any]]:
    """The editor's rows: each cell's field, marked when what is typed differs from the advice."""
    rows = []
    for row in [*form.content["rows"], {"id": NEW, "title": ""}]:
        rid = row["id"]
        cells = []
        for role in form.content["roles"]:
            field = form[f"cell-{rid}-{role['key']}"]
            expected = charter_rules.advised(advice, rid, role["key"])
            typed = "".join(str(field.value() or "").split()).upper()
            deviates = expected is not None and set(typed) != set(expected)
            cells.append({"field": field, "advised": _advice_text(expected or "") if deviates else ""})
        fields = {f"{name}_field": form[f"row-{rid}-{name}"] for name in ("title", "remove", "shared", "forum")
                  if f"row-{rid}-{name}" in form.fields}  # fmt: skip
        rows.append(
            {
                "id": rid,
                "title": row["title"],
                "cells": cells,
                "problems": form.row_errors.get(rid, []),
                **fields,
            }
        )
    return rows


def signing_state(
    charter: Charter, signatures: list[CharterSignature], signatories: list[Membership], user: Any
) -> dict[str, Any]:
    signed = {s.user_id for s in signatures}
    awaiting = [people.display_name(m.user) for m in signatories if m.user_id not in signed]
    return {
        "signatures": signatures,
        "awaiting": awaiting,
        "has_signed": user.pk in signed,
        "may_sign": not charter.is_agreed
        and user.pk not in signed
        and any(m.user_id == user.pk for m in signatories),
    }


def drift(charter: Charter, latest: Assessment | None) -> list[dict[str, Any]]:
    """Agreed rows that differ from a later assessment's advice (empty when nothing newer changed it)."""
    if latest is None or latest.pk == charter.source_assessment_id or "matrix" not in (latest.result or {}):
        return []
    result: dict[str, Any] = latest.result  # type: ignore[assignment]
    obligations = (result.get("obligations") or {}).get("items", [])
    return charter_rules.drift(charter.content, charter.advice, result["matrix"], obligations)


def saved_message(count: int) -> str:
    if count == 0:
        return gettext("Saved. Nothing had changed.")
    return ngettext(
        "Saved {count} change. Signatures given before it were cleared, since the text changed.",
        "Saved {count} changes. Signatures given before them were cleared, since the text changed.",
        count,
    ).format(count=count)


def signed_message(agreed: bool) -> str:
    if agreed:
        return gettext(
            "You signed, and so has every owner and editor: the charter is agreed and now read-only."
        )
    return gettext("You signed the charter. It is agreed once every owner and editor has signed.")


def editor_sections(form: CharterForm) -> dict[str, Any]:
    """The editor's role and forum fields, grouped per role and per forum for the template."""
    roles = [
        {
            name: form[f"role-{role['key']}-{name}"]
            for name in ("title", "holder", "remove")
            if f"role-{role['key']}-{name}" in form.fields
        }  # fmt: skip
        for role in form.content["roles"]
    ]
    forum_fields = ("name", "members", "decides", "how", "tie_breaker", "meets", "remove")
    forums = [
        {"name_text": forum["name"], **{name: form[f"forum-{forum['id']}-{name}"] for name in forum_fields}}
        for forum in form.content["forums"]
    ]
    labels = [charter_rules.role_label(role) for role in form.content["roles"]]
    return {
        "role_fields": roles,
        "new_role": {"title": form["newrole-title"], "holder": form["newrole-holder"]},
        "forum_fields": forums,
        "new_forum": form["newforum-name"],
        "role_labels": labels,
    }
