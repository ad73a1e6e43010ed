"""Account forms."""

from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.template import loader

from common.tasks import send_email


class QueuedPasswordResetForm(PasswordResetForm):
    """Password reset whose mail is rendered now and sent by a Celery worker after commit.

    The page answers the same whether or not the address belongs to an account.
    """

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        html_body = (
            loader.render_to_string(html_email_template_name, context)
            if html_email_template_name
            else None
        )
        # robust: a broker that is down loses this one mail (logged), not the page; the mail
        # carries a secret link, so it is not kept in the outbox to be sent later.
        mail = {"subject": subject, "body": body, "to": [to_email], "html_body": html_body}
        transaction.on_commit(lambda: send_email.delay(**mail), robust=True)
