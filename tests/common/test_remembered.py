"""``common.data_version.remembered``: what a form needs on every request, kept in the process
while the data stays the same, and computed again as soon as it changes or expires."""

import pytest

from common import data_version
from common.data_version import remembered
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


class Counter:
    """A computation that says how often it ran."""

    def __init__(self):
        self.runs = 0

    def __call__(self) -> int:
        self.runs += 1
        return self.runs


def test_kept_while_the_data_stays_the_same():
    compute = Counter()

    assert [remembered("test-key", compute) for _ in range(3)] == [1, 1, 1]
    assert compute.runs == 1


def test_computed_again_once_a_watched_row_is_written(django_capture_on_commit_callbacks):
    compute = Counter()
    remembered("test-key", compute)

    with django_capture_on_commit_callbacks(execute=True):
        UnitFactory(name="Phường Mới")

    assert remembered("test-key", compute) == 2


def test_each_key_is_its_own():
    first, second = Counter(), Counter()

    remembered(("collectives", 1), first)
    remembered(("collectives", 2), second)
    remembered(("collectives", 1), first)

    assert (first.runs, second.runs) == (1, 1)


def test_computed_again_when_its_time_is_up(settings, monkeypatch):
    settings.TDKT_PAGE_CACHE_SECONDS = 60
    now = [1000.0]
    monkeypatch.setattr(data_version.time, "monotonic", lambda: now[0])
    compute = Counter()
    remembered("test-key", compute)

    now[0] += 59
    assert remembered("test-key", compute) == 1
    now[0] += 2
    assert remembered("test-key", compute) == 2


def test_not_kept_when_the_page_cache_is_off(settings):
    settings.TDKT_PAGE_CACHE_SECONDS = 0
    compute = Counter()

    remembered("test-key", compute)
    remembered("test-key", compute)

    assert compute.runs == 2
