"""Telling the user why something was refused, on the page he is sent back to."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def show_errors(request: HttpRequest, errors: ValidationError | forms.Form) -> None:
    """Add one error message per problem of a service's ``ValidationError`` or of a bound,
    invalid form (for actions posted from a page that then redirects back to it)."""
    if isinstance(errors, forms.Form):
        found = [message for field_errors in errors.errors.values() for message in field_errors]
    else:
        found = errors.messages
    for message in found:
        messages.error(request, message)
