"""Demo workshops: the social-security coordination meeting of 6 March 2018 as minuted, district
thematic workshops presenting demo best practices (some nominating the practices behind the
circulars), and exposure visits whose commitments became replications. Idempotent."""

import datetime
import json
import random
from pathlib import Path
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from bangla import to_bangla_digits
from places.models import Area
from portal.pages import home_page
from practices.models import CircularPage, CircularStatus, CircularStatusChange, PracticePage
from practices.pipeline import allowed_next

from .commitments import make_replication
from .follow_up import record_follow_up
from .models import (
    Decision,
    DecisionStatus,
    ExposureVisit,
    ReplicationCommitment,
    ResponsibleBody,
    VisitingLGI,
    VisitPractice,
    WorkshopIndexPage,
    WorkshopKind,
    WorkshopPage,
    WorkshopPractice,
)
from .signals import grant_curators_workshops

DHAKA = ZoneInfo("Asia/Dhaka")

BODIES = {
    "ssps": ("এসএসপিএস প্রোগ্রাম", "SSPS Programme"),
    "all_ministries": ("সংশ্লিষ্ট সকল মন্ত্রণালয়/বিভাগ", "All ministries and divisions concerned"),
    "cluster_leads": ("পাঁচটি সমন্বয়ক মন্ত্রণালয়/বিভাগ", "The five coordinating ministries/divisions"),
    "implementing": (
        "সামাজিক নিরাপত্তা বাস্তবায়নকারী মন্ত্রণালয়/বিভাগসমূহ",
        "Ministries and divisions implementing social security",
    ),
    "ss_branch": ("সামাজিক নিরাপত্তা অধিশাখা", "Social Security Branch"),
    "cabinet": ("মন্ত্রিপরিষদ বিভাগ", "Cabinet Division"),
    "nilg": ("এনআইএলজি", "NILG"),
    "lgd": ("স্থানীয় সরকার বিভাগ", "Local Government Division"),
    "dc_office": ("জেলা প্রশাসকের কার্যালয়", "Deputy Commissioner's office"),
    "ddlg": ("উপপরিচালক, স্থানীয় সরকার", "Deputy Director, Local Government"),
    "up_chairs": ("অংশগ্রহণকারী ইউনিয়ন পরিষদসমূহ", "Participating union parishads"),
}

# Seed 001: the minutes of the coordination meeting of social-security focal point officials.
SEED_MEETING = {
    "slug": "social-security-focal-points-2018-03-06",
    "title": "সামাজিক নিরাপত্তা সংক্রান্ত ফোকাল পয়েন্ট কর্মকর্তাগণের সমন্বয় সভা",
    "title_en": "Coordination meeting of the social security focal point officials",
    "kind": WorkshopKind.OTHER,
    "starts_at": datetime.datetime(2018, 3, 6, 11, 30, tzinfo=DHAKA),
    "venue": "মন্ত্রিপরিষদ বিভাগের সম্মেলন কক্ষ, পরিবহন পুল ভবন",
    "organiser": "মন্ত্রিপরিষদ বিভাগ",
    "chair_name": "এন এম জিয়াউল আলম",
    "chair_post": "সচিব, সমন্বয় ও সংস্কার, মন্ত্রিপরিষদ বিভাগ",
    "attendance_note": "উপস্থিতিঃ পরিশিষ্ট-ক",
    "summary": (
        "জাতীয় সামাজিক নিরাপত্তা কৌশল (NSSS) বাস্তবায়ন অগ্রগতি ও এসএসপিএস প্রোগ্রাম সম্পর্কে "
        "অবহিতকরণ এবং কেন্দ্রীয় ব্যবস্থাপনা কমিটির পরবর্তী সভার আলোচ্যসূচি নিয়ে আলোচনা।"
    ),
}
# Seed 001, word for word: the paragraphs, the decisions ক … ঝ and the body each asks to act.
SEED_MINUTES = Path(__file__).resolve().parent / "demo_minutes_2018_03_06.json"

# District thematic workshops (seed 000): (district P-code, date).
THEMATIC = [
    ("BD5088", datetime.date(2012, 11, 20)),  # Sirajganj
    ("BD4044", datetime.date(2013, 2, 18)),  # Jhenaidah
    ("BD5549", datetime.date(2014, 9, 9)),  # Kurigram
    ("BD4087", datetime.date(2015, 4, 27)),  # Satkhira
    ("BD5532", datetime.date(2016, 1, 12)),  # Gaibandha
    ("BD5585", datetime.date(2023, 10, 17)),  # Rangpur
]
# As the practices demo dates the nomination of a circular's practice.
NOMINATED_BEFORE_ISSUE = datetime.timedelta(days=420)
ORIENTATIONS = [
    ("BD4041", WorkshopKind.DISTRICT_ORIENTATION, datetime.date(2024, 8, 6)),  # Jashore
    ("BD5010", WorkshopKind.DISTRICT_ORIENTATION, datetime.date(2025, 2, 11)),  # Bogura
]


