"""Demo catalogue shaped by HLP's published figures (seed 000): about 174 practices, 54 of them
best practices at the 50-replication rule, about USD 12 million of LGI budgets over fiscal
years 2007-08 to 2024-25, and the four circulars with the practices they came from.

Everything is derived from one seeded generator and the geography, so two loads give the same
catalogue; a second load adds only what is missing.
"""

import datetime
import json
import random
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from taggit.models import Tag

from bangla import to_bangla_digits
from places.models import Area, Level
from portal import roles
from portal.demo import DEMO_USERS
from portal.models import PortalSettings
from portal.pages import home_page

from . import counts, editorial, fiscal, pipeline, rechecks
from . import demo_content as words
from .models import (
    BudgetAllocation,
    BudgetVersion,
    CircularIndexPage,
    CircularPage,
    CircularStatus,
    CuratedListIndexPage,
    CuratedListItem,
    CuratedListPage,
    FundSource,
    HowIdentified,
    PracticeIndexPage,
    PracticePage,
    Recheck,
    RecheckOutcome,
    Replication,
    ReplicationStatus,
    TagName,
    Theme,
)

SEED = 2007
PRACTICES = 174
BEST_PRACTICES = 54
THRESHOLD = 50
BUDGET_USD = Decimal(12_000_000)
FIRST_FY, LAST_FY = 2007, 2024  # 2007-08 … 2024-25
DEMO_POURASHAVAS = 60


def load():
    rng = random.Random(SEED)
    home = home_page()
    if home is None:
        return "no home page: run migrate first"
    # Created outside the load's transaction, so that its creation does not schedule a second
    # recomputation of every practice.
    PortalSettings.load()
    with transaction.atomic():
        themes = _themes()
        catalogue, circular_index, lists_index = _page_tree(home)
        pool = _lgi_pool()
        plans = _plan(rng, pool)
        practices, created = _practices(catalogue, themes, plans)
        _tag_names()
        replications = _replications(rng, practices, pool)
        lines = _budget(rng, practices, replications)
        rechecked = _rechecks()
    # The apps that listen for changed figures rebuild from scratch in their own demo load.
    counts.recompute(notify=False)
    with transaction.atomic():
        circulars = _circulars(circular_index, practices)
        lists = _curated_lists(lists_index, practices)
        editorial.ensure()
    best = PracticePage.objects.filter(is_best_practice=True).count()
    return (
        f"{len(practices)} practices ({created} new), {best} best practices, "
        f"{replications['count']} replications, {lines} budget lines, {rechecked} re-checks, "
        f"{circulars} circulars, {lists} curated lists"
    )


def _themes():
    themes = {}
    for order, (slug, name_bn, name_en) in enumerate(words.THEMES):
        theme, _created = Theme.objects.update_or_create(
            slug=slug, defaults={"name_bn": name_bn, "name_en": name_en, "sort_order": order}
        )
        themes[slug] = theme
    return themes


