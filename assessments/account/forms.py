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


class SignupForm(UserCreationForm):
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        help_text=gettext_lazy("Used only to reset your password."),
        validators=[single_line],
    )

    class Meta:
        model = get_user_model()
        fields = ("username", "email")


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
        # In the language the account holder chose (Django's own reset e-mail is translated).
        with languages.writing_in(languages.mail_language(user=context.get("user"))):
            subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
            body = loader.render_to_string(email_template_name, context)
        mail.queue_mail(kind=MailDelivery.Kind.PASSWORD_RESET, to=to_email, subject=subject, body=body)
