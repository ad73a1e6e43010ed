"""Fixtures of the security tests: the two-council world, built once per module
(tests/security/world.py)."""

from tests.security.world import security_world  # noqa: F401 - the fixture, by name
