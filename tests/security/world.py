"""A small portal with two unions, A and B, for the security sweep.

Union A is where the signed-in users work; union B is foreign to all of them except the
national registry officer and the curator. B holds everything that must not leak: its people's
names and identity numbers, a draft practice, unpublished changes to a live practice, tags typed
only in those drafts, the history of its replication and budget line (edited by B's own editor,
whose name only that history shows), and an import job with an error report. A holds pages and
records of its own, so that a request naming many objects mixes A's with B's. The apps' own
demo loaders fill in the rest of the portal (practices, workshops, dashboards, a small
registry), so every URL has objects to show.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files import File
from django.core.management import call_command

from bangla import to_bangla_digits
from places.models import Area
from portal import roles
from portal.models import UserProfile

PASSWORD = "sweep-pass-12345"
DRAFT_TITLE = "খসড়া-গোপন ভালো শিখন ঝঞ্ঝা-৭৭১"
DRAFT_TITLE_EN = "Sweepdraft Unpublished Practice Quokka"
DRAFT_CHANGE = "অপ্রকাশিত-সংশোধন ঢোলকলমি-৪৪২"
# Tags typed only in B's drafts: one on the never-published practice, one in the unpublished
# revision of a live one. They share a prefix, which the sweep types into the tag suggestions.
DRAFT_TAG_PREFIX = "খসড়াট্যাগ"
DRAFT_TAGS = [f"{DRAFT_TAG_PREFIX}-ঝিনুক-৩১৩", f"{DRAFT_TAG_PREFIX}-কাঁকড়া-৫৮"]
# B's editor, whose name appears only in the history of B's records.
B_EDITOR_NAME = ("Ondatra", "Sweepclerk-Foreign")
# Invented names and 17-digit numbers (birth year first), in no real register.
B_PEOPLE = [
    ("জুবাইদা ফারহানাজ ঝিলমিল", "Zubaida Farhanaz Jhilmil", "19874419023365871", "1987-04-19"),
    ("মোঃ তাসলিমুজ্জামান ঢেউ", "Taslimuzzaman Dheu", "19625530912847306", "1962-11-02"),
]
A_PEOPLE = [
    ("রাশিদা বেগম", "Rashida Begum", "19790412345678902", "1979-04-12"),
    ("আব্দুল করিম", "Abdul Karim", "19550101987654321", "1955-01-01"),
]
ROLES = [
    "anonymous",
    "up_editor_a",
    "curator",
    "registry_officer_a",
    "national_registry_officer",
    "policymaker",
]


@dataclass
class World:
    a: Area
    b: Area
    users: dict
    objects: dict = field(default_factory=dict)
    pii: list = field(default_factory=list)
    drafts: list = field(default_factory=list)
    records: list = field(default_factory=list)

    def may_see_b_personal_data(self, role):
        return role == "national_registry_officer"

    def may_see_b_drafts(self, role):
        return role == "curator"

    def may_see_b_records(self, role):
        """The history and usage of B's replications and budget lines."""
        return role == "curator"


def _user(username, role=None, lgis=(), national_scope=False, staff=False):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, is_staff=staff
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    profile, _created = UserProfile.objects.get_or_create(user=user)
    profile.lgis.set(lgis)
    profile.national_scope = national_scope
    profile.save()
    return user


def _demo_content():
    from dashboards import demo as dashboards_demo
    from hlp_site import demo as site_demo
    from portal import demo as portal_demo
    from practices import demo as practices_demo
    from registry.cycle import open_cycle
    from registry.models import ensure_standard_programmes
    from workshops import demo as workshops_demo

    quiet = {"verbosity": 0, "stdout": io.StringIO()}
    if not Area.objects.exists():
        call_command("load_geography", **quiet)
    call_command("sync_roles", **quiet)
    portal_demo.load()
    site_demo.load()
    practices_demo.load()
    workshops_demo.load()
    ensure_standard_programmes()
    open_cycle()
    dashboards_demo.load()


