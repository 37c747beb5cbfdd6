"""A small, deterministic HLP in four districts of three divisions: practices of three themes
(one unpublished), replications in every status with and without a recorded fiscal year,
original and revised budget lines, circulars, the circular pipeline and, where the registry is
installed, households, persons and benefits. Built through the models' own save paths, with the
commit callbacks run, so the dashboard's aggregates are maintained the way they are in use."""

import datetime
import random
from decimal import Decimal

from django.apps import apps
from django.db import transaction
from django.test import TestCase
from django.utils import translation

import pytest

from hlp_site.models import HomePage
from places.models import Area
from portal.celery import app
from portal.models import PortalSettings
from practices.models import (
    BudgetVersion,
    CircularIndexPage,
    CircularStatus,
    CircularStatusChange,
    FundSource,
    PracticeIndexPage,
    PracticePage,
    ReplicationStatus,
)

from .factories import (
    BudgetAllocationFactory,
    CircularPageFactory,
    PracticePageFactory,
    ReplicationFactory,
    ThemeFactory,
)

THRESHOLD = 3
DISTRICTS = ("BD3026", "BD3033", "BD2019", "BD4041")  # Dhaka, Gazipur, Cumilla, Khulna
YEARS = ("2014-15", "2015-16", "2016-17", "2017-18", "2018-19")


@pytest.fixture(autouse=True)
def bangla():
    with translation.override("bn"):
        yield


@pytest.fixture(autouse=True)
def tasks_inline():
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def page_tree():
    from dashboards.models import DashboardPage

    home = HomePage.objects.get()
    practice_index = home.add_child(instance=PracticeIndexPage(title="ভালো শিখন", slug="practices"))
    circular_index = home.add_child(instance=CircularIndexPage(title="পরিপত্র", slug="circulars"))
    home.add_child(instance=DashboardPage(title="ড্যাশবোর্ড", slug="dashboard"))
    return practice_index, circular_index


def unions_of(code, count):
    return list(Area.objects.lgis().filter(district__code=code).order_by("pk")[:count])


def registry_installed():
    return apps.is_installed("registry")


@pytest.fixture(scope="module")
def dataset(django_db_setup, django_db_blocker):
    """The HLP above, built once per test module inside a transaction that is rolled back after
    the module's last test (each test's own changes are rolled back after it, as usual)."""
    with django_db_blocker.unblock(), transaction.atomic():
        data = build_dataset()
        yield data
        transaction.set_rollback(True)


@pytest.fixture
def small_tree(db):
    """The page tree without the dataset, for tests that build their own few rows."""
    return page_tree()


