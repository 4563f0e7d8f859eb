from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext_lazy

from assessments import languages, people
from assessments.engine import NP_, QUESTIONS, FieldError, ValidationFailed, validate_answers
from assessments.engine.numbers import format_count, format_money
from assessments.engine.questions import ALL_QUESTIONS, CONTEXT_KEYS
from assessments.models import Assessment, Organisation, PaperSize, Role
from assessments.questionnaire.amounts import Unreadable, money_words, parse_count, parse_money
from assessments.validators import single_line

_YES_NO = [("true", pgettext_lazy("answer", "Yes")), ("false", pgettext_lazy("answer", "No"))]
# What a person can mean in one answer box; longer text is refused, and never kept as "typed so far".
PENDING_MAX_LENGTH = 100


def too_long_message() -> str:
    return gettext("That is too long for this answer: use at most {count} characters.").format(
        count=PENDING_MAX_LENGTH
    )


MONEY_HELP = gettext_lazy(
    "In US dollars: write it as you would say it, like 2,500,000, $2.5M or 750k. "
    "Other currencies are not converted: enter the dollar figure."
)
# What an answer box holds, read back in words next to it ("= 1,200 people"), singular and plural.
COUNT_ECHO = {
    "employees": NP_("= %(count)s person", "= %(count)s people"),
    "ai_headcount": NP_("= %(count)s person", "= %(count)s people"),
    "ai_use_cases": NP_("= %(count)s use case", "= %(count)s use cases"),
}


def _number(value: Any) -> str:
    return format_count(value, locale=languages.active())


def answer_message(question: Any, error: FieldError, answers: dict[str, Any]) -> str:
    """The engine's message for one answer ("must be a number of 0 or more, got -5") in plain words,
    in the reader's language."""
    message = error.message  # English: the engine's own words, matched here, never shown as they are
    if question is not None and question.minimum is not None:
        if "or more, got" in message:
            return gettext("Enter {minimum} or more.").format(minimum=_number(question.minimum))
        if "of at most" in message or "too long a number" in message:
            return gettext("Enter {maximum} or less.").format(maximum=_number(question.maximum))
        if message.startswith("must be a whole number"):
            return gettext("Enter a whole number, like 250.")
        if message.startswith(("must be a number", "must be a finite number")):
            return gettext("Enter a number, like 250.")
    if message.startswith("cannot be more than the number of employees"):
        return gettext(
            "This cannot be more than the number of employees ({employees}). Check both answers."
        ).format(employees=_number(answers.get("employees", 0)))
    return sentence(error)


def sentence(error: FieldError) -> str:
    """An engine error ("must be true or false, got 3") as a sentence of its own, in the reader's language."""
    words = languages.error_text(error)
    return gettext("{problem}.").format(problem=words[:1].upper() + words[1:])


def echo_text(question: Any, value: Any) -> str:
    """What the page shows next to a number box once it is read: "= $5,000,000 a year"."""
    if question.kind == "number":
        return gettext("= {amount}").format(
            amount=money_words(value, locale=languages.active(), gettext=gettext)
        )
    singular, plural = COUNT_ECHO.get(question.key, ("= %(count)s", "= %(count)s"))
    return ngettext(singular, plural, value) % {"count": _number(value)}


def read_answer(question: Any, text: str) -> tuple[Any, str]:
    """One number box read on its own, for the echo next to it: (value, "") or (None, the message)."""
    field = _field_for(question)
    try:
        value = field.clean(text)
    except forms.ValidationError as exc:
        return None, " ".join(exc.messages)
    try:
        validate_answers({question.key: _to_canonical(value)})
    except ValidationFailed as exc:
        mine = [e for e in exc.errors if e.field == question.key]
        if mine:
            return None, answer_message(question, mine[0], {})
    return value, ""


