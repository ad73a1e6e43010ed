"""factory_boy factories for the models tests need."""

import factory
from django.contrib.auth import get_user_model

from organizations.models import Council, Membership, Person, Unit

PASSWORD = "mat-khau-thu-nghiem-1"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Phường Thử Nghiệm {n}")
    kind = Unit.Kind.WARD


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    unit = factory.SubFactory(UnitFactory)
    name = factory.LazyAttribute(lambda o: f"Hội đồng Thi đua – Khen thưởng {o.unit.name}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    gender = Person.Gender.MALE
    birth_year = 1985
    unit = factory.SubFactory(UnitFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password = factory.django.Password(PASSWORD)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = Membership.Role.UNIT_OFFICER
