"""factory_boy factories for the awards models (catalog and history).

Titles and forms are looked up by ``code`` (``django_get_or_create``): the catalog loaded by the
data migration already holds them, so ``EmulationTitleFactory(code="advanced_worker")`` returns
the loaded title. A grant is for an Advanced Worker title of a new person unless told otherwise.
"""

import datetime

import factory

from awards.models import (
    AnnualRating,
    AwardDecision,
    AwardForm,
    AwardGrant,
    AwardRule,
    DisciplinaryRecord,
    EmulationTitle,
    Household,
    Initiative,
    RuleSet,
)
from organizations.models import Unit
from tests.factories import PersonFactory, UnitFactory


class EmulationTitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmulationTitle
        django_get_or_create = ("code",)

    code = "advanced_worker"
    name_vi = factory.LazyAttribute(lambda o: o.code)
    name_en = factory.LazyAttribute(lambda o: o.code)
    recipient_kinds = factory.LazyFunction(lambda: ["individual"])
    citation = "Law 06/2022/QH15"


class AwardFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardForm
        django_get_or_create = ("code",)

    code = "certificate_of_merit"
    name_vi = factory.LazyAttribute(lambda o: o.code)
    name_en = factory.LazyAttribute(lambda o: o.code)
    recipient_kinds = factory.LazyFunction(lambda: ["individual", "collective"])
    citation = "Law 06/2022/QH15"
    kind = AwardForm.Kind.CERTIFICATE_OF_MERIT


class RuleSetFactory(factory.django.DjangoModelFactory):
    """A province's override rule set (pass ``province``), in force from 01/01/2024."""

    class Meta:
        model = RuleSet

    code = factory.Sequence(lambda n: f"province_override_{n}")
    name = factory.Sequence(lambda n: f"Quy định của tỉnh {n}")
    effective_from = datetime.date(2024, 1, 1)
    province = factory.SubFactory(UnitFactory, kind=Unit.Kind.PROVINCE)
    citation = "Quyết định của UBND tỉnh"


class AwardRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardRule

    rule_set = factory.SubFactory(RuleSetFactory)
    title = factory.SubFactory(EmulationTitleFactory)
    form = None
    conferring_level = "commune"
    authority = "Chủ tịch UBND cấp xã"
    citation = "Quyết định của UBND tỉnh"


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    name = factory.Sequence(lambda n: f"Hộ ông Trần Văn Hộ {n}")
    unit = factory.SubFactory(UnitFactory, kind=Unit.Kind.RESIDENTIAL_GROUP)


class AwardDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardDecision

    number = factory.Sequence(lambda n: f"{n + 100}/QĐ-UBND")
    date = datetime.date(2024, 12, 20)
    authority = "Chủ tịch UBND phường"
    signer_name = "Lê Văn Ký"


class AwardGrantFactory(factory.django.DjangoModelFactory):
    """A grant to a person (pass ``person=None, unit=…`` or ``household=…`` for others).

    ``title`` defaults to Advanced Worker; pass ``title=None, form=AwardFormFactory(...)`` for a
    form of commendation. The year defaults to the decision's year.
    """

    class Meta:
        model = AwardGrant

    decision = factory.SubFactory(AwardDecisionFactory)
    person = factory.SubFactory(PersonFactory)
    unit = None
    household = None
    title = factory.SubFactory(EmulationTitleFactory)
    form = None
    year = factory.LazyAttribute(lambda o: o.decision.date.year if o.decision else 2024)
    achievement = AwardGrant.Achievement.MERIT


class AnnualRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualRating

    person = factory.SubFactory(PersonFactory)
    unit = None
    year = 2024
    rating = AnnualRating.Rating.GOOD


class DisciplinaryRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisciplinaryRecord

    person = factory.SubFactory(PersonFactory)
    kind = DisciplinaryRecord.Kind.DISCIPLINE
    level = DisciplinaryRecord.Level.REPRIMAND
    starts_on = datetime.date(2024, 3, 1)
    ends_on = datetime.date(2025, 3, 1)


class InitiativeFactory(factory.django.DjangoModelFactory):
    """An initiative; pass ``authors=[person, …]`` to link its authors."""

    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Sáng kiến cải tiến quy trình số {n}")
    unit = factory.SubFactory(UnitFactory)
    level = Initiative.Level.GRASSROOTS
    year = 2024
    recognising_decision = factory.Sequence(lambda n: f"{n + 10}/QĐ-UBND")

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            self.authors.set(extracted)
