"""The secretariat's round list and the public nominee list read a fixed number of queries
however many rounds or nominees they show."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from dossiers.models import Dossier, Nomination
from tests.dossiers.test_unit_pages import add_rounds, queries
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_round_list_reads_as_many_queries_for_twenty_rounds_as_for_two(client, world):
    client.force_login(world.secretariat)
    url = reverse("dossiers:round_list")
    add_rounds(world, 2)
    few = queries(client, url)
    add_rounds(world, 18)
    assert queries(client, url) == few
    assert client.get(url).text.count('<tr data-round="') == 21


def add_nominees(world, dossier: Dossier, count: int) -> None:
    first = dossier.nominations.count()
    people = PersonFactory.create_batch(count, unit=world.tree.ward_a)
    Nomination.objects.bulk_create(
        Nomination(dossier=dossier, person=person, title=world.round.titles.first(), order=n)
        for n, person in enumerate(people, start=first)
    )


def test_public_list_reads_as_many_queries_for_forty_nominees_as_for_two(client, world):
    today = timezone.localdate()
    world.round.disclosure_starts_on = today - datetime.timedelta(days=1)
    world.round.save()
    dossier = Dossier.objects.create(
        round=world.round, unit=world.tree.ward_a, status=Dossier.Status.SUBMITTED
    )
    url = reverse("dossiers:public", args=[world.round.public_token])
    add_nominees(world, dossier, 2)
    few = queries(client, url)
    add_nominees(world, dossier, 38)
    assert queries(client, url) == few
    assert client.get(url).text.count("<tr><td>") == 40
