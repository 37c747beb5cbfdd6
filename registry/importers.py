"""The registry's importer for the import framework (`imports/`): a union's list of households
and persons, one row per person — and per benefit, when the list records what they received.

Files come as union staff have them: Bangla or English headers, Bangla or ASCII digits, dates as
DD/MM/YYYY or YYYY-MM-DD (the words and cells of such lists are read by :mod:`registry.cells`).
Identity numbers are checked by :mod:`registry.identity` and appear in the preview and in every
error masked; placeholders (``0000000000``) are refused, and so is a number as long as an
identity number in any other column (a row whose cells slipped). Dates of birth are from 1900
to today. Household codes are text; one that looks as if a spreadsheet removed its leading
zeros is noted on the import's page (:mod:`registry.codes`). The uploaded file is deleted once
written; re-importing it changes nothing (households by code, persons by identity hash,
benefits by fingerprint).
"""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from imports import Column, Importer, Outcome, RowError, parsers, register

from .access import has_national_reach, log_access, may_see_personal_data, personal_data_lgis
from .cells import (
    EARLIEST_BIRTH,
    ID_TYPE_ALIASES,
    RELATION_ALIASES,
    SEX_ALIASES,
    DisabilityParser,
    IdentityNumberParser,
    NoIdentityNumber,
    ProgrammeParser,
    has_benefit,
    household_code,
)
from .codes import CodeCheck, job_notes
from .identity import IdType
from .models import AccessAction, AccessLog, ImportNote, Programme, Relation, Sex, fiscal_year_of
from .writer import Record, RegistryWriter

KIND = "registry-persons"
IMPORT_KINDS = [KIND]


class RegistryImportOptions(forms.Form):
    practice = forms.ModelChoiceField(
        queryset=None,
        label=_("Practice the benefits came from"),
        required=False,
        help_text=_("For a list of a practice's beneficiaries; leave empty otherwise."),
    )
    programme = forms.ModelChoiceField(
        queryset=Programme.objects.all(),
        label=_("Programme the benefits came from"),
        required=False,
        help_text=_("For a list of an allowance's beneficiaries, unless a column names it."),
    )

    def __init__(self, *args, **kwargs):
        from practices.models import PracticePage

        super().__init__(*args, **kwargs)
        self.fields["practice"].queryset = PracticePage.objects.live().order_by("title")