def _registry_import(officer, lgi, tmp_path, people, prefix):
    """B's people arrive the way a union sends them: a CSV checked and committed by an import,
    plus a second file whose rows are refused (its error report repeats what was typed)."""
    from imports.models import ImportJob
    from imports.tasks import commit_job, validate_job
    from registry.importers import KIND

    header = ["খানা নং", "ওয়ার্ড নং", "গ্রাম", "নাম", "Name (English)", "লিঙ্গ", "জন্ম তারিখ"]
    header += ["খানা প্রধানের সাথে সম্পর্ক", "এনআইডি নং"]
    good = [header]
    for number, (name_bn, name_en, nid, born) in enumerate(people, start=1):
        year, month, day = born.split("-")
        relation = "খানা প্রধান"
        good.append(
            [f"{prefix}-{number:03d}", "৪", "পূর্বপাড়া", name_bn, name_en, "মহিলা" if number == 1
             else "পুরুষ", f"{day}/{month}/{year}", relation, to_bangla_digits(nid)]
        )  # fmt: skip
    bad = [header, [f"{prefix}-900", "৪", "পূর্বপাড়া", people[0][0], people[0][1], "অজানা",
                    "৩১/০২/১৯৮৭", "খানা প্রধান", people[0][2][:9]]]  # fmt: skip

    jobs = []
    for name, rows in ((f"{prefix}-list.csv", good), (f"{prefix}-list-with-errors.csv", bad)):
        path = Path(tmp_path) / name
        with open(path, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
        job = ImportJob(
            kind=KIND,
            original_name=name,
            file_size=path.stat().st_size,
            uploaded_by=officer,
            scope=lgi,
        )
        with open(path, "rb") as handle:
            job.file.save(name, File(handle), save=False)
        job.save()
        validate_job.delay(job.pk)
        job.refresh_from_db()
        if job.status == ImportJob.Status.VALID:
            commit_job.delay(job.pk)
            job.refresh_from_db()
        jobs.append(job)
    return jobs


def _drafts(lgi):
    from practices.models import PracticeIndexPage, PracticePage

    index = PracticeIndexPage.objects.first()
    template = PracticePage.objects.live().filter(lgi=lgi).first() or PracticePage.objects.first()
    draft = PracticePage(
        title=DRAFT_TITLE,
        title_en=DRAFT_TITLE_EN,
        slug="sweep-foreign-draft",
        summary_bn=DRAFT_TITLE,
        theme=template.theme,
        lgi=lgi,
        year_identified=2021,
        live=False,
    )
    draft.tags.add(DRAFT_TAGS[0])
    index.add_child(instance=draft)
    draft.save_revision()

    live = PracticePage.objects.live().filter(lgi=lgi).first()
    if live is None:
        live = template
        PracticePage.objects.filter(pk=live.pk).update(lgi=lgi)
        live.refresh_from_db()
    live.title = DRAFT_CHANGE
    live.tags.add(DRAFT_TAGS[1])
    live.save_revision()
    return draft, PracticePage.objects.get(pk=live.pk)


def _records(a, b, editor_b):
    """A replication and a budget line of each union; B's edited by B's editor, whose edits are
    logged the way the admin logs them."""
    from wagtail.log_actions import log

    from practices.models import BudgetAllocation, PracticePage, Replication, ReplicationStatus

    found = {}
    for lgi, other in ((a, b), (b, a)):
        replication = Replication.objects.filter(lgi=lgi).order_by("pk").first()
        if replication is None:
            practice = PracticePage.objects.live().filter(lgi=other).order_by("pk").first()
            replication = Replication.objects.create(
                practice=practice, lgi=lgi, status=ReplicationStatus.ONGOING
            )
        budget = BudgetAllocation.objects.filter(lgi=lgi).order_by("pk").first()
        if budget is None:
            budget = BudgetAllocation.objects.create(
                practice=replication.practice,
                lgi=lgi,
                fiscal_year="2022-23",
                allocated=150000,
                spent=90000,
            )
        found[lgi.pk] = (replication, budget)
    for instance in found[b.pk]:
        log(instance=instance, action="wagtail.edit", user=editor_b)
    return found[a.pk], found[b.pk]


def _flag(lgi):
    from registry.models import DuplicateFlag, FlagKind, Person

    first, second = Person.objects.filter(lgi=lgi).order_by("pk")[:2]
    return DuplicateFlag.objects.create(
        kind=FlagKind.choices[0][0],
        lgi=lgi,
        other_lgi=lgi,
        person_a=first,
        person_b=second,
        signature=f"sweep:{first.pk}:{second.pk}",
    )


def _document(lgi):
    from django.core.files.base import ContentFile

    from wagtail.documents.models import Document

    return Document.objects.create(
        title=f"{lgi.name_bn} সভার কার্যবিবরণী",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="sweep-minutes.pdf"),
    )


