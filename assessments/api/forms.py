from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from assessments.models import Organisation
from assessments.validators import single_line

ACCESS_CHOICES = [
    ("read", gettext_lazy("Read only")),
    ("write", gettext_lazy("Read and write (create and re-score assessments, ask for reports)")),
]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=80,
        validators=[single_line],
        help_text=gettext_lazy("What the token is for, e.g. “Board dashboard”."),
    )
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=Organisation.objects.none(),
        help_text=gettext_lazy("The token sees this organisation only, with your role in it."),
    )
    access = forms.ChoiceField(
        label=gettext_lazy("Access"), choices=ACCESS_CHOICES, initial="read", widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.for_user(user).order_by("name", "pk")

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(gettext_lazy("Give the token a name."))
        return name
