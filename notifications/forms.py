"""Forms of the notification pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.models import Preference


class PreferenceForm(forms.ModelForm):
    """The language of the user's mail and whether reminders before deadlines are muted."""

    class Meta:
        model = Preference
        fields = ["language", "mute_reminders"]
        labels = {
            "language": _("Language of the mail you receive"),
            "mute_reminders": _("Do not send me reminders before deadlines"),
        }
        help_texts = {
            "mute_reminders": _(
                "Reminders on and before a due date stop. Reminders of an overdue obligation "
                "are always sent, and the notifications under the bell stay."
            ),
        }
        widgets = {"language": forms.RadioSelect}
