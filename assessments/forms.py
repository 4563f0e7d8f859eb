from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from assessments.engine import QUESTIONS, ValidationFailed, validate_answers
from assessments.models import Organisation, PaperSize, Role
from assessments.validators import single_line

_YES_NO = [("true", "Yes"), ("false", "No")]
# What a person can mean in one answer box; longer text is refused, and never kept as "typed so far".
PENDING_MAX_LENGTH = 100
TOO_LONG_MESSAGE = f"That is too long for this answer: use at most {PENDING_MAX_LENGTH} characters."


class VersionedForm(forms.Form):
    """Carries the version a form was loaded with, so a save from a stale tab is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class OrganisationForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    class Meta:
        model = Organisation
        fields = ["name", "sector", "headcount", "region", "notes", "paper_size"]
        labels = {"headcount": "Employees"}
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "sector": "For example: logistics, retail banking, healthcare software.",
            "region": "Where most of the organisation operates; AI regulation differs by region.",
            "notes": "Anything the board should know. Shown on the results and in the PDF.",
        }

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Give the organisation a name.")
        return name

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["paper_size"].required = False

    def clean_paper_size(self) -> str:
        # Optional in the form (older clients and scripts do not send it): keep the stored size, else A4.
        return self.cleaned_data.get("paper_size") or self.instance.paper_size or PaperSize.A4


def _field_for(question: Any) -> forms.Field:
    common: dict[str, Any] = {"label": question.label, "help_text": question.help, "required": True}
    if question.kind == "whole":
        return forms.IntegerField(
            widget=forms.NumberInput(
                attrs={"min": question.minimum, "max": question.maximum, "step": 1, "inputmode": "numeric"}
            ),
            error_messages={
                "invalid": "Enter a whole number, like 250.",
                "required": "This answer is needed.",
            },
            **common,
        )
    if question.kind == "number":
        return forms.DecimalField(
            max_digits=18,
            decimal_places=2,
            widget=forms.NumberInput(attrs={"min": question.minimum, "max": question.maximum, "step": "any"}),
            error_messages={
                "invalid": "Enter an amount in US dollars, digits only, like 2500000.",
                "required": "This answer is needed.",
                "max_decimal_places": "Use at most two decimal places (cents).",
                "max_digits": "That amount is larger than the method accepts.",
                "max_whole_digits": "That amount is larger than the method accepts.",
            },
            **common,
        )
    if question.kind == "choice":
        return forms.ChoiceField(
            choices=list(question.choices),
            widget=forms.RadioSelect,
            error_messages={
                "required": "Choose one option.",
                "invalid_choice": "Choose one of the options shown.",
            },
            **common,
        )
    return forms.TypedChoiceField(
        choices=_YES_NO,
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
        error_messages={"required": "Answer yes or no.", "invalid_choice": "Answer yes or no."},
        **common,
    )


def _to_canonical(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


class AnswerStepForm(VersionedForm):
    """One questionnaire step; field types come from the engine's questions, the rules from its validator."""

    def __init__(self, *args: Any, step: str, known_answers: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.step = step
        self.known_answers = known_answers
        self.questions = [q for q in QUESTIONS if q.step == step]
        for question in self.questions:
            self.fields[question.key] = _field_for(question)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for question in self.questions:
            if len(str(self.data.get(question.key, ""))) > PENDING_MAX_LENGTH:
                self.add_error(question.key, TOO_LONG_MESSAGE)
        step_values = {q.key: _to_canonical(cleaned[q.key]) for q in self.questions if q.key in cleaned}
        try:
            validate_answers({**self.known_answers, **step_values})
        except ValidationFailed as exc:
            for error in exc.errors:
                # Errors about other steps' answers (e.g. not yet given) belong to those steps.
                if error.field in step_values:
                    self.add_error(error.field, error.message[:1].upper() + error.message[1:] + ".")
        for key, value in step_values.items():
            if key not in self.errors:
                cleaned[key] = value
        return cleaned

    def question_fields(self) -> list[tuple[Any, Any]]:
        return [(self[q.key], q) for q in self.questions]

    def valid_answers(self) -> dict[str, Any]:
        """The answers on this step that passed validation (all of them when the form is valid)."""
        cleaned = getattr(self, "cleaned_data", {})
        return {
            q.key: cleaned[q.key] for q in self.questions if q.key in cleaned and q.key not in self.errors
        }

    def pending_values(self) -> dict[str, str]:
        """The raw text of fields that did not validate, to keep them for the next visit."""
        # NUL is never typed on purpose, and PostgreSQL's jsonb cannot hold it.
        typed = {
            key: str(self.data.get(key, "")).replace("\x00", "").strip()[:PENDING_MAX_LENGTH]
            for key in self.errors
            if key in self.fields
        }
        return {key: value for key, value in typed.items() if value and key != "version"}


def initial_for_step(step: str, answers: dict[str, Any], pending: dict[str, str]) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for question in QUESTIONS:
        if question.step != step:
            continue
        if question.key in pending:
            initial[question.key] = pending[question.key]
        elif question.key in answers:
            value = answers[question.key]
            initial[question.key] = ("true" if value else "false") if question.kind == "bool" else value
    return initial


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Assessment file (JSON)",
        help_text="A caio-assessment document, or a file exported from CAIO Advisor. At most 256 KB.",
    )

    max_bytes = 256 * 1024

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes:
            raise forms.ValidationError("That file is larger than 256 KB; an assessment file is a few KB.")
        data: bytes = upload.read()
        return data


