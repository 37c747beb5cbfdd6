"""The beneficiary registry (উপকারভোগী নিবন্ধন): households (খানা) of a union, their members,
and the benefits each received from a practice (ভালো শিখন) or a social-protection programme.

Personal data stays in its union: views go through :mod:`registry.access`, and identity numbers
exist only as a keyed hash, a ciphertext and their last three digits (:mod:`registry.identity`).
"""

import hashlib
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bangla import name_key
from portal.fields import AmountBDTField

from . import identity
from .identity import IdType

ELDERLY_AGE = 60
WARDS = range(1, 10)


def years_ago(years, today=None):
    """The date *years* years before *today* (29 February falls back to the 28th)."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def fiscal_year_of(date):
    """Bangladesh's fiscal year (July–June) of a date, written ``2023-24``."""
    start = date.year if date.month >= 7 else date.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def _bilingual(bn, en):
    return en if (get_language() or "bn").startswith("en") and en else bn


class Programme(models.Model):
    """A named social-protection programme (সামাজিক নিরাপত্তা কর্মসূচি), e.g. the old-age
    allowance (বয়স্ক ভাতা), whose beneficiaries the registry also holds."""

    slug = models.SlugField(_("slug"), unique=True)
    name_bn = models.CharField(_("name (Bangla)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    agency = models.CharField(_("implementing agency"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name_en"]
        verbose_name = _("social-protection programme")
        verbose_name_plural = _("social-protection programmes")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return _bilingual(self.name_bn, self.name_en)


# The programmes whose beneficiaries unions hold lists of (seeds: Department of Social Services).
STANDARD_PROGRAMMES = [
    ("old-age-allowance", "বয়স্ক ভাতা", "Old age allowance", "সমাজসেবা অধিদফতর"),
    (
        "widow-allowance",
        "বিধবা ও স্বামী নিগৃহীতা মহিলা ভাতা",
        "Allowance for widowed and husband-deserted women",
        "সমাজসেবা অধিদফতর",
    ),
    ("disability-allowance", "প্রতিবন্ধী ভাতা", "Disability allowance", "সমাজসেবা অধিদফতর"),
    (
        "disability-stipend",
        "প্রতিবন্ধী শিক্ষার্থীদের শিক্ষা উপবৃত্তি",
        "Education stipend for students with disabilities",
        "সমাজসেবা অধিদফতর",
    ),
    (
        "special-allowance",
        "হিজড়া, বেদে ও অনগ্রসর জনগোষ্ঠীর বিশেষ ভাতা",
        "Special allowance for hijra, bede and disadvantaged communities",
        "সমাজসেবা অধিদফতর",
    ),
    (
        "conditional-cash-transfer",
        "শিশুদের জন্য শর্তযুক্ত অর্থসহায়তা",
        "Conditional cash transfer for children",
        "সমাজসেবা অধিদফতর",
    ),
    (
        "interest-free-microcredit",
        "সুদমুক্ত ক্ষুদ্রঋণ",
        "Interest-free microcredit",
        "সমাজসেবা অধিদফতর",
    ),
    (
        "tea-worker-grant",
        "চা-শ্রমিকদের এককালীন আর্থিক অনুদান",
        "One-off grant for tea workers",
        "সমাজসেবা অধিদফতর",
    ),
]


def ensure_standard_programmes(**kwargs):
    """Create the standard programmes that are missing (after every migrate and flush)."""
    existing = set(Programme.objects.values_list("slug", flat=True))
    Programme.objects.bulk_create(
        [
            Programme(slug=slug, name_bn=bn, name_en=en, agency=agency, sort_order=order)
            for order, (slug, bn, en, agency) in enumerate(STANDARD_PROGRAMMES)
            if slug not in existing
        ]
    )


class HouseholdQuerySet(models.QuerySet):
    def stale(self, cycle_year=None):
        """Households not re-verified in the given (default: the current) update cycle."""
        if cycle_year is None:
            cycle = UpdateCycle.current()
            if cycle is None:
                return self.none()
            cycle_year = cycle.year
        return self.filter(Q(verified_year__isnull=True) | Q(verified_year__lt=cycle_year))


class Household(models.Model):
    """A household (খানা) of a union or pourashava, identified by its code within the LGI."""

    lgi = models.ForeignKey(
        "places.Area",
        verbose_name=_("union or pourashava"),
        on_delete=models.PROTECT,
        related_name="registry_households",
        limit_choices_to={"level__in": ["union", "pourashava"]},
        # The (lgi, code) constraint and the indexes below all begin with it.
        db_index=False,
    )
    ward = models.PositiveSmallIntegerField(
        _("ward"), validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    village = models.CharField(_("village or para"), max_length=150, blank=True)
    code = models.CharField(_("household code"), max_length=40)
    head = models.ForeignKey(
        "Person",
        verbose_name=_("head of household"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    female_headed = models.BooleanField(_("female-headed"), default=False)
    member_with_disability = models.BooleanField(_("member with a disability"), default=False)
    elderly_member = models.BooleanField(_("elderly member (60 or older)"), default=False)
    landless = models.BooleanField(_("landless"), default=False)
    verified_year = models.PositiveSmallIntegerField(
        _("last verified in the update cycle of"), null=True, blank=True
    )
    verified_on = models.DateField(_("last verified on"), null=True, blank=True)
    source_import = models.PositiveBigIntegerField(_("import"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["lgi", "ward", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["lgi", "code"],
                name="registry_household_code_unique_in_lgi",
                violation_error_message=_("This union already has a household with this code."),
            ),
            models.CheckConstraint(
                condition=Q(ward__gte=1, ward__lte=9), name="registry_household_ward_1_to_9"
            ),
        ]
        indexes = [
            models.Index(fields=["lgi", "verified_year"]),
            models.Index(fields=["lgi", "ward", "code"]),
        ]

    def __str__(self):
        return self.code

    def is_stale(self, cycle_year):
        return cycle_year is not None and (
            self.verified_year is None or self.verified_year < cycle_year
        )

    def refresh_flags(self):
        """Derive the member-based flags (disability, elderly; female-headed from the head)."""
        refresh_household_flags(Household.objects.filter(pk=self.pk))
        self.refresh_from_db(
            fields=["member_with_disability", "elderly_member", "female_headed", "head"]
        )


def refresh_household_flags(households, today=None):
    """Recompute head and member-based flags for a queryset of households with set-based SQL.

    The head is the member recorded with relation "head" (the first, if a list names two); a
    household whose list names a female head is female-headed; a household whose head is
    unknown keeps its flag. One statement: the members of all the households are read once,
    grouped, rather than looked up three times a household.
    """
    elderly_born_before = years_ago(ELDERLY_AGE, today)
    using = households.db
    connection = transaction.get_connection(using)
    quote = connection.ops.quote_name
    table, members = quote(Household._meta.db_table), quote(Person._meta.db_table)
    chosen, chosen_params = households.order_by().values("pk").query.get_compiler(using).as_sql()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {table} SET
                head_id = flags.head_id,
                member_with_disability = flags.disability,
                elderly_member = flags.elderly,
                female_headed = CASE WHEN flags.female_head THEN %s ELSE {table}.female_headed END
            FROM (
                SELECT household.id AS household_id,
                    MIN(CASE WHEN member.relation = %s THEN member.id END) AS head_id,
                    COALESCE(MAX(CASE WHEN member.disability <> '' THEN 1 END), 0) = 1
                        AS disability,
                    COALESCE(MAX(CASE WHEN member.date_of_birth <= %s THEN 1 END), 0) = 1
                        AS elderly,
                    COALESCE(
                        MAX(CASE WHEN member.relation = %s AND member.sex = %s THEN 1 END), 0
                    ) = 1 AS female_head
                FROM {table} AS household
                LEFT JOIN {members} AS member ON member.household_id = household.id
                WHERE household.id IN ({chosen})
                GROUP BY household.id
            ) AS flags
            WHERE {table}.id = flags.household_id
            """,
            [
                True,
                Relation.HEAD,
                connection.ops.adapt_datefield_value(elderly_born_before),
                Relation.HEAD,
                Sex.FEMALE,
                *chosen_params,
            ],
        )


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    THIRD_GENDER = "third_gender", _("Third gender (hijra)")


class Relation(models.TextChoices):
    HEAD = "head", _("Head of household")
    SPOUSE = "spouse", _("Wife or husband")
    SON = "son", _("Son")
    DAUGHTER = "daughter", _("Daughter")
    FATHER = "father", _("Father")
    MOTHER = "mother", _("Mother")
    CHILD_IN_LAW = "child_in_law", _("Son- or daughter-in-law")
    GRANDCHILD = "grandchild", _("Grandchild")
    SIBLING = "sibling", _("Brother or sister")
    OTHER = "other", _("Other relative")


class Disability(models.TextChoices):
    """Kinds of disability, after the Persons with Disabilities Rights and Protection Act 2013."""

    NONE = "", _("None")
    PHYSICAL = "physical", _("Physical")
    VISUAL = "visual", _("Visual")
    HEARING = "hearing", _("Hearing")
    SPEECH = "speech", _("Speech")
    INTELLECTUAL = "intellectual", _("Intellectual")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial")
    AUTISM = "autism", _("Autism")
    MULTIPLE = "multiple", _("Multiple")
    OTHER = "other", _("Other")


class Person(models.Model):
    """A member of a household. `lgi` repeats the household's, so every permission check and
    search is one indexed column away."""

    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.CASCADE, related_name="members"
    )
    lgi = models.ForeignKey(
        "places.Area",
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        db_index=False,  # the indexes in Meta begin with it
    )
    name_bn = models.CharField(_("name (Bangla)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    name_key = models.CharField(max_length=150, editable=False)
    sex = models.CharField(_("sex"), max_length=12, choices=Sex.choices)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    relation = models.CharField(
        _("relation to the head"), max_length=12, choices=Relation.choices, default=Relation.OTHER
    )
    disability = models.CharField(
        _("disability"), max_length=12, choices=Disability.choices, blank=True, default=""
    )
    id_type = models.CharField(
        _("identity number type"), max_length=3, choices=IdType.choices, blank=True
    )
    id_hash = models.CharField(max_length=64, blank=True, editable=False)
    id_ciphertext = models.TextField(blank=True, editable=False)
    id_last3 = models.CharField(_("identity number (last 3 digits)"), max_length=3, blank=True)
    source_import = models.PositiveBigIntegerField(_("import"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["household", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["household", "id_hash"],
                condition=~Q(id_hash=""),
                name="registry_person_identity_once_per_household",
                violation_error_message=_(
                    "This household already has a member with this identity number."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(id_hash="") & Q(id_type="") & Q(id_ciphertext=""))
                | (~Q(id_hash="") & ~Q(id_type="") & ~Q(id_ciphertext="")),
                name="registry_person_identity_complete",
            ),
        ]
        indexes = [
            models.Index(fields=["lgi", "name_key", "date_of_birth"]),
            models.Index(fields=["lgi", "date_of_birth"]),
            # Matched whole, never by prefix: no LIKE index beside it.
            models.Index(fields=["id_hash"], name="registry_person_id_hash"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name_bn or self.name_en)
        if self.household_id and not self.lgi_id:
            self.lgi_id = self.household.lgi_id
        super().save(*args, **kwargs)

    @property
    def name(self):
        return _bilingual(self.name_bn, self.name_en)

    @property
    def masked_id(self):
        """What anyone allowed to see this person sees of the number: the last three digits."""
        if not self.id_last3:
            return ""
        length = 17 if self.id_type == IdType.BRN else None
        return identity.MASK * ((length or 10) - 3) + self.id_last3

    def age(self, today=None):
        if self.date_of_birth is None:
            return None
        today = today or timezone.localdate()
        born = self.date_of_birth
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    def set_identity(self, number):
        """Store an :class:`~registry.identity.IdentityNumber` (or ``None`` to clear it)."""
        if number is None:
            self.id_type = self.id_hash = self.id_ciphertext = self.id_last3 = ""
            return
        self.id_type = number.id_type
        self.id_hash = number.hash
        self.id_ciphertext = number.encrypt()
        self.id_last3 = number.last3

    def reveal_identity(self):
        """The number in clear, for an authorised and logged reveal only."""
        return identity.decrypt(self.id_ciphertext) if self.id_ciphertext else ""

    def clean(self):
        if self.id_ciphertext and self.date_of_birth:
            try:
                identity.parse_identity(
                    self.reveal_identity(), self.id_type, self.date_of_birth, _("identity number")
                )
            except identity.IdentityError as exc:
                raise ValidationError({"date_of_birth": exc.messages}) from None


class Benefit(models.Model):
    """A benefit a person received: a practice's service (through the replication that brought
    it to the union) or a social-protection allowance, for a fiscal year, in taka or in kind.

    `household` and `lgi` are the person's at the time, so figures by area stay what they were
    if the person later moves. `fingerprint` identifies the same benefit again on re-import.
    """

    # Every import writes each index of this table once a row, so keys already leading a
    # composite index (person, household, practice, programme; see Meta) have no index of
    # their own.
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="benefits",
        db_index=False,
    )
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="+", editable=False, db_index=False
    )
    lgi = models.ForeignKey(
        "places.Area", on_delete=models.PROTECT, related_name="+", editable=False
    )
    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("practice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registry_benefits",
        db_index=False,
    )
    replication = models.ForeignKey(
        "practices.Replication",
        verbose_name=_("replication"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registry_benefits",
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="benefits",
        db_index=False,
    )
    date = models.DateField(_("date"), null=True, blank=True)
    fiscal_year = models.CharField(_("fiscal year"), max_length=7)
    amount = AmountBDTField(_("amount (BDT)"), null=True, blank=True)
    in_kind = models.CharField(_("in kind"), max_length=200, blank=True)
    fingerprint = models.CharField(max_length=32, editable=False)
    source_import = models.PositiveBigIntegerField(_("import"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")
        ordering = ["-fiscal_year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(practice__isnull=False, programme__isnull=True)
                | Q(practice__isnull=True, programme__isnull=False),
                name="registry_benefit_practice_or_programme",
                violation_error_message=_("A benefit comes from a practice or a programme."),
            ),
            models.CheckConstraint(
                condition=Q(replication__isnull=True) | Q(practice__isnull=False),
                name="registry_benefit_replication_needs_practice",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=False) | ~Q(in_kind=""),
                name="registry_benefit_amount_or_kind",
                violation_error_message=_("Give an amount in taka or what was given in kind."),
            ),
            models.UniqueConstraint(
                fields=["person", "fingerprint"], name="registry_benefit_once_per_person"
            ),
        ]
        indexes = [
            models.Index(fields=["practice", "lgi", "fiscal_year"]),
            models.Index(fields=["programme", "lgi", "fiscal_year"]),
            models.Index(fields=["household", "fiscal_year"]),
        ]

    def __str__(self):
        return f"{self.source_name} {self.fiscal_year}"

    def save(self, *args, **kwargs):
        from . import aggregates

        creating = self._state.adding
        if self.replication_id and not self.practice_id:
            self.practice_id = self.replication.practice_id
        if self.date and not self.fiscal_year:
            self.fiscal_year = fiscal_year_of(self.date)
        self.household_id = self.person.household_id
        self.lgi_id = self.person.lgi_id
        self.fingerprint = benefit_fingerprint(
            self.practice_id,
            self.programme_id,
            self.fiscal_year,
            self.date,
            self.amount,
            self.in_kind,
        )
        if not creating:
            super().save(*args, **kwargs)
            return
        rows = [aggregates.BenefitRow.of(self)]
        with transaction.atomic(using=kwargs.get("using")):
            pending = aggregates.prepare(rows)
            super().save(*args, **kwargs)
            pending.apply(rows)

    def delete(self, *args, **kwargs):
        from . import aggregates

        keys = aggregates.keys_of([self])
        with transaction.atomic(using=kwargs.get("using")):
            result = super().delete(*args, **kwargs)
            aggregates.refresh_keys(keys)
        return result

    @property
    def source_name(self):
        if self.practice_id:
            return self.practice.title
        return self.programme.name if self.programme_id else ""

    def clean(self):
        if (
            self.replication_id
            and self.practice_id
            and self.replication.practice_id != (self.practice_id)
        ):
            raise ValidationError({"replication": _("This replication is of another practice.")})
        if self.date and self.fiscal_year and fiscal_year_of(self.date) != self.fiscal_year:
            raise ValidationError(
                {
                    "fiscal_year": _("The date falls in fiscal year %(year)s.")
                    % {"year": fiscal_year_of(self.date)}
                }
            )


def benefit_fingerprint(practice_id, programme_id, fiscal_year, date, amount, in_kind):
    """What makes two benefit rows of one person the same row (for idempotent imports)."""
    parts = [
        str(practice_id or ""),
        str(programme_id or ""),
        fiscal_year or "",
        date.isoformat() if date else "",
        f"{Decimal(str(amount)):.2f}" if amount is not None else "",
        in_kind or "",
    ]
    return hashlib.md5("|".join(parts).encode(), usedforsecurity=False).hexdigest()


class UpdateCycle(models.Model):
    """The yearly update (হালনাগাদ) that opens each January: every household is to be
    re-verified; until it is, it is listed as stale for its union."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    households_at_opening = models.PositiveIntegerField(_("households at opening"), default=0)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("update cycle")
        verbose_name_plural = _("update cycles")

    def __str__(self):
        return str(self.year)

    @classmethod
    def current(cls, today=None):
        today = today or timezone.localdate()
        return cls.objects.filter(year__lte=today.year).order_by("-year").first()


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The registry's access log cannot be changed.")

    def delete(self):
        raise PermissionError("The registry's access log cannot be deleted.")


class AccessAction(models.TextChoices):
    VIEW_UNION = "view_union", _("Viewed a union's households")
    VIEW_HOUSEHOLD = "view_household", _("Viewed a household")
    VIEW_PERSON = "view_person", _("Viewed a person")
    REVEAL_ID = "reveal_id", _("Revealed an identity number")
    SEARCH = "search", _("Searched persons")
    PRIORITY_LIST = "priority_list", _("Viewed a priority list")
    EXPORT = "export", _("Exported personal data")
    DUPLICATES = "duplicates", _("Viewed duplicate flags")
    DUPLICATE_DECISION = "duplicate_decision", _("Decided on a duplicate flag")
    VERIFY = "verify", _("Verified a household")
    IMPORT = "import", _("Imported personal data")


class AccessLog(models.Model):
    """Who saw, searched or exported personal data, of which LGI, when and from where.

    Rows are only ever added: saving an existing row, deleting, and queryset updates and
    deletes are refused here, and the database refuses them too (a trigger, see the migration).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    username = models.CharField(_("user name"), max_length=150)
    action = models.CharField(_("action"), max_length=20, choices=AccessAction.choices)
    lgi = models.ForeignKey(
        "places.Area",
        verbose_name=_("union or pourashava"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    target = models.CharField(_("what"), max_length=200, blank=True)
    query = models.CharField(_("query"), max_length=500, blank=True)
    rows = models.PositiveIntegerField(_("persons shown"), default=0)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True)
    forwarded_for = models.CharField(_("forwarded for"), max_length=200, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        default_permissions = ("view",)
        indexes = [models.Index(fields=["lgi", "at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The registry's access log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The registry's access log cannot be deleted.")


class FlagKind(models.TextChoices):
    SAME_ID = "same_id", _("Same identity number in two households")
    REPEAT_BENEFIT = "repeat_benefit", _("Same benefit twice in one fiscal year")
    LIKELY_SAME = "likely_same", _("Likely the same person (name, date of birth, union)")


class FlagStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CONFIRMED = "confirmed", _("Confirmed duplicate")
    DISMISSED = "dismissed", _("Dismissed: not a duplicate")
    MERGED = "merged", _("Merged")


class DuplicateFlag(models.Model):
    """A suspected duplicate for review: two person records, or two benefit rows.

    `lgi` and `other_lgi` are the unions of the two records; a decision needs personal-data
    access to both. `signature` keeps a pair from being flagged twice.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=FlagKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=FlagStatus.choices, default=FlagStatus.OPEN
    )
    lgi = models.ForeignKey(
        "places.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("union")
    )
    other_lgi = models.ForeignKey(
        "places.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("other union")
    )
    person_a = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    person_b = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    benefit_a = models.ForeignKey(
        Benefit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    benefit_b = models.ForeignKey(
        Benefit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signature = models.CharField(max_length=80, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["status", "-created_at", "pk"]
        verbose_name = _("duplicate flag")
        verbose_name_plural = _("duplicate flags")
        indexes = [
            models.Index(fields=["lgi", "status"]),
            models.Index(fields=["other_lgi", "status"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def lgi_ids(self):
        return {self.lgi_id, self.other_lgi_id}


class BeneficiaryAggregate(models.Model):
    """Distinct persons and households that benefited, per practice (or programme) × LGI ×
    fiscal year; `fiscal_year` "" holds the all-years figure. Kept up to date by every write of
    benefits (:mod:`registry.aggregates`), never read from the benefit rows on a page view."""

    practice = models.ForeignKey(
        "practices.PracticePage",
        null=True,
        on_delete=models.CASCADE,
        related_name="beneficiary_aggregates",
    )
    programme = models.ForeignKey(
        Programme, null=True, on_delete=models.CASCADE, related_name="aggregates"
    )
    lgi = models.ForeignKey("places.Area", on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.CharField(max_length=7, blank=True)
    persons = models.PositiveIntegerField(default=0)
    households = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("beneficiary figure")
        verbose_name_plural = _("beneficiary figures")
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "lgi", "fiscal_year"],
                condition=Q(practice__isnull=False),
                name="registry_aggregate_practice_key",
            ),
            models.UniqueConstraint(
                fields=["programme", "lgi", "fiscal_year"],
                condition=Q(programme__isnull=False),
                name="registry_aggregate_programme_key",
            ),
            models.CheckConstraint(
                condition=Q(practice__isnull=False, programme__isnull=True)
                | Q(practice__isnull=True, programme__isnull=False),
                name="registry_aggregate_practice_or_programme",
            ),
        ]
        indexes = [
            models.Index(fields=["practice", "fiscal_year"]),
            models.Index(fields=["programme", "fiscal_year"]),
        ]

    def __str__(self):
        return f"{self.practice_id or self.programme_id} {self.lgi_id} {self.fiscal_year}"