def load():
    home = home_page()
    if home is None:
        return "no home page: skipped"
    actor = _demo_curator()
    rng = random.Random(2018)
    with transaction.atomic():
        index = _index(home)
        grant_curators_workshops(index)
        bodies = _bodies()
        created = int(_seed_meeting(index, bodies))
        practices = _demo_practices()
        nominated = _circular_practices()
        created += _thematic_workshops(index, bodies, practices, nominated, actor, rng)
        created += _orientations(index, bodies)
        created += _upcoming(index, practices)
        visits, replications = _exposure_visits(practices, actor, rng)
    return (
        f"{created} workshops created ({WorkshopPage.objects.count()} in all), "
        f"{visits} exposure visits and {replications} replications from commitments"
    )


def _demo_curator():
    users = get_user_model().objects
    return (
        users.filter(groups__name="NILG curator", is_active=True).order_by("pk").first()
        or users.filter(is_superuser=True, is_active=True).order_by("pk").first()
    )


def _index(home):
    index = WorkshopIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=WorkshopIndexPage(
                title="কর্মশালা ও সভা",
                title_en="Workshops and meetings",
                slug="workshops",
                intro_en=(
                    "<p>District thematic and orientation workshops and meetings: minutes, "
                    "decisions and how they are being carried out.</p>"
                ),
                intro=(
                    "<p>জেলা পর্যায়ের থিমেটিক কর্মশালা, ওরিয়েন্টেশন কর্মশালা ও সভার কার্যবিবরণী, "
                    "সিদ্ধান্ত ও তার বাস্তবায়ন অগ্রগতি।</p>"
                ),
            )
        )
    return index


def _bodies():
    bodies = {}
    for key, (name_bn, name_en) in BODIES.items():
        bodies[key], _created = ResponsibleBody.objects.get_or_create(
            name_bn=name_bn, defaults={"name_en": name_en}
        )
    return bodies


def _add_workshop(index, slug, fields, decisions=(), presented=(), actor=None, link=None):
    """Create and publish a workshop unless it exists; returns (page, created).

    `link` (practice → an earlier nomination step) names this workshop as the cause of
    nominations the practices demo already recorded, before publishing records new ones.
    """
    existing = WorkshopPage.objects.filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = WorkshopPage(slug=slug, **fields)
    for position, (text, bodies, extra) in enumerate(decisions):
        decision = Decision(sort_order=position, text_bn=text, **extra)
        page.decisions.add(decision)
        decision.responsible_bodies.set(bodies)
    for position, (practice, presenter) in enumerate(presented):
        page.presented_practices.add(
            WorkshopPractice(sort_order=position, practice=practice, presented_by=presenter)
        )
    index.add_child(instance=page)
    for practice_id, step in (link or {}).items():
        step.cause = Page.objects.get(pk=page.pk)
        step.save(update_fields=["cause"])
        Decision.objects.filter(
            workshop=page, practice_id=practice_id, nominates_for_circular=True
        ).update(nomination=step)
    page.save_revision(user=actor).publish(user=actor)
    return page, True


def _seed_meeting(index, bodies):
    seed = json.loads(SEED_MINUTES.read_text(encoding="utf-8"))
    fields = dict(SEED_MEETING)
    slug = fields.pop("slug")
    fields["minutes"] = "".join(f"<p>{paragraph}</p>" for paragraph in seed["minutes"])
    fields["decisions_intro"] = seed["decisions_intro"]
    fields["closing"] = f"<p>{seed['closing']}</p>"
    decisions = [
        (decision["text"], [bodies[key] for key in decision["bodies"]], {})
        for decision in seed["decisions"]
    ]
    _page, created = _add_workshop(index, slug, fields, decisions)
    return created


def _demo_practices():
    """Demo best practices first, then the most replicated: what thematic workshops present."""
    return list(
        PracticePage.objects.live()
        .select_related("lgi", "lgi__upazila")
        .order_by("-is_best_practice", "-replication_count", "pk")[:24]
    )