def build(tmp_path):
    """The two unions, the six roles' users and B's secrets; returns a World."""
    from practices.models import PracticePage
    from registry.models import Household, Person
    from workshops.models import ExposureVisit, WorkshopPage

    _demo_content()
    # B originated a published practice, so it has pages as well as people.
    b = PracticePage.objects.live().exclude(lgi__key="UN1").order_by("pk").first().lgi
    a = Area.objects.get(key="UN1")
    users = {
        "anonymous": None,
        "up_editor_a": _user("sweep-up-editor-a", roles.UP_EDITOR, [a], staff=True),
        "curator": _user("sweep-curator", roles.NILG_CURATOR, staff=True),
        "registry_officer_a": _user("sweep-officer-a", roles.REGISTRY_OFFICER, [a], staff=True),
        "national_registry_officer": _user(
            "sweep-national-officer", roles.REGISTRY_OFFICER, national_scope=True, staff=True
        ),
        "policymaker": _user("sweep-policymaker", roles.POLICYMAKER, [a]),
    }
    officer_b = _user("sweep-officer-b", roles.REGISTRY_OFFICER, [b], staff=True)
    editor_b = _user("sweep-up-editor-b", roles.UP_EDITOR, [b], staff=True)
    editor_b.first_name, editor_b.last_name = B_EDITOR_NAME
    editor_b.save(update_fields=["first_name", "last_name"])
    jobs = _registry_import(officer_b, b, tmp_path, B_PEOPLE, "SWB")
    _registry_import(users["registry_officer_a"], a, tmp_path, A_PEOPLE, "SWA")
    draft, changed = _drafts(b)
    (own_replication, own_budget), (replication, budget) = _records(a, b, editor_b)

    world = World(a=a, b=b, users=users)
    b_people = Person.objects.filter(lgi=b)
    for person in b_people:
        world.pii += [person.name_bn, person.name_en]
    for _name_bn, _name_en, nid, _born in B_PEOPLE:
        world.pii += [nid, to_bangla_digits(nid)]
    world.pii = [value for value in dict.fromkeys(world.pii) if value and len(value) >= 6]
    world.drafts = [DRAFT_TITLE, DRAFT_TITLE_EN, DRAFT_CHANGE, *DRAFT_TAGS]
    world.records = [B_EDITOR_NAME[1]]

    world.objects = {
        "area": b,
        "household": Household.objects.filter(lgi=b).order_by("pk").first(),
        "person": b_people.order_by("pk").first(),
        "duplicate": _flag(b),
        "job": jobs[-1],
        "committed_job": jobs[0],
        "draft": draft,
        "changed": changed,
        "replication": replication,
        "budget": budget,
        "own_replication": own_replication,
        "own_budget": own_budget,
        "own_practice": PracticePage.objects.filter(lgi=a).order_by("pk").first(),
        "visit": ExposureVisit.objects.first(),
        "workshop": WorkshopPage.objects.live().first(),
        "document": _document(b),
    }
    return world
