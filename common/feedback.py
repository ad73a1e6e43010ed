"""Telling the user why something was refused, on the page he is sent back to."""

from collections.abc import Callable

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


def attempt(request: HttpRequest, action: Callable[[], object], success: str) -> bool:
    """Run a service call for a page action: its ``success`` message when it goes through, one
    error message per problem when it raises ``ValidationError``. Returns whether it went
    through; the caller redirects back either way."""
    try:
        action()
    except ValidationError as error:
        show_errors(request, error)
        return False
    messages.success(request, success)
    return True