def _child(parent, model, slug, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    return parent.add_child(instance=model(slug=slug, **fields))


def _tag_names():
    for tag in Tag.objects.filter(name__in=words.TAG_NAMES_EN):
        name_en = words.TAG_NAMES_EN[tag.name]
        TagName.objects.update_or_create(tag=tag, defaults={"name_en": name_en})


def _page_tree(home):
    catalogue = _child(
        home,
        PracticeIndexPage,
        "practices",
        title="ভালো শিখন",
        intro="<p>ইউনিয়ন পরিষদ ও পৌরসভার ভালো শিখন, কোথায় কোথায় পুনর্বাস্তবায়িত হয়েছে এবং "
        "কত বাজেট বরাদ্দ হয়েছে।</p>",
        title_en="Good practices",
        intro_en="<p>The good practices of union parishads and pourashavas, where they have "
        "been replicated and what budget went to them.</p>",
    )
    circulars = _child(
        home,
        CircularIndexPage,
        "circulars",
        title="পরিপত্র",
        intro="<p>ভালো শিখনকে প্রাতিষ্ঠানিক রূপ দেওয়া সরকারি পরিপত্র।</p>",
        title_en="Circulars",
        intro_en="<p>Government circulars that made good practices the rule.</p>",
    )
    lists = _child(
        catalogue,
        CuratedListIndexPage,
        "lists",
        title="বাছাই করা তালিকা",
        intro="<p>জাতীয় স্থানীয় সরকার ইনস্টিটিউটের বাছাই করা ভালো শিখনের তালিকা।</p>",
        title_en="Curated lists",
        intro_en="<p>Lists of good practices selected by NILG.</p>",
    )
    return catalogue, circulars, lists


def _lgi_pool():
    """Unions of the HLP districts by district key, and demo pourashavas, in a stable order."""
    districts = list(Area.objects.filter(level=Level.DISTRICT, code__in=words.HLP_DISTRICTS))
    unions = list(
        Area.objects.filter(level=Level.UNION, district__in=districts)
        .select_related("district")
        .order_by("key")
    )
    return {"unions": unions, "pourashavas": _pourashavas(districts)}


def _pourashavas(districts):
    """Pourashavas named after upazila towns of the HLP districts (no open list exists; NILG
    adds the real ones in the admin)."""
    upazilas = list(
        Area.objects.filter(level=Level.UPAZILA, district__in=districts)
        .exclude(name_en__icontains="sadar")
        .order_by("code")[:DEMO_POURASHAVAS]
    )
    keys = [f"PS{upazila.code.removeprefix('BD')}" for upazila in upazilas]
    existing = set(Area.objects.filter(key__in=keys).values_list("key", flat=True))
    new = []
    for key, upazila in zip(keys, upazilas, strict=True):
        if key not in existing:
            area = Area(
                key=key,
                level=Level.POURASHAVA,
                parent=upazila,
                name_bn=f"{upazila.name_bn} পৌরসভা",
                name_en=f"{upazila.name_en} Pourashava",
            )
            area.set_ancestors()
            new.append(area)
    Area.objects.bulk_create(new)
    return list(Area.objects.filter(key__in=keys).select_related("district").order_by("key"))


def _plan(rng, pool):
    """What each demo practice is: its words, origin, year, and how many LGIs completed a
    replication (best practices first, then the rest, below the threshold)."""
    unions = pool["unions"]
    by_key = {area.key: area for area in Area.objects.filter(key__in=_named_keys())}
    plans = []
    for spec in words.CIRCULAR_PRACTICES + words.NAMED:
        origin = pool["pourashavas"][0] if spec["lgi"] == "pourashava" else by_key[spec["lgi"]]
        plans.append({**spec, "lgi": origin, "named": True})
    best_named = sum(1 for plan in plans if plan["target"] >= THRESHOLD)
    generic = PRACTICES - len(plans)
    best_generic = BEST_PRACTICES - best_named
    for number in range(generic):
        theme, name_bn, name_en, does = words.GENERIC[number % len(words.GENERIC)]
        origin = unions[rng.randrange(len(unions))]
        target = (
            rng.randint(THRESHOLD, 82)
            if number < best_generic
            else rng.choice(
                [rng.randint(0, 12), rng.randint(5, 30), rng.randint(30, THRESHOLD - 1)]
            )
        )
        plans.append(
            {
                "slug": slugify(f"{name_en} {origin.name_en} {origin.key}"),
                "title_bn": f"{name_bn}: {origin.name_bn} ইউনিয়নের অভিজ্ঞতা",
                "title_en": f"{name_en}: the experience of {origin.name_en}",
                "summary_bn": f"{origin.name_bn} ইউনিয়ন পরিষদ ({origin.district.name_bn} জেলা) "
                f"নিজস্ব বাজেটে এই উদ্যোগ নিয়েছে: {does}।",
                "summary_en": f"{origin.name_en} union parishad ({origin.district.name_en} "
                f"district) took this up from its own budget.",
                "theme": theme,
                "lgi": origin,
                "year": rng.randint(2007, 2019),
                "target": target,
                "tags": rng.sample(words.THEME_TAGS[theme], 2),
                "named": False,
            }
        )
    return plans


def _named_keys():
    return [
        spec["lgi"]
        for spec in words.CIRCULAR_PRACTICES + words.NAMED
        if spec["lgi"] != "pourashava"
    ]


def _body(plan):
    problem, result = words.THEME_STORY[plan["theme"]]
    amounts = [15000, 8000, 4000, 3000]
    return json.dumps(
        [
            {"type": "problem", "value": {"heading": "", "text": f"<p>{problem}</p>"}},
            {"type": "steps", "value": {"heading": "", "steps": words.STEPS}},
            {
                "type": "cost",
                "value": {
                    "heading": "",
                    "lines": [
                        {"item": item, "amount": f"{amount}.00"}
                        for item, amount in zip(words.COST_ITEMS, amounts, strict=True)
                    ],
                    "note": "একটি ইউনিয়নে এক বছরের আনুমানিক খরচ (নমুনা)।",
                },
            },
            {"type": "results", "value": {"heading": "", "text": f"<p>{result}</p>"}},
            {"type": "lessons", "value": {"heading": "", "text": f"<p>{words.LESSONS}</p>"}},
        ],
        ensure_ascii=False,
    )


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def _published(year):
    return timezone.make_aware(datetime.datetime(min(year + 1, 2024), 3, 1, 10, 0))


def _practices(catalogue, themes, plans):
    existing = {page.slug: page for page in PracticePage.objects.child_of(catalogue)}
    practices, created = {}, 0
    for number, plan in enumerate(plans):
        page = existing.get(plan["slug"])
        if page is None:
            page = PracticePage(
                slug=plan["slug"],
                title=plan["title_bn"],
                title_en=plan["title_en"],
                summary_bn=plan["summary_bn"],
                summary_en=plan["summary_en"],
                theme=themes[plan["theme"]],
                lgi=plan["lgi"],
                year_identified=plan["year"],
                how_identified=list(HowIdentified)[number % 4],
                body=_body(plan),
                contact=f"সচিব, {plan['lgi'].name_bn} {plan['lgi'].get_level_display()}",
                is_demo=True,
                first_published_at=_published(plan["year"]),
                last_published_at=_published(plan["year"]),
            )
            page.tags.add(*plan["tags"])
            catalogue.add_child(instance=page)
            created += 1
        practices[plan["slug"]] = (page, plan)
    return practices, created


def _replicating_lgis(rng, plan, pool, wanted):
    if plan["lgi"].level == Level.POURASHAVA:
        candidates = [area for area in pool["pourashavas"] if area.pk != plan["lgi"].pk]
    else:
        candidates = [area for area in pool["unions"] if area.pk != plan["lgi"].pk]
        preferred = plan.get("replicate_in", [])
        if preferred:
            # Reported replications come first (Chapai Nawabganj for arsenic screening).
            first = [a for a in candidates if a.district.code in preferred]
            rest = [a for a in candidates if a.district.code not in preferred]
            head = rng.sample(first, min(len(first), wanted // 3))
            return head + rng.sample(rest, min(len(rest), wanted - len(head)))
    return _spread(rng, plan["lgi"], candidates, wanted)


# How much likelier a practice is copied by a neighbour of the LGI it came from than by an LGI
# elsewhere: exposure visits go mostly to unions of the same upazila, then of the district.
SAME_UPAZILA, SAME_DISTRICT = 12.0, 4.0


def _spread(rng, origin, candidates, wanted):
    """*wanted* of *candidates*, drawn without replacement with weights that favour the origin's
    neighbours (Efraimidis and Spirakis: the largest random() ** (1 / weight))."""

    def weight(area):
        if area.upazila_id and area.upazila_id == origin.upazila_id:
            return SAME_UPAZILA
        if area.district_id and area.district_id == origin.district_id:
            return SAME_DISTRICT
        return 1.0

    keyed = sorted(candidates, key=lambda area: rng.random() ** (1 / weight(area)), reverse=True)
    return keyed[:wanted]


def _replications(rng, practices, pool):
    curator = get_user_model().objects.filter(username="curator").first()
    existing = set(Replication.objects.values_list("practice_id", "lgi_id"))
    rows, planned = [], []
    for page, plan in practices.values():
        ongoing = rng.randint(0, 9)
        extra = rng.randint(0, 3)  # planned or discontinued
        lgis = _replicating_lgis(rng, plan, pool, plan["target"] + ongoing + extra)
        for position, lgi in enumerate(lgis):
            if position < plan["target"]:
                status = ReplicationStatus.COMPLETED
            elif position < plan["target"] + ongoing:
                status = ReplicationStatus.ONGOING
            else:
                status = rng.choice([ReplicationStatus.PLANNED, ReplicationStatus.DISCONTINUED])
            start = datetime.date(plan["year"], 7, 1) + datetime.timedelta(
                days=rng.randint(180, 365 * (2024 - plan["year"]) + 300)
            )
            start = min(start, datetime.date(2025, 6, 1))
            end = None
            if status == ReplicationStatus.COMPLETED:
                end = start + datetime.timedelta(days=rng.randint(90, 540))
            verified = status == ReplicationStatus.COMPLETED and rng.random() < 0.6
            replication = Replication(
                practice=page,
                lgi=lgi,
                status=status,
                start_date=start,
                end_date=end,
                fiscal_year=str(fiscal.of_date(start)),
                households_reached=(
                    rng.randint(40, 1500)
                    if status in (ReplicationStatus.COMPLETED, ReplicationStatus.ONGOING)
                    else None
                ),
                verified_by=curator if verified and curator else None,
                verified_at=(
                    timezone.make_aware(datetime.datetime.combine(end, datetime.time(12)))
                    if verified and curator
                    else None
                ),
            )
            planned.append(replication)
            if (page.pk, lgi.pk) not in existing:
                rows.append(replication)
    Replication.objects.bulk_create(rows, batch_size=1000)
    return {"count": len(planned), "rows": planned}


RECHECK_NOTES = {
    RecheckOutcome.RUNNING: [
        "ইউপি সভায় নিয়মিত আলোচনা হয়, বাজেটে বরাদ্দ আছে।",
        "ওয়ার্ড সভায় দেখা গেছে কার্যক্রম চালু আছে।",
        "উপকারভোগীরা নিয়মিত সেবা পাচ্ছেন।",
    ],
    RecheckOutcome.PARTLY: [
        "কয়েকটি ওয়ার্ডে চালু, বাকিগুলোতে বন্ধ।",
        "বরাদ্দ কমেছে, কাজ আংশিক চলছে।",
    ],
    RecheckOutcome.STOPPED: [
        "নতুন পরিষদ আসার পর বন্ধ হয়ে গেছে।",
        "বাজেটে বরাদ্দ না থাকায় বন্ধ।",
    ],
}
RECHECK_LEFT_UNDONE = 0.12


def _rechecks():
    """Re-checks of completed replications whose anniversaries have passed: most recorded (most
    still running, some partly, some stopped, a stop at one year likely to last), about one in
    eight left undone (due or overdue), and the demo UP editor's union with its latest re-check
    of each replication still to do, so that their landing page lists some."""
    rng = random.Random(SEED + 1)
    today = timezone.localdate()
    curator = get_user_model().objects.filter(username="curator").first()
    editor_keys = {
        key for _name, role, _s, keys in DEMO_USERS if role == roles.UP_EDITOR for key in keys
    }
    editor_lgis = set(Area.objects.filter(key__in=editor_keys).values_list("pk", flat=True))
    existing = set(Recheck.objects.values_list("replication_id", "milestone"))
    completed = Replication.objects.filter(
        status=ReplicationStatus.COMPLETED, end_date__isnull=False
    ).order_by("pk")
    rows = []
    for replication_id, lgi_id, end in completed.values_list("pk", "lgi_id", "end_date"):
        due = [m for m in rechecks.MILESTONES if rechecks.due_on(end, m) <= today]
        previous = None
        for milestone in due:
            draw, pick, days = rng.random(), rng.random(), rng.randint(0, 80)
            if lgi_id in editor_lgis and milestone == due[-1]:
                continue
            if lgi_id not in editor_lgis and draw < RECHECK_LEFT_UNDONE:
                continue
            if previous == RecheckOutcome.STOPPED:
                outcome = RecheckOutcome.STOPPED if pick < 0.8 else RecheckOutcome.RUNNING
            elif pick < (0.72 if milestone == 1 else 0.62):
                outcome = RecheckOutcome.RUNNING
            elif pick < (0.9 if milestone == 1 else 0.85):
                outcome = RecheckOutcome.PARTLY
            else:
                outcome = RecheckOutcome.STOPPED
            previous = outcome
            if (replication_id, milestone) in existing:
                continue
            notes = RECHECK_NOTES[outcome]
            rows.append(
                Recheck(
                    replication_id=replication_id,
                    milestone=milestone,
                    outcome=outcome,
                    checked_on=min(
                        rechecks.due_on(end, milestone) + datetime.timedelta(days=days), today
                    ),
                    note=notes[days % len(notes)],
                    checked_by=curator,
                )
            )
    Recheck.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _budget(rng, practices, replications):
    """Budget lines of replicating LGIs (and some originators), scaled so that the effective
    lines add up to about USD 12 million at the portal's rate."""
    rate = PortalSettings.load().bdt_per_usd
    lines = []
    for replication in replications["rows"]:
        if replication.status in (ReplicationStatus.PLANNED, ReplicationStatus.DISCONTINUED):
            continue
        start = fiscal.of_date(replication.start_date).start
        for offset in range(rng.randint(1, 3)):
            year = start + offset
            if year > LAST_FY:
                break
            lines.append(_line(rng, replication.practice, replication.lgi, year))
    for page, plan in practices.values():
        for offset in range(rng.randint(1, 2)):
            year = min(max(plan["year"], FIRST_FY) + offset, LAST_FY)
            lines.append(_line(rng, page, plan["lgi"], year))
    lines = _unique(lines)
    revised = []
    for line in lines:
        if rng.random() < 0.1:
            original = BudgetAllocation(
                lgi=line.lgi,
                practice=line.practice,
                fiscal_year=line.fiscal_year,
                source=line.source,
                version=BudgetVersion.ORIGINAL,
                allocated=line.allocated * Decimal(rng.choice(["0.8", "0.9", "1.1", "1.25"])),
                spent=Decimal(0),
            )
            line.version = BudgetVersion.REVISED
            revised.append(original)
    target = BUDGET_USD * rate
    factor = target / sum(line.allocated for line in lines)
    for line in (*lines, *revised):
        line.allocated = _taka(line.allocated * factor)
        line.spent = min(_taka(line.spent * factor), line.allocated)
    existing = set(
        BudgetAllocation.objects.values_list(
            "lgi_id", "fiscal_year", "practice_id", "source", "version"
        )
    )
    new = [
        line
        for line in (*lines, *revised)
        if (line.lgi.pk, line.fiscal_year, line.practice.pk, line.source, line.version)
        not in existing
    ]
    BudgetAllocation.objects.bulk_create(new, batch_size=1000)
    return len(lines) + len(revised)


def _line(rng, practice, lgi, year):
    allocated = Decimal(rng.lognormvariate(11.3, 0.6)).quantize(Decimal("1"))
    spent_share = Decimal(rng.randint(65, 100)) / 100
    return BudgetAllocation(
        lgi=lgi,
        practice=practice,
        fiscal_year=str(fiscal.FiscalYear(year)),
        allocated=allocated,
        spent=(allocated * spent_share).quantize(Decimal("1")),
        source=rng.choices(
            [FundSource.OWN_REVENUE, FundSource.BLOCK_GRANT, FundSource.PROJECT, FundSource.OTHER],
            weights=[6, 3, 1, 1],
        )[0],
        version=BudgetVersion.ORIGINAL,
    )


def _unique(lines):
    seen, unique = set(), []
    for line in lines:
        key = (line.lgi.pk, line.fiscal_year, line.practice.pk, line.source)
        if key not in seen:
            seen.add(key)
            unique.append(line)
    return unique


def _taka(amount):
    return Decimal(amount).quantize(Decimal("100"), rounding=ROUND_HALF_UP)


def _circulars(index, practices):
    """The four circulars of seed 000 and each one's practice walked through the pipeline."""
    curator = get_user_model().objects.filter(username="curator").first()
    made = 0
    for spec in words.CIRCULAR_PRACTICES:
        page, _plan = practices[spec["slug"]]
        circular_spec = spec["circular"]
        issued = datetime.date(*circular_spec["date"])
        circular = _child(
            index,
            CircularPage,
            circular_spec["slug"],
            title=circular_spec["title_bn"],
            title_en=circular_spec["title_en"],
            memo_number=circular_spec["memo"],
            date_issued=issued,
            issuing_authority=words.CIRCULAR_AUTHORITY,
            summary_bn=circular_spec["summary_bn"],
            summary_en=circular_spec["summary_en"],
            is_demo=True,
            first_published_at=_at(issued),
            last_published_at=_at(issued),
        )
        circular.practices.add(page)
        if spec["slug"] == "arsenic-mitigation-implementation-plan":
            circular.practices.add(practices[words.ARSENIC_SCREENING][0])
        made += 1
        _walk_pipeline(page, circular, issued, curator)
    _other_pipelines(practices, curator)
    return made


def _walk_pipeline(page, circular, issued, curator):
    page.refresh_from_db(fields=["circular_status"])
    if curator is None or page.circular_status != CircularStatus.NONE:
        return
    steps = [
        (CircularStatus.NOMINATED, 420, "জেলা থিমেটিক কর্মশালায় মনোনীত"),
        (CircularStatus.PRESENTED, 300, "স্থানীয় সরকার বিভাগের নীতিনির্ধারকদের সামনে উপস্থাপিত"),
        (CircularStatus.UNDER_REVIEW, 180, "পরিপত্রের খসড়া পর্যালোচনায়"),
    ]
    for status, days_before, note in steps:
        pipeline.move(
            page,
            status,
            actor=curator,
            note=note,
            date=issued - datetime.timedelta(days=days_before),
        )
    pipeline.move(
        page,
        CircularStatus.CIRCULAR_ISSUED,
        actor=curator,
        cause=circular,
        note="পরিপত্র জারি",
        date=issued,
    )


def _other_pipelines(practices, curator):
    """Some other best practices on their way, and one that was not adopted."""
    if curator is None:
        return
    circular_slugs = {spec["slug"] for spec in words.CIRCULAR_PRACTICES}
    chosen = sorted(
        (
            page
            for page, plan in practices.values()
            if plan["target"] >= THRESHOLD and plan["slug"] not in circular_slugs
        ),
        key=lambda page: page.slug,
    )[:12]
    # A practice already on its way was walked by an earlier load.
    waiting = PracticePage.objects.filter(
        pk__in=[page.pk for page in chosen], circular_status=CircularStatus.NONE
    )
    waiting = sorted(waiting, key=lambda page: page.slug)
    stages = [
        CircularStatus.NOMINATED,
        CircularStatus.PRESENTED,
        CircularStatus.UNDER_REVIEW,
        CircularStatus.NOT_ADOPTED,
    ]
    position = {page.pk: number for number, page in enumerate(chosen)}
    for page in waiting:
        last = stages[position[page.pk] % len(stages)]
        date = datetime.date(2019, 1, 15)
        for status in stages[: stages.index(last) + 1]:
            pipeline.move(page, status, actor=curator, date=date, note="থিমেটিক কর্মশালা")
            date += datetime.timedelta(days=150)


def _curated_lists(index, practices):
    best = list(
        PracticePage.objects.filter(is_best_practice=True, live=True).order_by(
            "-replication_count", "title"
        )
    )
    n = len(best)
    spec = words.BEST_LIST
    best_list = _child(
        index,
        CuratedListPage,
        spec["slug"],
        title=spec["title_bn"].format(n=to_bangla_digits(str(n))),
        title_en=spec["title_en"].format(n=n),
        intro_bn=spec["intro_bn"],
        intro_en=spec["intro_en"],
    )
    circular_ids = set(
        CircularPage.objects.values_list("practices", flat=True).exclude(practices=None)
    )
    _fill(
        best_list,
        [
            (
                page,
                words.CIRCULAR_NOTE_BN if page.pk in circular_ids else "",
                words.CIRCULAR_NOTE_EN if page.pk in circular_ids else "",
            )
            for page in best
        ],
    )
    spec = words.DISABILITY_LIST
    disability = _child(
        index,
        CuratedListPage,
        spec["slug"],
        title=spec["title_bn"],
        title_en=spec["title_en"],
        intro_bn=spec["intro_bn"],
        intro_en=spec["intro_en"],
    )
    inclusion = PracticePage.objects.filter(theme__slug="disability-inclusion", live=True).order_by(
        "-replication_count", "title"
    )
    _fill(disability, [(page, "", "") for page in inclusion])
    return 2


def _fill(curated, entries):
    if curated.items.exists():
        return
    CuratedListItem.objects.bulk_create(
        [
            CuratedListItem(
                curated_list=curated, practice=page, note_bn=note_bn, note_en=note_en, sort_order=i
            )
            for i, (page, note_bn, note_en) in enumerate(entries)
        ]
    )
