"""Query-count tests of the pages that list rows and had none yet: each page is read at two
data sizes and must run the same number of queries (no query per row).

The fixtures of the dossiers (``world``) and registrations (``window``, ``clusters``) tests are
reused as they are."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.campaigns.conftest import clusters  # noqa: F401 - a fixture ``window`` needs
from tests.dossiers.conftest import world  # noqa: F401 - reused fixture
from tests.registrations.conftest import window  # noqa: F401 - reused fixture


@pytest.fixture(autouse=True)
def _catalog(award_catalog) -> None:
    """The national award catalog (tests/conftest.py)."""


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded files go to a fresh directory per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """The pages' own queries are counted: a page from the page cache (common/page_cache.py)
    runs none of them (tests/dossiers/test_page_cache.py)."""
    settings.TDKT_PAGE_CACHE_SECONDS = 0


def queries(client, url: str, params: dict | None = None) -> tuple[int, str]:
    """The number of queries a GET of ``url`` runs, and the page's text (status 200 asserted)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200, response.status_code
    return len(captured), response.content.decode()


def assert_constant(client, url: str, grow: Callable[[], str], params: dict | None = None):
    """Read ``url`` (once to warm the caches a running server has warm, then counted), call
    ``grow`` to add rows, read it again: the same number of queries. ``grow`` returns a text
    the grown page must show, so the rows counted are on the page."""
    client.get(url, params or {})
    few, _page = queries(client, url, params)
    shown = grow()
    many, page = queries(client, url, params)
    assert shown in page
    assert many == few, f"{url}: {few} queries for the small data, {many} for the large"
