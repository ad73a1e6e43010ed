"""The national award catalog for every awards test.

The data migration loads it, but a transactional test (browser tests, real-worker tests) empties
every table when it ends, and a reused test database then stays empty. So the catalog is loaded
once for the session, committed, when it is missing; and again inside a test if a transactional
test emptied it earlier in the same session.
"""

import pytest

from awards.models import AwardRule
from awards.services import catalog_load


def _load_when_missing() -> None:
    if not AwardRule.objects.exists():
        catalog_load()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _load_when_missing()


@pytest.fixture(autouse=True)
def award_catalog(db):
    _load_when_missing()
