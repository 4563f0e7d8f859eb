from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from assessments.webhooks import outbound
from assessments.webhooks.models import Event


class WebhookForm(forms.Form):
    url = forms.URLField(
        label=gettext_lazy("Address (URL)"),
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy("Where each event is POSTed as JSON: a public https:// address."),
    )
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Events"),
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one event.")},
    )

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"]
        try:
            outbound.checked_address(url)  # the same rule the worker applies before each delivery
        except outbound.OutboundRefused as exc:
            raise forms.ValidationError(str(exc.reason)) from None
        return url
