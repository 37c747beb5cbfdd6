"""A synthetic registry for the demo: households and persons in the unions that replicated a
practice (and the demo accounts' union), the benefits they received from those practices and
from allowances, and a few planted duplicates for the review queue.

Deterministic (seeded), idempotent (a loaded demo is left alone; ``manage.py registry_demo``
replaces it at another scale) and written in bulk through the same writer as imports. Every
name and number is invented: identity numbers are random digits, not real people's.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from places.models import Area

from . import aggregates, duplicates
from .identity import IdType, parse_identity
from .models import Disability, Household, Programme, Relation, Sex, ensure_standard_programmes
from .writer import Record, RegistryWriter

SEED = 2026
DEFAULT_PERSONS = 24_000
DEMO_PREFIX = "DEMO-"
HOME_UNION = "UN1"
BATCH = 5000

MALE_NAMES = [
    ("আব্দুর রহিম", "Abdur Rahim"),
    ("মোঃ করিম", "Md. Karim"),
    ("জসিম উদ্দিন", "Jasim Uddin"),
    ("রফিকুল ইসলাম", "Rafiqul Islam"),
    ("আনোয়ার হোসেন", "Anwar Hossain"),
    ("শফিকুল আলম", "Shafiqul Alam"),
    ("নির্মল দাস", "Nirmal Das"),
    ("সুব্রত বিশ্বাস", "Subrata Biswas"),
    ("কামরুল হাসান", "Kamrul Hasan"),
    ("মিজানুর রহমান", "Mizanur Rahman"),
    ("আবুল কালাম", "Abul Kalam"),
    ("গোপাল সরকার", "Gopal Sarkar"),
    ("হাবিবুর রহমান", "Habibur Rahman"),
    ("সাইফুল ইসলাম", "Saiful Islam"),
    ("মোস্তফা কামাল", "Mostafa Kamal"),
    ("প্রদীপ মন্ডল", "Pradip Mondal"),
]
FEMALE_NAMES = [
    ("মোছাঃ রহিমা খাতুন", "Mst. Rahima Khatun"),
    ("ফাতেমা বেগম", "Fatema Begum"),
    ("আমেনা খাতুন", "Amena Khatun"),
    ("সালমা আক্তার", "Salma Akter"),
    ("রোকেয়া বেগম", "Rokeya Begum"),
    ("নাসরিন সুলতানা", "Nasrin Sultana"),
    ("শিউলী রানী", "Shiuli Rani"),
    ("মালতী দাস", "Malati Das"),
    ("হাসিনা বেগম", "Hasina Begum"),
    ("জোছনা আক্তার", "Josna Akter"),
    ("পারভীন আক্তার", "Parvin Akter"),
    ("কল্পনা রানী", "Kalpana Rani"),
    ("শাহনাজ পারভীন", "Shahnaz Parvin"),
    ("মরিয়ম বেগম", "Mariam Begum"),
    ("সুমি আক্তার", "Sumi Akter"),
    ("লাকি খাতুন", "Lucky Khatun"),
]
VILLAGES = [
    "উত্তরপাড়া",
    "দক্ষিণপাড়া",
    "পূর্বপাড়া",
    "পশ্চিমপাড়া",
    "মধ্যপাড়া",
    "বাজারপাড়া",
    "নদীরপাড়",
    "স্কুলপাড়া",
]
IN_KIND = ["নলকূপ", "স্বাস্থ্যসম্মত ল্যাট্রিন", "প্রশিক্ষণ", "গাছের চারা", "বীজ ও সার"]
# Monthly allowance rates (taka) used for the demo's yearly amounts.
MONTHLY_RATE = {
    "old-age-allowance": 600,
    "widow-allowance": 550,
    "disability-allowance": 850,
}


def _fiscal_years(today):
    start = today.year if today.month >= 7 else today.year - 1
    return [f"{year}-{(year + 1) % 100:02d}" for year in range(start - 2, start + 1)]


def _birth(rng, today, youngest, oldest):
    age_days = rng.randint(youngest * 365, oldest * 365 + 364)
    return today - datetime.timedelta(days=age_days)


def _identity(rng, born, adult):
    """A random number of a valid shape (never a real person's: the digits are random)."""
    if adult and rng.random() < 0.35:
        digits = str(rng.randint(10**9, 10**10 - 1))
        return parse_identity(digits, IdType.NID)
    serial = "".join(str(rng.randint(0, 9)) for _ in range(13))
    kind = IdType.NID if adult else IdType.BRN
    return parse_identity(f"{born.year:04d}{serial}", kind, born)


class _Union:
    def __init__(self, lgi, practices):
        self.lgi = lgi
        self.practices = practices  # [(practice_id, replication_id or None)]


def _unions():
    """Unions that replicated (or originated) a practice, and the demo accounts' union."""
    from practices.models import PracticePage, Replication, ReplicationStatus

    unions = {}
    replications = (
        Replication.objects.filter(
            status__in=[ReplicationStatus.COMPLETED, ReplicationStatus.ONGOING],
            practice__live=True,
        )
        .select_related("lgi")
        .order_by("practice_id", "lgi_id")
    )
    for replication in replications:
        unions.setdefault(replication.lgi_id, _Union(replication.lgi, []))
        unions[replication.lgi_id].practices.append((replication.practice_id, replication.pk))
    home = Area.objects.filter(key=HOME_UNION).first()
    if home is not None and home.pk not in unions:
        unions[home.pk] = _Union(home, [])
    for practice in PracticePage.objects.live().filter(lgi_id__in=list(unions)):
        entry = unions[practice.lgi_id]
        if practice.pk not in {practice_id for practice_id, _r in entry.practices}:
            entry.practices.append((practice.pk, None))
    return [unions[key] for key in sorted(unions)]


def _household_records(rng, union, number, today, programmes, years):
    code = f"{DEMO_PREFIX}{number:06d}"
    ward = rng.randint(1, 9)
    village = rng.choice(VILLAGES)
    landless = rng.random() < 0.2
    members = []
    female_head = rng.random() < 0.15
    elderly_alone = rng.random() < 0.04
    head_female = female_head or (elderly_alone and rng.random() < 0.6)
    head_born = _birth(rng, today, 62, 85) if elderly_alone else _birth(rng, today, 25, 70)
    pool = FEMALE_NAMES if head_female else MALE_NAMES
    members.append(
        (rng.choice(pool), Sex.FEMALE if head_female else Sex.MALE, head_born, Relation.HEAD)
    )
    if not elderly_alone:
        if not female_head:
            members.append(
                (rng.choice(FEMALE_NAMES), Sex.FEMALE, _birth(rng, today, 20, 65), Relation.SPOUSE)
            )
        for _child in range(rng.choice([0, 1, 2, 2, 3, 3, 4])):
            son = rng.random() < 0.5
            members.append(
                (
                    rng.choice(MALE_NAMES if son else FEMALE_NAMES),
                    Sex.MALE if son else Sex.FEMALE,
                    _birth(rng, today, 0, 20),
                    Relation.SON if son else Relation.DAUGHTER,
                )
            )
        if rng.random() < 0.15:
            members.append(
                (rng.choice(FEMALE_NAMES), Sex.FEMALE, _birth(rng, today, 65, 90), Relation.MOTHER)
            )
    records = []
    for (name_bn, name_en), sex, born, relation in members:
        age = (today - born).days // 365
        # A kind of disability, not the last choice ("kind not recorded", for lists saying yes).
        disability = rng.choice(Disability.values[1:-1]) if rng.random() < 0.04 else ""
        identity = None if rng.random() < 0.06 else _identity(rng, born, age >= 18)
        base = {
            "household_code": code,
            "ward": ward,
            "village": village,
            "landless": landless,
            "female_headed": head_female,
            "name_bn": name_bn,
            "name_en": name_en,
            "sex": sex,
            "date_of_birth": born,
            "relation": relation,
            "disability": disability,
            "identity": identity,
        }
        benefits = _benefits(rng, union, age, sex, relation, disability, programmes, years)
        if not benefits:
            records.append(Record(**base))
        for benefit in benefits:
            records.append(Record(**base, **benefit))
    return records


def _benefits(rng, union, age, sex, relation, disability, programmes, years):
    benefits = []
    if union.practices and rng.random() < 0.6:
        practice_id, replication_id = rng.choice(union.practices)
        year = rng.choice(years)
        amount = Decimal(rng.randrange(500, 5000, 50)) if rng.random() < 0.5 else None
        benefits.append(
            {
                "practice_id": practice_id,
                "replication_id": replication_id,
                "fiscal_year": year,
                "amount": amount,
                "in_kind": "" if amount else rng.choice(IN_KIND),
            }
        )
    slug = None
    if age >= 65:
        slug = "old-age-allowance"
    elif disability:
        slug = "disability-allowance"
    elif sex == Sex.FEMALE and relation == Relation.HEAD and age >= 30 and rng.random() < 0.5:
        slug = "widow-allowance"
    if slug and slug in programmes and rng.random() < 0.7:
        for year in years[-2:]:
            benefits.append(
                {
                    "programme_id": programmes[slug],
                    "fiscal_year": year,
                    "amount": Decimal(MONTHLY_RATE[slug] * 12),
                }
            )
    return benefits


def _planted_duplicates(rng, union, records, today, programmes, years, next_number):
    """A few duplicates of each kind, as union lists really have them."""
    planted = []
    with_id = [record for record in records if record.identity is not None]
    without_id = [record for record in records if record.identity is None and record.date_of_birth]
    for index, original in enumerate(rng.sample(with_id, min(3, len(with_id)))):
        planted.append(
            Record(
                household_code=f"{DEMO_PREFIX}{next_number + index:06d}",
                ward=original.ward,
                village=original.village,
                name_bn=original.name_bn,
                name_en=original.name_en,
                sex=original.sex,
                date_of_birth=original.date_of_birth,
                relation=Relation.HEAD,
                identity=original.identity,
            )
        )
    for index, original in enumerate(rng.sample(without_id, min(3, len(without_id)))):
        planted.append(
            Record(
                household_code=f"{DEMO_PREFIX}{next_number + 3 + index:06d}",
                ward=original.ward,
                village=original.village,
                name_bn=original.name_bn,
                name_en=original.name_en,
                sex=original.sex,
                date_of_birth=original.date_of_birth,
                relation=Relation.HEAD,
            )
        )
    allowance = [r for r in records if r.programme_id and r.fiscal_year == years[-1]]
    for original in rng.sample(allowance, min(3, len(allowance))):
        fields = {name: getattr(original, name) for name in Record.__dataclass_fields__}
        fields["benefit_date"] = None
        fields["in_kind"] = "দ্বিতীয়বার বিতরণ"
        planted.append(Record(**fields))
    return planted


def _programme_ids():
    ensure_standard_programmes()
    return dict(Programme.objects.values_list("slug", "pk"))


def demo_households():
    return Household.objects.filter(code__startswith=DEMO_PREFIX)


@transaction.atomic
def generate(persons=DEFAULT_PERSONS, progress=None):
    """Write a synthetic registry of about *persons* persons; returns a summary."""
    rng = random.Random(SEED)
    today = timezone.localdate()
    unions = _unions()
    if not unions:
        return "no unions to register"
    programmes = _programme_ids()
    years = _fiscal_years(today)
    per_union = max(1, persons // len(unions))
    written_persons = 0
    for union in unions:
        writer = RegistryWriter(union.lgi, today=today)
        batch, number, union_persons, all_records = [], 1, 0, []
        while union_persons < per_union:
            records = _household_records(rng, union, number, today, programmes, years)
            number += 1
            union_persons += len({(r.name_bn, r.date_of_birth) for r in records})
            batch.extend(records)
            if len(all_records) < 2000:
                all_records.extend(records)
            if len(batch) >= BATCH:
                writer.write(batch)
                batch = []
                if progress:
                    progress(written_persons + union_persons)
        batch.extend(_planted_duplicates(rng, union, all_records, today, programmes, years, number))
        writer.write(batch)
        _finish_union(writer, rng)
        written_persons += union_persons
    duplicates.detect(Area.objects.filter(pk__in=[union.lgi.pk for union in unions]))
    return f"{written_persons} persons in {len(unions)} unions"


def _finish_union(writer, rng):
    writer.refresh_household_flags()
    touched = sorted(writer.households_touched)
    # Most households were verified in last year's update: this year's leaves some to do.
    last_year = writer.today.replace(year=writer.today.year - 1, month=1, day=15)
    stale = [pk for pk in touched if rng.random() < 0.3]
    for start in range(0, len(stale), 2000):
        Household.objects.filter(pk__in=stale[start : start + 2000]).update(
            verified_year=last_year.year, verified_on=last_year
        )


@transaction.atomic
def remove():
    """Delete the demo registry (households whose code starts with the demo prefix), in a few
    set-based statements so that millions of rows go quickly."""
    from django.db import connection

    from .models import Benefit, DuplicateFlag, Person

    quote = connection.ops.quote_name
    household, person, benefit, flag = (
        quote(model._meta.db_table) for model in (Household, Person, Benefit, DuplicateFlag)
    )
    households = f"SELECT id FROM {household} WHERE code LIKE %s"
    persons = f"SELECT id FROM {person} WHERE household_id IN ({households})"
    benefits = f"SELECT id FROM {benefit} WHERE household_id IN ({households})"
    prefix = [DEMO_PREFIX + "%"]
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {flag} WHERE person_a_id IN ({persons}) OR person_b_id IN ({persons}) "
            f"OR benefit_a_id IN ({benefits}) OR benefit_b_id IN ({benefits})",
            prefix * 4,
        )
        cursor.execute(f"DELETE FROM {benefit} WHERE household_id IN ({households})", prefix)
        cursor.execute(f"UPDATE {household} SET head_id = NULL WHERE code LIKE %s", prefix)
        cursor.execute(f"DELETE FROM {person} WHERE household_id IN ({households})", prefix)
        cursor.execute(f"DELETE FROM {household} WHERE code LIKE %s", prefix)
    aggregates.rebuild()


NATIONAL_OFFICER = "nilg-registry"


def _national_officer():
    """A demo sign-in for NILG's registry officer, who sees every union."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from portal import roles
    from portal.demo import DEMO_PASSWORD
    from portal.models import UserProfile

    user, created = get_user_model().objects.get_or_create(
        username=NATIONAL_OFFICER, defaults={"email": f"{NATIONAL_OFFICER}@example.org"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(Group.objects.get(name=roles.REGISTRY_OFFICER))
    UserProfile.objects.update_or_create(user=user, defaults={"national_scope": True})


def load():
    """The demo registry, unless one is loaded already."""
    from .cycle import open_cycle

    _national_officer()
    existing = demo_households()
    if existing.exists():
        return f"already loaded ({existing.count()} households)"
    summary = generate()
    open_cycle()
    return summary