@register
class RegistryImporter(Importer):
    kind = KIND
    label = _("Registry: households, persons and benefits")
    description = _(
        "One row per person, with their household; add the benefit columns to record what each "
        "received (one row per benefit). Identity numbers are checked and stored encrypted."
    )
    scoped = True
    batch_size = 5000
    file_holds_personal_data = True
    options_form = RegistryImportOptions
    columns = [
        Column(
            "household_code",
            _("Household code"),
            NoIdentityNumber(parsers.text(max_length=40)),
            aliases=["খানা নং", "খানা নম্বর", "খানা কোড", "household no", "hh code", "hh no"],
            required=True,
        ),
        Column(
            "ward",
            _("Ward"),
            NoIdentityNumber(parsers.integer(min_value=1, max_value=9)),
            aliases=["ওয়ার্ড নং", "ওয়ার্ড নম্বর", "ward no"],
            required=True,
        ),
        Column(
            "village",
            _("Village or para"),
            NoIdentityNumber(parsers.text(max_length=150)),
            aliases=["গ্রাম", "পাড়া", "গ্রাম/পাড়া", "village", "para"],
        ),
        Column("landless", _("Landless"), NoIdentityNumber(parsers.boolean()), aliases=["ভূমিহীন"]),
        Column(
            "female_headed",
            _("Female-headed"),
            NoIdentityNumber(parsers.boolean()),
            aliases=["নারী প্রধান", "নারী প্রধান খানা"],
        ),
        Column(
            "name_bn",
            _("Name (Bangla)"),
            NoIdentityNumber(parsers.text(max_length=150)),
            aliases=["নাম", "name", "নাম বাংলায়", "সদস্যের নাম", "উপকারভোগীর নাম"],
        ),
        Column(
            "name_en",
            _("Name (English)"),
            NoIdentityNumber(parsers.text(max_length=150)),
            aliases=["নাম ইংরেজিতে", "name in english"],
        ),
        Column(
            "sex",
            _("Sex"),
            NoIdentityNumber(parsers.choice(Sex, aliases=SEX_ALIASES)),
            aliases=["লিঙ্গ", "gender"],
            required=True,
        ),
        Column(
            "date_of_birth",
            _("Date of birth"),
            NoIdentityNumber(parsers.date(min_value=EARLIEST_BIRTH, max_value="today")),
            aliases=["জন্ম তারিখ", "জন্মতারিখ", "dob", "birth date"],
        ),
        Column(
            "relation",
            _("Relation to the head"),
            NoIdentityNumber(parsers.choice(Relation, aliases=RELATION_ALIASES)),
            aliases=["খানা প্রধানের সাথে সম্পর্ক", "সম্পর্ক", "relation", "relationship"],
            default=Relation.OTHER,
        ),
        Column(
            "disability",
            _("Disability"),
            NoIdentityNumber(DisabilityParser()),
            aliases=["প্রতিবন্ধিতা", "প্রতিবন্ধী", "disabled"],
            default="",
        ),
        Column(
            "id_type",
            _("Identity number type"),
            NoIdentityNumber(parsers.choice(IdType, aliases=ID_TYPE_ALIASES)),
            aliases=["পরিচয়পত্রের ধরন", "id type"],
        ),
        Column(
            "id_number",
            _("Identity number"),
            IdentityNumberParser(),
            aliases=[
                "এনআইডি নং",
                "এনআইডি নম্বর",
                "জাতীয় পরিচয়পত্র নম্বর",
                "জাতীয় পরিচয়পত্র নং",
                "জন্ম নিবন্ধন নম্বর",
                "জন্ম নিবন্ধন নং",
                "এনআইডি/জন্ম নিবন্ধন নম্বর",
                "nid",
                "nid no",
                "brn",
                "nid/brn",
            ],
        ),
        Column(
            "programme",
            _("Programme"),
            NoIdentityNumber(ProgrammeParser()),
            aliases=["কর্মসূচি", "ভাতার ধরন", "সেবার ধরন", "allowance"],
        ),
        Column(
            "fiscal_year",
            _("Fiscal year"),
            NoIdentityNumber(parsers.fiscal_year(first=2000)),
            aliases=["অর্থবছর", "অর্থ বছর", "fy"],
        ),
        Column(
            "benefit_date",
            _("Date received"),
            NoIdentityNumber(parsers.date(latest="today")),
            aliases=["প্রাপ্তির তারিখ", "বিতরণের তারিখ", "তারিখ", "date"],
        ),
        Column(
            "amount",
            _("Amount (BDT)"),
            NoIdentityNumber(parsers.amount()),
            aliases=["টাকার পরিমাণ", "পরিমাণ", "টাকা", "amount"],
        ),
        Column(
            "in_kind",
            _("In kind"),
            NoIdentityNumber(parsers.text(max_length=200)),
            aliases=["দ্রব্য", "সেবা", "কী দেওয়া হয়েছে", "kind"],
        ),
    ]

    @classmethod
    def can_use(cls, user):
        return may_see_personal_data(user)

    @classmethod
    def visible_jobs(cls, user):
        if has_national_reach(user):
            return Q()
        return Q(scope__in=list(personal_data_lgis(user).values_list("pk", flat=True)))

    @classmethod
    def scope_queryset(cls, user):
        return personal_data_lgis(user)

    @classmethod
    def job_viewed(cls, request, job, what):
        log_access(request, AccessAction.IMPORT, lgi=job.scope, target=f"import {job.pk} {what}")
        if what == "preview" and job.status in ("valid", "invalid"):
            # What the check noticed without refusing (household codes that lost their
            # leading zeros), on the import's page before it is committed.
            for text in job_notes(job.pk):
                messages.warning(request, text)

    def natural_key(self, row):
        # A person as the writer matches them (registry.writer): by number, else by name and
        # date of birth, else (no date to tell) by name, sex and relation.
        number = row.get("id_number")
        name = row.get("name_bn") or row.get("name_en") or ""
        if number is not None:
            person = number.hash
        elif row.get("date_of_birth") is not None:
            person = (name, row["date_of_birth"])
        else:
            person = (name, None, row.get("sex"), row.get("relation") or Relation.OTHER)
        return (
            household_code(row),
            person,
            row.get("programme"),
            row.get("fiscal_year"),
            row.get("benefit_date"),
            row.get("amount"),
            row.get("in_kind") or "",
        )

    def start(self, context):
        from practices.models import PracticePage, Replication

        context.cache["households"] = {}
        job_id = getattr(context.job, "pk", None)
        context.cache["codes"] = CodeCheck(
            context.scope, job_id=None if context.committing else job_id
        )
        practice_id = context.options.get("practice")
        replication = None
        if practice_id and context.scope is not None:
            replication = (
                Replication.objects.filter(practice_id=practice_id, lgi=context.scope)
                .values_list("pk", flat=True)
                .first()
            )
        context.cache["replication"] = replication
        context.cache["practice_reaches_union"] = replication is not None or (
            bool(practice_id)
            and PracticePage.objects.filter(pk=practice_id, lgi=context.scope).exists()
        )
        if context.committing:
            context.cache["writer"] = RegistryWriter(context.scope, source_import=context.job.pk)
            context.cache["rows"] = 0

    def _source(self, row, context):
        if row.get("programme"):
            return None, row["programme"]
        practice = context.options.get("practice")
        if practice:
            return practice, None
        return None, context.options.get("programme")

    def validate(self, row, context):
        if context.scope is None:
            raise RowError(_("Choose the union or pourashava whose list this is."))
        if not (row.get("name_bn") or row.get("name_en")):
            raise RowError(_("Give the person's name in Bangla or English."), column="name_bn")
        self._check_household(row, context)
        if not has_benefit(row):
            return
        practice, programme = self._source(row, context)
        if not (practice or programme):
            raise RowError(
                _(
                    "This row records a benefit but not where it came from: choose a practice or "
                    "programme on the upload form, or add a programme column."
                ),
                column="programme",
            )
        if practice and not context.cache["practice_reaches_union"]:
            raise RowError(
                _(
                    "This union has no replication of the chosen practice: record the "
                    "replication first."
                )
            )
        fiscal_year, received = row.get("fiscal_year"), row.get("benefit_date")
        if not (fiscal_year or received):
            raise RowError(_("Give the fiscal year or the date received."), column="fiscal_year")
        if fiscal_year and received and fiscal_year_of(received) != fiscal_year:
            raise RowError(
                _("The date received falls in fiscal year %(year)s, not %(given)s."),
                column="benefit_date",
                year=parsers.fiscal_year_text(fiscal_year_of(received)),
                given=parsers.fiscal_year_text(fiscal_year),
            )
        if row.get("amount") is None and not row.get("in_kind"):
            raise RowError(_("Give the amount in taka or what was given in kind."), column="amount")

    def _check_household(self, row, context):
        """The rows of one household agree on its ward and village and name one head."""
        code = household_code(row)
        seen = context.cache["households"]
        facts = hash((row["ward"], row.get("village") or ""))
        first = seen.get(code)
        is_head = row.get("relation") == Relation.HEAD
        if first is None:
            context.cache["codes"].check(code, row["ward"], row.get("village") or "", row.number)
            seen[code] = (facts, row.number, row.number if is_head else None)
            return
        first_facts, first_row, head_row = first
        if facts != first_facts:
            raise RowError(
                _("Row %(first)s gives this household another ward or village."),
                column="ward",
                first=first_row,
            )
        if is_head:
            if head_row is not None and head_row != row.number:
                raise RowError(
                    _("Row %(first)s already names the head of this household."),
                    column="relation",
                    first=head_row,
                )
            seen[code] = (first_facts, first_row, row.number)

    def commit_batch(self, rows, context):
        records = []
        for row in rows:
            practice, programme = self._source(row, context) if has_benefit(row) else (None, None)
            records.append(
                Record(
                    household_code=household_code(row),
                    ward=row["ward"],
                    village=row.get("village") or "",
                    landless=row.get("landless"),
                    female_headed=row.get("female_headed"),
                    name_bn=row.get("name_bn") or "",
                    name_en=row.get("name_en") or "",
                    sex=row["sex"],
                    date_of_birth=row.get("date_of_birth"),
                    relation=row.get("relation") or Relation.OTHER,
                    disability=row.get("disability") or "",
                    identity=row.get("id_number"),
                    practice_id=practice,
                    replication_id=context.cache["replication"] if practice else None,
                    programme_id=programme,
                    fiscal_year=row.get("fiscal_year") or "",
                    benefit_date=row.get("benefit_date"),
                    amount=row.get("amount"),
                    in_kind=row.get("in_kind") or "",
                )
            )
        written = context.cache["writer"].write(records)
        context.cache["rows"] += len(records)
        return Outcome(written.created, written.updated, written.unchanged)

    def finish(self, context):
        from .cycle import mark_verified
        from .models import Household
        from .tasks import detect_duplicates

        writer = context.cache["writer"]
        writer.refresh_household_flags()
        touched = sorted(writer.households_touched)
        for start in range(0, len(touched), 2000):
            chunk = Household.objects.filter(pk__any=touched[start : start + 2000])
            mark_verified(chunk.exclude(verified_on=writer.today), writer.today)
        AccessLog.objects.create(
            user=context.user,
            username=context.user.get_username() if context.user else "",
            action=AccessAction.IMPORT,
            lgi=context.scope,
            target=f"import {context.job.pk}",
            rows=context.cache["rows"],
        )
        ImportNote.objects.filter(job_id=context.job.pk).delete()
        lgi_id = context.scope.pk
        transaction.on_commit(lambda: detect_duplicates.delay([lgi_id]))