class CompareForm(forms.Form):
    a = forms.IntegerField(label="Earlier assessment", widget=forms.Select)
    b = forms.IntegerField(label="Later assessment", widget=forms.Select)


class InviteForm(forms.Form):
    email = forms.EmailField(label="Email address", max_length=254, validators=[single_line])
    role = forms.ChoiceField(choices=Role.choices, initial=Role.EDITOR, widget=forms.RadioSelect)


class RoleForm(VersionedForm):
    role = forms.ChoiceField(choices=Role.choices)


class RaterForm(forms.Form):
    rater: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, label="Member", empty_label=None
    )
    label = forms.CharField(
        max_length=60,
        label="Their role on the panel",
        help_text="For example CEO, CTO or Head of Legal.",
        validators=[single_line],
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rater"].queryset = members  # type: ignore[attr-defined]
        self.fields["rater"].label_from_instance = lambda user: user.get_username()  # type: ignore[attr-defined]


class ShareForm(forms.Form):
    days = forms.IntegerField(
        label="Link works for (days)", min_value=1, max_value=90, initial=30, help_text="From 1 to 90 days."
    )


def settle_form_class(question: Any) -> type[VersionedForm]:
    """A one-field form to settle one question, with the questionnaire's own field and rules."""

    class SettleForm(VersionedForm):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.fields["value"] = _field_for(question)

        def clean(self) -> dict[str, Any]:
            cleaned = super().clean() or {}
            if "value" in cleaned:
                value = _to_canonical(cleaned["value"])
                try:
                    validate_answers({question.key: value})
                except ValidationFailed as exc:
                    for error in exc.errors:
                        if error.field == question.key:
                            self.add_error("value", error.message[:1].upper() + error.message[1:] + ".")
                cleaned["value"] = value
            return cleaned

    return SettleForm


class ScenarioForm(forms.Form):
    """Every answer at once, for the scenario explorer: the same fields and validator as the questionnaire."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.key] = _field_for(question)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        answers = {q.key: _to_canonical(cleaned[q.key]) for q in QUESTIONS if q.key in cleaned}
        if len(answers) == len(QUESTIONS):
            try:
                cleaned["answers"] = validate_answers(answers)
            except ValidationFailed as exc:
                for error in exc.errors:
                    self.add_error(error.field, error.message[:1].upper() + error.message[1:] + ".")
        return cleaned
