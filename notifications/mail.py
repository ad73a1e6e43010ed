"""Rendering a mail in its recipient's language: a subject, a plain text and an HTML part."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django.utils import translation


@dataclass(frozen=True)
class RenderedMail:
    """A mail ready to send: ``subject`` on one line, ``text`` and ``html`` bodies (``html``
    empty: plain text only)."""

    subject: str
    text: str
    html: str

    def message(self, to: str, *, connection=None) -> EmailMultiAlternatives:
        """The message to ``to`` (one address), with the HTML part attached."""
        message = EmailMultiAlternatives(
            subject=self.subject, body=self.text, to=[to], connection=connection
        )
        if self.html:
            message.attach_alternative(self.html, "text/html")
        return message


def render_mail(template: str, context: dict, *, language: str) -> RenderedMail:
    """Render ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html`` in
    ``language`` (a code of ``settings.LANGUAGES``). ``context`` gets ``site_url`` (the
    absolute address links start with) and ``LANGUAGE_CODE`` (the mail's language: no request
    context processor sets it here)."""
    context = {"site_url": settings.SITE_URL.rstrip("/"), "LANGUAGE_CODE": language, **context}
    with translation.override(language):
        subject = loader.render_to_string(f"{template}_subject.txt", context)
        return RenderedMail(
            subject=" ".join(subject.split()),
            text=loader.render_to_string(f"{template}.txt", context),
            html=loader.render_to_string(f"{template}.html", context),
        )


def render_mails(template: str, context: dict, *, languages) -> dict[str, RenderedMail]:
    """``render_mail`` once for each of ``languages`` (codes, repeats allowed): the mail of
    every recipient, rendered once per language whatever the number of recipients."""
    return {
        language: render_mail(template, context, language=language) for language in set(languages)
    }
