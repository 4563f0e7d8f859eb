from __future__ import annotations

from typing import Any

from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

from assessments import languages, mail
from assessments.models import MailDelivery


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
