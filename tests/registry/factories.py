import datetime

import factory
from factory.django import DjangoModelFactory

from places.models import Area
from registry.identity import parse_identity
from registry.models import Benefit, Household, Person, Programme, Relation, Sex


class HouseholdFactory(DjangoModelFactory):
    lgi = factory.LazyFunction(lambda: Area.objects.get(key="UN1"))
    ward = 3
    village = "উত্তরপাড়া"
    code = factory.Sequence(lambda n: f"HH-{n:05d}")

    class Meta:
        model = Household


class PersonFactory(DjangoModelFactory):
    """A person; pass `number=` (in clear, as typed) to give them a validated identity number."""

    household = factory.SubFactory(HouseholdFactory)
    name_bn = factory.Sequence(lambda n: f"ব্যক্তি {n}")
    name_en = factory.Sequence(lambda n: f"Person {n}")
    sex = Sex.FEMALE
    date_of_birth = datetime.date(1980, 5, 17)
    relation = Relation.HEAD

    class Meta:
        model = Person

    @classmethod
    def _create(cls, model_class, *args, number=None, number_type=None, **kwargs):
        instance = model_class(*args, **kwargs)
        if number is not None:
            instance.set_identity(parse_identity(number, number_type, instance.date_of_birth))
        instance.save()
        return instance


class BenefitFactory(DjangoModelFactory):
    person = factory.SubFactory(PersonFactory)
    fiscal_year = "2023-24"
    amount = 7200
    programme = factory.LazyFunction(lambda: Programme.objects.get(slug="old-age-allowance"))

    class Meta:
        model = Benefit