class VersionedForm(forms.Form):
    """Carries the version a form was loaded with, so a save from a stale tab is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class OrganisationForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    class Meta:
        model = Organisation
        fields = ["name", "sector", "headcount", "region", "notes", "paper_size"]
        labels = {
            "name": gettext_lazy("Name"),
            "sector": gettext_lazy("Sector"),
            "headcount": gettext_lazy("Employees"),
            "region": gettext_lazy("Region"),
            "notes": gettext_lazy("Notes"),
        }
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "sector": gettext_lazy("For example: logistics, retail banking, healthcare software."),
            "region": gettext_lazy(
                "Where most of the organisation operates; AI regulation differs by region."
            ),
            "notes": gettext_lazy("Anything the board should know. Shown on the results and in the PDF."),
        }

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(gettext("Give the organisation a name."))
        return name

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["paper_size"].required = False
        # The same kind of box as the questionnaire's employees question: "1,200" or "1 200" as people write it.
        self.fields["headcount"] = _ReadField(reader=parse_count, required=False, label=gettext("Employees"))
        if self.instance.headcount is not None and not self.is_bound:
            self.initial["headcount"] = format_count(self.instance.headcount, locale=languages.active())

    def clean_paper_size(self) -> str:
        # Optional in the form (older clients and scripts do not send it): keep the stored size, else A4.
        return self.cleaned_data.get("paper_size") or self.instance.paper_size or PaperSize.A4


class _ReadField(forms.Field):
    """A text box read by `amounts` (what people write: "$5M", "1,200"), the reader's language's way
    ("5.000.000" in German, "5 000 000" in French); unreadable text is refused.

    `inputmode="text"`: "decimal" and "numeric" open a digits-only keyboard on phones, on which "$5M" or "750k"
    (what the help suggests) cannot be typed."""

    def __init__(self, *, reader: Callable[..., Any], **kwargs: Any) -> None:
        self.reader = reader
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "text", "autocomplete": "off", "spellcheck": "false"}),
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        if len(text) > PENDING_MAX_LENGTH:
            raise forms.ValidationError(too_long_message(), code="too_long")
        try:
            return self.reader(text, locale=languages.active())
        except Unreadable as exc:
            raise forms.ValidationError(gettext(exc.message), code="invalid") from None


def _field_for(question: Any) -> forms.Field:
    # Built for each form, so the words are the reader's language (the engine's texts are marked N_).
    common: dict[str, Any] = {
        "label": gettext(question.label),
        "help_text": gettext(question.help),
        "required": True,
    }
    needed = {"required": gettext("This answer is needed.")}
    if question.kind == "whole":
        return _ReadField(reader=parse_count, error_messages=needed, **common)
    if question.kind == "number":
        # Two sentences of their own: the question's help, then how to write the amount.
        help_text = f"{common['help_text']} {MONEY_HELP}"
        return _ReadField(
            reader=parse_money,
            error_messages=needed,
            **{**common, "help_text": help_text},
        )
    if question.key in CONTEXT_KEYS:  # laws and frameworks: optional, left blank means "not stated"
        common["required"] = False
    if question.kind == "choices":
        return forms.MultipleChoiceField(
            choices=[(value, gettext(label)) for value, label in question.choices],
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": gettext("Choose among the options shown.")},
            **common,
        )
    if question.kind == "choice":
        return forms.ChoiceField(
            choices=[(value, gettext(label)) for value, label in question.choices],
            widget=forms.RadioSelect,
            error_messages={
                "required": gettext("Choose one option."),
                "invalid_choice": gettext("Choose one of the options shown."),
            },
            **common,
        )
    yes_or_no = gettext("Answer yes or no.")
    return forms.TypedChoiceField(
        choices=_YES_NO,
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
        error_messages={"required": yes_or_no, "invalid_choice": yes_or_no},
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
        self.questions = [q for q in ALL_QUESTIONS if q.step == step]
        # After a save from a stale tab: the answers saved elsewhere, in words, where they differ.
        self.conflicts: dict[str, str] = {}
        # Each box's text as the page loaded it (posted back as was-<key>), to tell an answer changed
        # elsewhere from one changed here; None: the posted texts, or the initial ones.
        self.loaded: dict[str, str] | None = None
        for question in self.questions:
            self.fields[question.key] = _field_for(question)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for question in self.questions:
            too_long = len(str(self.data.get(question.key, ""))) > PENDING_MAX_LENGTH
            if too_long and question.key not in self.errors:
                self.add_error(question.key, too_long_message())
        # An optional question left blank is not stated: no value, rather than an empty one.
        step_values = {
            q.key: _to_canonical(cleaned[q.key])
            for q in self.questions
            if q.key in cleaned and cleaned[q.key] not in ("", [], None)
        }
        try:
            validate_answers({**self.known_answers, **step_values})
        except ValidationFailed as exc:
            for error in exc.errors:
                # Errors about other steps' answers (e.g. not yet given) belong to those steps.
                if error.field in step_values:
                    question = next(q for q in self.questions if q.key == error.field)
                    merged = {**self.known_answers, **step_values}
                    self.add_error(error.field, answer_message(question, error, merged))
        for key, value in step_values.items():
            if key not in self.errors:
                cleaned[key] = value
        return cleaned

    def loaded_texts(self) -> list[tuple[str, str]]:
        """(key, text) of each box as this page loaded it, for hidden was-<key> fields."""
        if self.loaded is not None:
            return list(self.loaded.items())
        if self.is_bound:
            return [(q.key, str(self.data.get(f"was-{q.key}", ""))) for q in self.questions]
        return [(q.key, str(self.initial.get(q.key, "") or "")) for q in self.questions]

    def question_fields(self) -> list[tuple[Any, Any, str, str]]:
        """Each field with its question, the echo of a number box, and the value saved elsewhere if it differs."""
        return [(self[q.key], q, self._echo(q), self.conflicts.get(q.key, "")) for q in self.questions]

    def _echo(self, question: Any) -> str:
        if question.kind not in {"whole", "number"}:
            return ""
        raw = self.data.get(question.key) if self.is_bound else self.initial.get(question.key)
        if raw in (None, ""):
            return ""
        value, problem = read_answer(question, str(raw))
        return "" if problem else echo_text(question, _to_canonical(value))

    def valid_answers(self) -> dict[str, Any]:
        """The answers on this step that passed validation (all of them when the form is valid)."""
        cleaned = getattr(self, "cleaned_data", {})
        return {
            q.key: cleaned[q.key]
            for q in self.questions
            if q.key in cleaned and q.key not in self.errors and cleaned[q.key] not in ("", [], None)
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
    for question in ALL_QUESTIONS:
        if question.step != step:
            continue
        if question.key in pending:
            initial[question.key] = pending[question.key]
        elif question.key in answers:
            initial[question.key] = _box_text(question, answers[question.key])
        elif question.default is not None:  # a question added later: what answers saved before it mean
            initial[question.key] = _box_text(question, question.default)
    return initial


def _box_text(question: Any, value: Any) -> Any:
    """A saved answer as its box shows it: amounts and counts written the reader's way ("$4,200,000",
    "4 200 000 $US"), which the same parser reads back."""
    if question.kind == "bool":
        return "true" if value else "false"
    if question.kind == "number":
        return format_money(value, locale=languages.active())
    if question.kind == "whole":
        return format_count(value, locale=languages.active())
    return value


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Assessment file (JSON)"),
        help_text=gettext_lazy(
            "A caio-assessment document, or a file exported from CAIO Advisor. At most 256 KB."
        ),
    )

    max_bytes = 256 * 1024

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes:
            raise forms.ValidationError(
                gettext("That file is larger than 256 KB; an assessment file is a few KB.")
            )
        data: bytes = upload.read()
        return data


class AssessmentNameForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["name"]
        labels = {"name": gettext_lazy("Name")}
        help_texts = {
            "name": gettext_lazy(
                "A few words the team will recognise, like “After the Q3 reorg”. Leave it empty for none."
            )
        }

    def clean_name(self) -> str:
        return str(self.cleaned_data["name"]).strip()


class InviteForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address"), max_length=254, validators=[single_line])
    role = forms.ChoiceField(
        label=gettext_lazy("Role"), choices=Role.choices, initial=Role.EDITOR, widget=forms.RadioSelect
    )


class RoleForm(VersionedForm):
    role = forms.ChoiceField(choices=Role.choices)


class RaterForm(forms.Form):
    rater: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, label=gettext_lazy("Member"), empty_label=None
    )
    label = forms.CharField(
        max_length=60,
        label=gettext_lazy("Their role on the panel"),
        help_text=gettext_lazy("For example CEO, CTO or Head of Legal."),
        validators=[single_line],
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rater"].queryset = members  # type: ignore[attr-defined]
        self.fields["rater"].label_from_instance = lambda user: people.display_name(user)  # type: ignore[attr-defined]


class ShareForm(forms.Form):
    days = forms.IntegerField(
        label=gettext_lazy("Link works for (days)"),
        min_value=1,
        max_value=90,
        initial=30,
        help_text=gettext_lazy("From 1 to 90 days."),
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
                            self.add_error("value", answer_message(question, error, {}))
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
                    self.add_error(error.field, sentence(error))
        return cleaned