def _circular_practices():
    """(practice, circular) for each practice a circular institutionalises, oldest first."""
    pairs = []
    seen = set()
    circulars = CircularPage.objects.live().order_by("date_issued", "pk")
    for circular in circulars.prefetch_related("practices"):
        for practice in circular.practices.order_by("pk"):
            if practice.pk not in seen:
                seen.add(practice.pk)
                pairs.append((practice, circular))
    return pairs


def _thematic_workshops(index, bodies, practices, nominated, actor, rng):
    if not practices and not nominated:
        return 0
    created = 0
    nominated_by_slot = {slot: pair for slot, pair in enumerate(nominated)}
    for slot, (code, day) in enumerate(THEMATIC):
        district = Area.objects.filter(code=code).first()
        if district is None:
            continue
        chosen = practices[slot * 3 : slot * 3 + 3] or practices[:3]
        pair = nominated_by_slot.get(slot)
        if pair is not None:
            practice, circular = pair
            # The workshop that nominated a circular's practice, well before it was issued.
            day = circular.date_issued - NOMINATED_BEFORE_ISSUE
            if practice not in chosen:
                chosen = [practice, *chosen[:2]]
        slug = f"thematic-{district.name_en.lower()}-{day:%Y-%m}"
        nomination = _nomination_plan(pair[0]) if pair is not None else None
        link = {pair[0].pk: nomination} if isinstance(nomination, CircularStatusChange) else {}
        decisions = _thematic_decisions(district, chosen, pair, bodies, day, bool(nomination))
        fields = {
            "title": f"{district.name_bn} জেলা পর্যায়ের থিমেটিক কর্মশালা",
            "title_en": f"District thematic workshop, {district.name_en}",
            "kind": WorkshopKind.DISTRICT_THEMATIC,
            "starts_at": datetime.datetime.combine(day, datetime.time(10), DHAKA),
            "ends_at": datetime.datetime.combine(day, datetime.time(16), DHAKA),
            "venue": f"জেলা প্রশাসকের সম্মেলন কক্ষ, {district.name_bn}",
            "area": district,
            "organiser": "জাতীয় স্থানীয় সরকার ইনস্টিটিউট (এনআইএলজি)",
            "chair_name": f"জেলা প্রশাসক, {district.name_bn}",
            "up_chairs": rng.randint(18, 40),
            "secretaries": rng.randint(15, 35),
            "women_members": rng.randint(10, 30),
            "officials": rng.randint(8, 20),
            "partners": rng.randint(2, 8),
            "others": rng.randint(0, 6),
            "summary": (
                "জেলার সর্বাপেক্ষা ভালো শিখনসমূহ নীতি নির্ধারক মহলে উপস্থাপন ও আলোচনা "
                "(প্রদর্শনের জন্য তৈরি নমুনা তথ্য)।"
            ),
            "agenda": "<ol><li>স্বাগত বক্তব্য</li><li>ভালো শিখন উপস্থাপন</li>"
            "<li>মুক্ত আলোচনা</li><li>সুপারিশ ও সিদ্ধান্ত</li></ol>",
            "minutes": "".join(
                f"<p>{_bangla_number(i + 2)}। {practice.title} বিষয়ে "
                f"{practice.lgi.name_bn} এর প্রতিনিধি অভিজ্ঞতা উপস্থাপন করেন।</p>"
                for i, practice in enumerate(chosen)
            ),
            "decisions_intro": "আলোচনা শেষে সভায় নিম্নোক্ত সিদ্ধান্তসমূহ গৃহীত হয়ঃ",
        }
        fields["minutes"] = "<p>সভাপতি সকলকে স্বাগত জানিয়ে সভার কার্যক্রম শুরু করেন।</p>" + fields["minutes"]
        presented = [(practice, f"{practice.lgi.name_bn} ইউনিয়ন পরিষদ") for practice in chosen]
        page, was_created = _add_workshop(
            index, slug, fields, decisions, presented, actor=actor, link=link
        )
        created += was_created
        if was_created:
            _follow_up_demo(page, pair, actor, day)
    return created


