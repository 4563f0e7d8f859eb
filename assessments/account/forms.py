from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm, UserCreationForm
from django.template import loader
from django.utils.translation import gettext_lazy

from assessments import languages
from assessments.models import MailDelivery
from assessments.report import mail
from assessments.validators import single_line

FULL_NAME_HELP = gettext_lazy(
    "How your colleagues see you: on members and panel pages, charter signatures, the activity log, the PDF "
    "report and the e-mails you send. Leave it empty to be shown by your username."
)


def full_name_field() -> forms.CharField:
    return forms.CharField(
        label=gettext_lazy("Full name"),
        help_text=FULL_NAME_HELP,
        required=False,
        max_length=150,  # User.first_name, which holds the whole name (assessments/people.py)
        validators=[single_line],
    )


class AccountForm(forms.Form):
    full_name = full_name_field()


class SignupForm(UserCreationForm):
    full_name = full_name_field()
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        help_text=gettext_lazy(
            "Used to reset your password, and for invitations to organisations and requests to rate an "
            "assessment that your colleagues send you."
        ),
        validators=[single_line],
    )

    class Meta:
        model = get_user_model()
        fields = ("full_name", "username", "email")

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=False)
        user.first_name = " ".join(self.cleaned_data.get("full_name", "").split())  # assessments/people.py
        if commit:
            user.save()
        return user


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the mail is sent by the worker (with retries), not inside the request."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        # In the language the account holder chose, signature included (templates/registration/password_reset_*).
        with languages.writing_in(languages.mail_language(user=context.get("user"))):
            subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
            body = loader.render_to_string(email_template_name, context)
            mail.queue_mail(kind=MailDelivery.Kind.PASSWORD_RESET, to=to_email, subject=subject, body=body)
