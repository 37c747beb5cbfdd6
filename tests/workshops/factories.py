import datetime
from zoneinfo import ZoneInfo

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from places.models import Area
from practices.models import PracticePage, Theme
from workshops.models import (
    Decision,
    ExposureVisit,
    ReplicationCommitment,
    ResponsibleBody,
    VisitingLGI,
    VisitPractice,
    WorkshopKind,
    WorkshopPage,
)

DHAKA = ZoneInfo("Asia/Dhaka")


class ThemeFactory(DjangoModelFactory):
    name_bn = factory.Sequence(lambda n: f"থিম {n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"workshop-theme-{n}")

    class Meta:
        model = Theme


class PracticePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"ভালো শিখন {n}")
    slug = factory.Sequence(lambda n: f"practice-{n}")
    summary_bn = "সারসংক্ষেপ"
    theme = factory.SubFactory(ThemeFactory)
    lgi = factory.LazyFunction(lambda: Area.objects.get(key="UN1"))
    year_identified = 2012

    class Meta:
        model = PracticePage


class WorkshopPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"জেলা পর্যায়ের থিমেটিক কর্মশালা {n}")
    slug = factory.Sequence(lambda n: f"workshop-{n}")
    kind = WorkshopKind.DISTRICT_THEMATIC
    starts_at = datetime.datetime(2024, 3, 6, 11, 30, tzinfo=DHAKA)
    venue = "জেলা প্রশাসকের সম্মেলন কক্ষ"
    area = factory.LazyFunction(lambda: Area.objects.get(code="BD3026"))

    class Meta:
        model = WorkshopPage


class ResponsibleBodyFactory(DjangoModelFactory):
    name_bn = factory.Sequence(lambda n: f"দায়িত্বপ্রাপ্ত সংস্থা {n}")
    name_en = factory.Sequence(lambda n: f"Responsible body {n}")

    class Meta:
        model = ResponsibleBody


class DecisionFactory(DjangoModelFactory):
    workshop = None
    text_bn = factory.Sequence(lambda n: f"সিদ্ধান্ত নম্বর {n}")

    class Meta:
        model = Decision


class ExposureVisitFactory(DjangoModelFactory):
    host_lgi = factory.LazyFunction(lambda: Area.objects.get(key="UN1"))
    starts_on = datetime.date(2024, 1, 15)

    class Meta:
        model = ExposureVisit


def visit_with_commitment(host, visitor, practice, **visit_fields):
    """An exposure visit of `visitor` to `host` where it committed to replicate `practice`."""
    visit = ExposureVisitFactory(host_lgi=host, **visit_fields)
    VisitingLGI.objects.create(visit=visit, lgi=visitor)
    VisitPractice.objects.create(visit=visit, practice=practice)
    commitment = ReplicationCommitment.objects.create(
        visit=visit, lgi=visitor, practice=practice, owner="ইউপি সচিব"
    )
    return visit, commitment
