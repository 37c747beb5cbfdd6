"""Households (খানা) of a union and their members, with the flags derived from who lives
there. Identity numbers exist only as a keyed hash, a ciphertext and their last three digits
(:mod:`registry.identity`)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bangla import name_key

from .. import identity
from ..identity import IdType
from .base import ELDERLY_AGE, bilingual, years_ago
from .cycle import UpdateCycle


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
    # A list that says only "yes" (হ্যাঁ): a disability whose kind was not recorded.
    UNSPECIFIED = "unspecified", _("Kind not recorded")


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
        return bilingual(self.name_bn, self.name_en)

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
