import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from places.models import Area
from practices.models import (
    BudgetAllocation,
    CircularPage,
    PracticePage,
    Replication,
    ReplicationStatus,
    Theme,
)


class ThemeFactory(DjangoModelFactory):
    name_bn = factory.Sequence(lambda n: f"থিম {n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"dash-theme-{n}")

    class Meta:
        model = Theme


class PracticePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"স্যানিটেশন ভালো শিখন {n}")
    title_en = factory.Sequence(lambda n: f"Sanitation practice {n}")
    slug = factory.Sequence(lambda n: f"dash-practice-{n}")
    summary_bn = "ইউনিয়নের সব খানায় স্বাস্থ্যসম্মত পায়খানা নিশ্চিত করা।"
    summary_en = "Every household of the union gets a sanitary latrine."
    theme = factory.SubFactory(ThemeFactory)
    lgi = factory.LazyFunction(lambda: Area.objects.get(key="UN1"))
    year_identified = 2010

    class Meta:
        model = PracticePage


class CircularPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"পরিপত্র {n}")
    slug = factory.Sequence(lambda n: f"dash-circular-{n}")
    memo_number = factory.Sequence(lambda n: f"46.00.0000.063.{n}")
    date_issued = datetime.date(2016, 5, 1)
    issuing_authority = "স্থানীয় সরকার বিভাগ"
    summary_bn = "সারসংক্ষেপ"

    class Meta:
        model = CircularPage


class ReplicationFactory(DjangoModelFactory):
    status = ReplicationStatus.COMPLETED

    class Meta:
        model = Replication


class BudgetAllocationFactory(DjangoModelFactory):
    fiscal_year = "2015-16"
    allocated = 100000
    spent = 50000

    class Meta:
        model = BudgetAllocation
