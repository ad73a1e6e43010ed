"""Fixtures of the services' audit tests, borrowed from the apps' own tests: Sơn Tây and its
plan (tests/plans), the dossiers world (tests/dossiers, whose ``world`` replaces the admin
imports' one here)."""

from tests.dossiers.conftest import _media, world  # noqa: F401 - fixtures used here
from tests.plans.conftest import secretariat_user, son_tay, son_tay_plan  # noqa: F401
