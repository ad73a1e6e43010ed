"""Every awards test runs with the national award catalog (tests/conftest.py)."""

import pytest


@pytest.fixture(autouse=True)
def _catalog(award_catalog) -> None:
    """Loads the catalog when a transactional test emptied it."""