def _thematic_decisions(district, chosen, pair, bodies, day, nominates):
    decisions = []
    if pair is not None:
        practice = pair[0]
        decisions.append(
            (
                f"“{practice.title}” শিখনটি পরিপত্র আকারে জারির জন্য স্থানীয় সরকার বিভাগে "
                "সুপারিশ প্রেরণ করা হবে।",
                [bodies["nilg"], bodies["lgd"]],
                {
                    "practice": practice,
                    "nominates_for_circular": nominates,
                    "due_date": day + datetime.timedelta(days=90),
                },
            )
        )
    for practice in chosen[:2]:
        decisions.append(
            (
                f"জেলার সকল ইউনিয়ন পরিষদ আগামী অর্থবছরের বাজেটে “{practice.title}” "
                "পুনর্বাস্তবায়নের জন্য বরাদ্দ রাখবে।",
                [bodies["up_chairs"], bodies["ddlg"]],
                {"practice": practice, "due_date": day + datetime.timedelta(days=180)},
            )
        )
    decisions.append(
        (
            f"{district.name_bn} জেলার ইউনিয়ন পরিষদসমূহের জন্য অভিজ্ঞতা বিনিময় সফরের আয়োজন করা হবে।",
            [bodies["dc_office"], bodies["nilg"]],
            {"due_date": day + datetime.timedelta(days=120)},
        )
    )
    return decisions


def _follow_up_demo(page, pair, actor, day):
    """What became of the decisions: the recommendation sent on, some done, the rest open."""
    decisions = list(Decision.objects.filter(workshop=page).select_related("practice", "workshop"))
    if pair is not None and decisions and actor is not None:
        record_follow_up(
            decisions[0],
            author=actor,
            note="সুপারিশ স্থানীয় সরকার বিভাগে প্রেরণ করা হয়েছে।",
            status=DecisionStatus.DONE,
            date=min(day + datetime.timedelta(days=60), pair[1].date_issued),
        )
    elif day.year < 2020 and len(decisions) > 1 and actor is not None:
        record_follow_up(
            decisions[1],
            author=actor,
            note="অধিকাংশ ইউনিয়ন পরিষদ বাজেটে বরাদ্দ রেখেছে।",
            status=DecisionStatus.DONE,
            date=day + datetime.timedelta(days=200),
        )


def _nomination_plan(practice):
    """How a workshop's decision records the nomination of `practice`: True when publishing
    the workshop nominates it, the practices demo's uncaused nomination step to name the
    workshop in, or None when the practice's history has no room for it."""
    practice.refresh_from_db(fields=["circular_status"])
    if CircularStatus.NOMINATED in allowed_next(practice.circular_status):
        return True
    return (
        CircularStatusChange.objects.filter(
            practice=practice, to_status=CircularStatus.NOMINATED, cause__isnull=True
        )
        .order_by("date", "pk")
        .first()
    )


def _orientations(index, bodies):
    created = 0
    for code, kind, day in ORIENTATIONS:
        district = Area.objects.filter(code=code).first()
        if district is None:
            continue
        fields = {
            "title": f"{district.name_bn} জেলা পর্যায়ের ওরিয়েন্টেশন কর্মশালা",
            "title_en": f"District orientation workshop, {district.name_en}",
            "kind": kind,
            "starts_at": datetime.datetime.combine(day, datetime.time(9, 30), DHAKA),
            "venue": f"জেলা পরিষদ মিলনায়তন, {district.name_bn}",
            "area": district,
            "organiser": "জাতীয় স্থানীয় সরকার ইনস্টিটিউট (এনআইএলজি)",
            "chair_name": f"উপপরিচালক, স্থানীয় সরকার, {district.name_bn}",
            "up_chairs": 30,
            "secretaries": 28,
            "women_members": 22,
            "officials": 12,
            "summary": (
                "জেলার সকল ইউনিয়ন পরিষদের প্রতিনিধিদের অংশগ্রহণে প্রকল্প এলাকা নির্বাচনের "
                "জন্য ওরিয়েন্টেশন (প্রদর্শনের জন্য তৈরি নমুনা তথ্য)।"
            ),
            "decisions_intro": "সভায় নিম্নোক্ত সিদ্ধান্তসমূহ গৃহীত হয়ঃ",
        }
        decisions = [
            (
                "আগ্রহী উপজেলা ও সংশ্লিষ্ট ইউনিয়ন পরিষদের তালিকা এনআইএলজিতে প্রেরণ করা হবে।",
                [bodies["ddlg"]],
                {"due_date": day + datetime.timedelta(days=30)},
            ),
            (
                "নির্বাচিত ইউনিয়ন পরিষদসমূহ নন্দিত অনুসন্ধানের মাধ্যমে নিজেদের ভালো শিখন চিহ্নিত করবে।",
                [bodies["up_chairs"], bodies["nilg"]],
                {"due_date": day + datetime.timedelta(days=120)},
            ),
        ]
        slug = f"orientation-{district.name_en.lower()}-{day:%Y-%m}"
        _page, was_created = _add_workshop(index, slug, fields, decisions)
        created += was_created
    return created


