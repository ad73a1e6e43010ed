"""The code fields: an authenticator code (digits, phone keypad) and a backup code (letters)."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

TOTP_CODE = re.compile(r"^\d{6}$")
BACKUP_CODE = re.compile(r"^[a-z2-7]{8}$")


class AuthenticatorCodeForm(forms.Form):
    """The 6-digit code the authenticator app shows; spaces are ignored."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=7,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "pattern": "[0-9 ]*",
                "autofocus": True,
                "class": "form-control form-control-lg text-center font-monospace",
            }
        ),
    )

    def clean_code(self) -> str:
        """The digits typed; refused unless there are exactly six."""
        code = re.sub(r"\s", "", self.cleaned_data["code"])
        if not TOTP_CODE.match(code):
            raise forms.ValidationError(_("Type the 6 digits your authenticator app shows."))
        return code


class BackupCodeForm(forms.Form):
    """One of the user's backup codes: 8 letters and digits, case, spaces and dashes ignored."""

    backup_code = forms.CharField(
        label=_("Backup code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "none",
                "autocorrect": "off",
                "spellcheck": "false",
                "class": "form-control form-control-lg text-center font-monospace",
            }
        ),
    )

    def clean_backup_code(self) -> str:
        """The code in lower case without separators; refused unless it has the shape of one."""
        code = re.sub(r"[\s-]", "", self.cleaned_data["backup_code"]).lower()
        if not BACKUP_CODE.match(code):
            raise forms.ValidationError(_("A backup code has 8 letters and digits."))
        return code
