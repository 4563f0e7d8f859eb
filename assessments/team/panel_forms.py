"""Forms of the panel page that are not about answers: the date the raters are asked to submit by."""

from __future__ import annotations

from django import forms
from django.utils import timezone


class DateInput(forms.DateInput):
    input_type = "date"


class RatingsDueForm(forms.Form):
    due_on = forms.DateField(
        label="Ratings due on",
        required=False,
        widget=DateInput(format="%Y-%m-%d"),
        help_text="The raters see this date on their questionnaire and in their e-mails. Leave it empty for none.",
    )

    def clean_due_on(self) -> object:
        due_on = self.cleaned_data["due_on"]
        if due_on is not None and due_on < timezone.localdate():
            raise forms.ValidationError("Choose today or a later day.")
        return due_on