def _upcoming(index, practices):
    """A national sharing workshop on the first Tuesday of next month, for the calendar."""
    if WorkshopPage.objects.filter(slug__startswith="national-sharing-").exists():
        return 0
    today = timezone.localdate()
    first = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    day = first + datetime.timedelta(days=(1 - first.weekday()) % 7)
    fields = {
        "title": "জাতীয় পর্যায়ের শিখন বিনিময় কর্মশালা",
        "title_en": "National sharing workshop",
        "kind": WorkshopKind.NATIONAL_SHARING,
        "starts_at": datetime.datetime.combine(day, datetime.time(10), DHAKA),
        "ends_at": datetime.datetime.combine(day, datetime.time(15), DHAKA),
        "venue": "এনআইএলজি মিলনায়তন, আগারগাঁও, ঢাকা",
        "organiser": "জাতীয় স্থানীয় সরকার ইনস্টিটিউট (এনআইএলজি)",
        "agenda": "<ol><li>সর্বাপেক্ষা ভালো শিখনসমূহের অগ্রগতি</li><li>পরিপত্র বাস্তবায়ন পর্যালোচনা</li></ol>",
    }
    presented = [(practice, "") for practice in practices[:4]]
    _page, created = _add_workshop(index, f"national-sharing-{day:%Y-%m}", fields, (), presented)
    return int(created)


def _exposure_visits(practices, actor, rng):
    """Visits to the unions a practice comes from by unions of the same upazila."""
    visits = replications = 0
    if actor is None:
        return visits, replications
    plans = [
        (datetime.date(2019, 2, 12), True),
        (datetime.date(2021, 11, 23), True),
        (datetime.date(2023, 3, 7), False),  # commitments still waiting: shown as actions
    ]
    for slot, (day, replicated) in enumerate(plans):
        if slot >= len(practices):
            break
        practice = practices[slot]
        host = practice.lgi
        if ExposureVisit.objects.filter(host_lgi=host, starts_on=day).exists():
            continue
        neighbours = list(
            Area.objects.lgis()
            .filter(parent_id=host.parent_id)
            .exclude(pk=host.pk)
            .order_by("key")[:3]
        )
        if not neighbours:
            continue
        visit = ExposureVisit.objects.create(
            host_lgi=host,
            starts_on=day,
            ends_on=day + datetime.timedelta(days=1),
            organiser="জাতীয় স্থানীয় সরকার ইনস্টিটিউট (এনআইএলজি)",
            summary_bn=f"“{practice.title}” সরেজমিনে দেখা ও বাস্তবায়নকারীদের সঙ্গে মতবিনিময়।",
            up_chairs=len(neighbours),
            secretaries=len(neighbours),
            women_members=rng.randint(2, 6),
            officials=rng.randint(1, 3),
            created_by=actor,
        )
        VisitPractice.objects.create(visit=visit, practice=practice)
        visits += 1
        for position, lgi in enumerate(neighbours):
            VisitingLGI.objects.create(visit=visit, lgi=lgi, sort_order=position)
            commitment = ReplicationCommitment.objects.create(
                visit=visit,
                lgi=lgi,
                practice=practice,
                owner=f"চেয়ারম্যান, {lgi.name_bn} ইউনিয়ন পরিষদ",
                due_date=day + datetime.timedelta(days=150),
                sort_order=position,
            )
            if replicated and lgi.pk != practice.lgi_id:
                result = make_replication(commitment, actor)
                replications += result.created
    _upcoming_visit(practices)
    return visits, replications


def _upcoming_visit(practices):
    upcoming = ExposureVisit.objects.filter(starts_on__gte=timezone.localdate())
    if len(practices) < 4 or upcoming.exists():
        return
    practice = practices[3]
    day = timezone.localdate() + datetime.timedelta(days=21)
    visit = ExposureVisit.objects.create(
        host_lgi=practice.lgi,
        starts_on=day,
        organiser="উপজেলা পরিষদ",
        summary_bn=f"“{practice.title}” দেখতে পার্শ্ববর্তী ইউনিয়ন পরিষদের প্রতিনিধিদের সফর।",
    )
    VisitPractice.objects.create(visit=visit, practice=practice)
    neighbour = (
        Area.objects.lgis()
        .filter(parent_id=practice.lgi.parent_id)
        .exclude(pk=practice.lgi_id)
        .order_by("key")
        .first()
    )
    if neighbour is not None:
        VisitingLGI.objects.create(visit=visit, lgi=neighbour)


def _bangla_number(number):
    return to_bangla_digits(f"{number:02d}")
