"""Backup codes for the demo accounts that must pass a second factor.

``load_demo`` prints, next to each such account's password, one of its backup codes: log in with
the password, then type the code on the verification page (each code works once; make new ones
or set up an authenticator app on the account's security page, /accounts/security/).
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from organizations.demo import DEMO_USERS
from security.selectors import holds_managing_role
from security.services import backup_codes_issue


@transaction.atomic
def load_demo_second_factors() -> dict[str, list[str]]:
    """Fresh backup codes for every demo user who must pass a second factor (the
    administrator ``quantri``, the secretariat ``thuongtruc``, any staff demo user), replacing
    their earlier codes; an authenticator app one of them set up is kept.

    Returns ``{username: [10 codes]}`` in the order of ``organizations.demo.DEMO_USERS``;
    expects ``load_demo_organizations`` to have run. Counts the managing roles even when
    ``settings.TDKT_REQUIRE_2FA`` is off, so the codes are ready when it is turned on.
    """
    usernames = [row[0] for row in DEMO_USERS]
    users = get_user_model().objects.in_bulk(usernames, field_name="username")
    return {
        username: backup_codes_issue(user=users[username])
        for username in usernames
        if username in users and holds_managing_role(users[username])
    }
