"""Messages of Django and its add-ons whose Vietnamese translation is missing upstream.

Marked here so ``makemessages`` puts them in our catalogue (locale/vi), which takes precedence
over the packages' own. Nothing imports this module's names; it exists for extraction.
"""

from django.utils.translation import gettext_noop

MISSING_UPSTREAM = [
    gettext_noop(
        "Please enter a correct %(username)s and password. Note that both fields may be "
        "case-sensitive."
    ),
    gettext_noop("This account is inactive."),
]