def build_dataset():
    """Build the HLP; returns a dict of what the tests refer to by name."""
    practice_index, circular_index = page_tree()
    rng = random.Random(7)
    settings = PortalSettings.load()
    settings.best_practice_threshold = THRESHOLD
    settings.bdt_per_usd = Decimal("117.50")
    settings.save()
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    with TestCase.captureOnCommitCallbacks(execute=True), translation.override("bn"):
        governance = ThemeFactory(slug="governance", name_en="Governance", name_bn="সুশাসন")
        sanitation = ThemeFactory(slug="sanitation", name_en="Sanitation", name_bn="স্যানিটেশন")
        disability = ThemeFactory(
            slug="disability", name_en="Disability inclusion", name_bn="প্রতিবন্ধী অন্তর্ভুক্তি"
        )
        unions = {code: unions_of(code, 8) for code in DISTRICTS}
        origins = [
            ("BD3026", governance, 2010),
            ("BD2019", sanitation, 2012),
            ("BD4041", disability, 2016),
            ("BD3033", sanitation, 2018),
            ("BD3026", governance, 2015),
        ]
        practices = []
        for index, (district, theme, year) in enumerate(origins):
            practices.append(
                PracticePageFactory(
                    parent=practice_index,
                    title=f"শতভাগ স্যানিটেশন ও উন্মুক্ত বাজেট {index}",
                    title_en=f"Practice {index}",
                    slug=f"practice-{index}",
                    theme=theme,
                    lgi=unions[district][0],
                    year_identified=year,
                )
            )
        hidden = practices[-1]
        statuses = [ReplicationStatus.COMPLETED] * 5 + [
            ReplicationStatus.ONGOING,
            ReplicationStatus.PLANNED,
            ReplicationStatus.DISCONTINUED,
        ]
        for practice in practices:
            for district in DISTRICTS:
                for lgi in unions[district][1 : 1 + rng.randint(1, 4)]:
                    status = rng.choice(statuses)
                    year = rng.choice(YEARS)
                    start = int(year[:4])
                    end = datetime.date(start + 1, rng.choice((1, 3, 6)), 15)
                    way = rng.choice(("recorded", "recorded", "end", "start", "none"))
                    replication = ReplicationFactory(
                        practice=practice,
                        lgi=lgi,
                        status=status,
                        fiscal_year=year if way == "recorded" else "",
                        end_date=end if way in ("recorded", "end") else None,
                        start_date=datetime.date(start, 8, 1) if way != "none" else None,
                        households_reached=rng.choice((None, 12, 40, 75)),
                    )
                    if status in (ReplicationStatus.COMPLETED, ReplicationStatus.ONGOING):
                        source = rng.choice(list(FundSource))
                        allocated = Decimal(rng.randrange(20_000, 400_000, 500))
                        BudgetAllocationFactory(
                            practice=practice,
                            lgi=lgi,
                            fiscal_year=year,
                            source=source,
                            allocated=allocated,
                            spent=allocated * Decimal("0.8"),
                        )
                        if rng.random() < 0.35:
                            BudgetAllocationFactory(
                                practice=practice,
                                lgi=lgi,
                                fiscal_year=year,
                                source=source,
                                version=BudgetVersion.REVISED,
                                allocated=allocated + 10_000,
                                spent=allocated - 5_000,
                            )
                    del replication
        hidden.unpublish()
        circulars = [
            CircularPageFactory(parent=circular_index, date_issued=datetime.date(2014, 3, 1)),
            CircularPageFactory(parent=circular_index, date_issued=datetime.date(2019, 8, 1)),
            CircularPageFactory(parent=circular_index, date_issued=datetime.date(2020, 1, 5)),
        ]
        circulars[0].practices.set([practices[0]])
        circulars[1].practices.set([practices[1], practices[3]])
        pipeline = {
            practices[0]: [
                ("nominated", datetime.date(2012, 5, 1)),
                ("presented", datetime.date(2012, 11, 1)),
                ("under_review", datetime.date(2013, 6, 1)),
                ("circular_issued", datetime.date(2014, 3, 1)),
            ],
            practices[1]: [
                ("nominated", datetime.date(2016, 2, 1)),
                ("presented", datetime.date(2017, 1, 10)),
            ],
            practices[2]: [("nominated", datetime.date(2018, 9, 1))],
            hidden: [("nominated", datetime.date(2015, 3, 1))],
        }
        for practice, steps in pipeline.items():
            previous = CircularStatus.NONE
            for status, day in steps:
                CircularStatusChange.objects.create(
                    practice=practice, from_status=previous, to_status=status, date=day
                )
                previous = status
            PracticePage.objects.filter(pk=practice.pk).update(circular_status=previous)
        people = _registry(rng, practices, unions) if registry_installed() else []
    app.conf.task_always_eager = previous
    return {
        "themes": {"governance": governance, "sanitation": sanitation, "disability": disability},
        "practices": practices,
        "hidden": hidden,
        "unions": unions,
        "circulars": circulars,
        "people": people,
    }


def _registry(rng, practices, unions):
    """Households and persons in the replicating unions, and their benefits; returns the
    persons (their names must never reach a public answer)."""
    from registry.models import Programme, ensure_standard_programmes
    from tests.registry.factories import BenefitFactory, HouseholdFactory, PersonFactory

    ensure_standard_programmes()
    allowance = Programme.objects.get(slug="old-age-allowance")
    people = []
    for district in DISTRICTS:
        for lgi in unions[district][1:3]:
            for number in range(2):
                household = HouseholdFactory(lgi=lgi, code=f"T-{lgi.pk}-{number}")
                for member in range(2):
                    person = PersonFactory(
                        household=household,
                        name_bn=f"রহিমা খাতুন {lgi.pk}-{number}-{member}",
                        name_en=f"Rahima Khatun {lgi.pk}-{number}-{member}",
                    )
                    people.append(person)
                    for practice in rng.sample(practices, 2):
                        for year in rng.sample(YEARS, rng.randint(1, 2)):
                            BenefitFactory(
                                person=person,
                                practice=practice,
                                programme=None,
                                fiscal_year=year,
                                amount=None,
                                in_kind="স্বাস্থ্যসম্মত পায়খানা",
                            )
                    BenefitFactory(person=person, programme=allowance, fiscal_year="2016-17")
    return people
