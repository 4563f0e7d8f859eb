"""The charter editor: one server-side form, a grid of small fields, that works without JavaScript."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy

from assessments import languages
from assessments.charter import rules as charter_rules
from assessments.engine import render
from assessments.validators import NOTES_MAX_LENGTH, few_line_breaks, single_line

ROW_RULES_MESSAGE = gettext_lazy(
    "Some rows break a rule: each one says what to change. Nothing was saved yet."
)
NEW = "new"

# The largest charter the editor takes. One input per cell is what makes the editor work without JavaScript,
# so a charter this size posts far more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS allows any other page; the
# editor's view alone may post FORM_FIELDS_LIMIT (caio.middleware.FormFieldsLimitMiddleware).
MAX_ROLES = 12
MAX_ROWS = 40
MAX_FORUMS = 6
MSG_MAX_ROLES = gettext_lazy(
    "A charter has at most {count} roles. Remove one before adding another; nothing was saved yet."
)
MSG_MAX_ROWS = gettext_lazy(
    "A charter has at most {count} rows. Remove one before adding another; nothing was saved yet."
)
MSG_MAX_FORUMS = gettext_lazy(
    "A charter has at most {count} forums. Remove one before adding another; nothing was saved yet."
)


def fields_posted(*, roles: int, rows: int, forums: int) -> int:
    """How many fields the editor posts at most for a charter of this size (every box ticked)."""
    per_role = 3  # title, holder, remove
    per_forum = 6 + roles  # name, decides, how, tie-breaker, meets, remove, one per member ticked
    per_row = 4 + roles  # title, remove, shared, forum, one cell per role
    new_row = 3 + roles  # title, shared, forum and its cells
    others = 6  # csrfmiddlewaretoken, version, notes, new role's title and holder, new forum's name
    return roles * per_role + forums * per_forum + rows * per_row + new_row + others


FORM_FIELDS_LIMIT = fields_posted(roles=MAX_ROLES, rows=MAX_ROWS, forums=MAX_FORUMS)


class LettersField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=8, required=False, **kwargs)
        self.widget.attrs.update(
            {"size": 3, "autocomplete": "off", "class": "form-control form-control-sm raci-input"}
        )

    def to_python(self, value: Any) -> str:
        try:
            return charter_rules.letters(super().to_python(value) or "")
        except ValueError as exc:
            raise ValidationError(gettext(str(exc)), code="letters") from None


def _line(label: str, max_length: int, *, required: bool = True, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=max_length, required=required, validators=[single_line], **kwargs
    )


# The content remembers the last number given to a new role, row and forum ({"role": 2, ...}), and copies
# it into each new version: a key is never given twice, so a version compared with an older one reads a
# removed role and an added one as a removal and an addition, not as one renamed into the other.
LAST_KEYS = "last_keys"


class CharterForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    notes = forms.CharField(
        label=gettext_lazy("Notes for the leadership team"),
        required=False,
        max_length=NOTES_MAX_LENGTH,
        validators=[few_line_breaks],
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, content: dict[str, Any], **kwargs: Any) -> None:
        kwargs["initial"] = {"notes": content.get("notes", ""), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.content = content
        self.row_errors: dict[str, list[str]] = {}  # in the reader's language
        self.new_content: dict[str, Any] = {}
        self.last_keys: dict[str, int] = dict(content.get(LAST_KEYS, {}))
        self._add_role_fields()
        self._add_forum_fields()
        self._add_row_fields()

    def _next_key(self, prefix: str, taken: set[str]) -> str:
        number = self.last_keys.get(prefix, 0) + 1
        while f"{prefix}{number}" in taken:
            number += 1
        self.last_keys[prefix] = number
        return f"{prefix}{number}"

    # --- fields -----------------------------------------------------------------------------------

    def _add_role_fields(self) -> None:
        for role in self.content["roles"]:
            key = role["key"]
            title = role["title"]
            self.fields[f"role-{key}-title"] = _line(
                gettext("Title of the role {role}").format(role=title), 60, initial=title
            )
            self.fields[f"role-{key}-holder"] = _line(
                gettext("Who holds the role {role}").format(role=title),
                80,
                required=False,
                initial=role["holder"],
            )
            if role.get("own"):
                self.fields[f"role-{key}-remove"] = forms.BooleanField(
                    label=gettext("Remove the role {role}").format(role=title), required=False
                )
        self.fields["newrole-title"] = _line(
            gettext("Title of a new role (for example CISO)"), 60, required=False
        )
        self.fields["newrole-holder"] = _line(gettext("Who holds the new role"), 80, required=False)

    def _forum_choices(self) -> list[tuple[str, str]]:
        return [("", gettext("No forum"))] + [(f["id"], f["name"]) for f in self.content["forums"]]

    def _role_choices(self) -> list[tuple[str, str]]:
        return [(role["key"], charter_rules.role_label(role)) for role in self.content["roles"]]

    def _add_forum_fields(self) -> None:
        for forum in self.content["forums"]:
            prefix, name = f"forum-{forum['id']}", forum["name"]
            self.fields[f"{prefix}-name"] = _line(
                gettext("Name of the forum {forum}").format(forum=name), 100, initial=name
            )
            self.fields[f"{prefix}-members"] = forms.MultipleChoiceField(
                label=gettext("Members of {forum}").format(forum=name),
                choices=self._role_choices(),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=forum["members"],
            )
            self.fields[f"{prefix}-decides"] = _line(
                gettext("What {forum} decides").format(forum=name), 300, initial=forum["decides"]
            )
            self.fields[f"{prefix}-how"] = _line(
                gettext("How {forum} decides").format(forum=name), 300, initial=forum["how"]
            )
            self.fields[f"{prefix}-tie_breaker"] = forms.ChoiceField(
                label=gettext("Who breaks a tie in {forum}").format(forum=name),
                choices=[("", gettext("Nobody named yet"))] + self._role_choices(),
                required=False,
                initial=forum["tie_breaker"],
            )
            self.fields[f"{prefix}-meets"] = _line(
                gettext("How often {forum} meets").format(forum=name), 60, initial=forum["meets"]
            )
            self.fields[f"{prefix}-remove"] = forms.BooleanField(
                label=gettext("Remove the forum {forum}").format(forum=name), required=False
            )
        self.fields["newforum-name"] = _line(gettext("Name of a new forum"), 100, required=False)

    def _add_row_fields(self) -> None:
        for row in [*self.content["rows"], {"id": NEW, "title": "", "shared_governance": False, "raci": {}}]:
            rid, title = row["id"], row["title"] or gettext("the new row")
            if rid == NEW or row.get("own"):
                self.fields[f"row-{rid}-title"] = _line(
                    gettext("Title of a new responsibility row")
                    if rid == NEW
                    else gettext("Title of the row {row}").format(row=title),
                    200,
                    required=rid != NEW,
                    initial=row["title"],
                )
            if row.get("own"):
                self.fields[f"row-{rid}-remove"] = forms.BooleanField(
                    label=gettext("Remove the row {row}").format(row=title), required=False
                )
            self.fields[f"row-{rid}-shared"] = forms.BooleanField(
                label=gettext("Shared governance for {row}").format(row=title),
                required=False,
                initial=row["shared_governance"],
            )
            self.fields[f"row-{rid}-forum"] = forms.ChoiceField(
                label=gettext("Forum that governs {row}").format(row=title),
                choices=self._forum_choices(),
                required=False,
                initial=row.get("forum", ""),
            )
            for role in self.content["roles"]:
                self.fields[f"cell-{rid}-{role['key']}"] = LettersField(
                    label=gettext("Letters for {role} on {row}").format(
                        role=charter_rules.role_label(role), row=title
                    ),
                    initial=row["raci"].get(role["key"], ""),
                )

    # --- building the new content -----------------------------------------------------------------

    def _roles(self, data: dict[str, Any]) -> list[dict[str, Any]]:
        roles = []
        for role in self.content["roles"]:
            key = role["key"]
            if data.get(f"role-{key}-remove"):
                continue
            roles.append(
                {**role, "title": data[f"role-{key}-title"], "holder": data.get(f"role-{key}-holder", "")}
            )
        if data.get("newrole-title"):
            key = self._next_key("role", {r["key"] for r in self.content["roles"]})
            roles.append(
                {"key": key, "title": data["newrole-title"], "holder": data["newrole-holder"], "own": True}
            )
        return roles

    def _forums(self, data: dict[str, Any], keys: list[str]) -> list[dict[str, Any]]:
        forums = []
        for forum in self.content["forums"]:
            prefix = f"forum-{forum['id']}"
            if data.get(f"{prefix}-remove"):
                continue
            tie_breaker = data.get(f"{prefix}-tie_breaker", "")
            forums.append(
                {
                    "id": forum["id"],
                    "name": data[f"{prefix}-name"],
                    "members": [key for key in keys if key in data.get(f"{prefix}-members", [])],
                    "decides": data[f"{prefix}-decides"],
                    "how": data[f"{prefix}-how"],
                    "tie_breaker": tie_breaker if tie_breaker in keys else "",
                    "meets": data[f"{prefix}-meets"],
                }
            )
        if data.get("newforum-name"):
            forum_id = self._next_key("f", {f["id"] for f in self.content["forums"]})
            forums.append(
                {"id": forum_id, "name": data["newforum-name"], "members": [], "decides": "",
                 "how": gettext(charter_rules.DEFAULT_HOW), "tie_breaker": "", "meets": ""}
            )  # fmt: skip
        return forums

    def _row(
        self, row: dict[str, Any], data: dict[str, Any], roles: list[dict[str, Any]], *, typed_as: str = ""
    ) -> dict[str, Any]:
        rid = typed_as or row["id"]  # the fields of a row being added are named "new"
        return {
            **row,
            "title": data.get(f"row-{rid}-title") or row["title"],
            "shared_governance": bool(data.get(f"row-{rid}-shared")),
            "forum": data.get(f"row-{rid}-forum", ""),
            # A role added in this edit starts with no letters; the next edit gives it some.
            "raci": {role["key"]: data.get(f"cell-{rid}-{role['key']}", "") for role in roles},
        }

    def _rows(self, data: dict[str, Any], roles: list[dict[str, Any]]) -> list[dict[str, Any]]:
        rows = [
            self._row(row, data, roles)
            for row in self.content["rows"]
            if not data.get(f"row-{row['id']}-remove")
        ]
        if data.get(f"row-{NEW}-title"):
            rid = self._next_key("own", {row["id"] for row in self.content["rows"]})
            rows.append(
                self._row({"id": rid, "title": "", "area": "own", "own": True}, data, roles, typed_as=NEW)
                | {"new": True}
            )
        return rows

    def _too_big(self, roles: list[Any], rows: list[Any], forums: list[Any]) -> bool:
        """Errors next to the "new" fields where the charter would pass its maximum size."""
        for items, maximum, field, message in (
            (roles, MAX_ROLES, "newrole-title", MSG_MAX_ROLES),
            (rows, MAX_ROWS, f"row-{NEW}-title", MSG_MAX_ROWS),
            (forums, MAX_FORUMS, "newforum-name", MSG_MAX_FORUMS),
        ):
            if len(items) > maximum:
                self.add_error(field, str(message).format(count=maximum))
        return bool(self.errors)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        roles = self._roles(data)
        keys = [role["key"] for role in roles]  # in the roles' order, so members read as the matrix does
        forums = self._forums(data, keys)
        rows = self._rows(data, roles)
        if self._too_big(roles, rows, forums):
            return data
        # Errors of the row being added show on the form's "new row" line, where it was typed.
        where = {row["id"]: NEW if row.pop("new", False) else row["id"] for row in rows}
        content = {"roles": roles, "rows": rows, "forums": forums, "notes": data.get("notes", "")}
        if self.last_keys:
            content[LAST_KEYS] = self.last_keys
        wording = languages.wording()
        self.row_errors = {
            where[rid]: [render(problem, wording) for problem in problems]
            for rid, problems in charter_rules.problems(content).items()
        }
        if self.row_errors:
            raise ValidationError(ROW_RULES_MESSAGE, code="row_rules")
        self.new_content = content
        return data
