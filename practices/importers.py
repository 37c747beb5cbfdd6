"""Bulk loads of one practice's replications and budget allocations, for the import framework
(`imports/`): upload → dry run with a row-by-row report → all-or-nothing commit.

A file holds the rows of one practice, chosen on the upload form. LGIs are given by district,
upazila and union (or pourashava), each by code or by Bangla or English name; digits may be
Bangla or ASCII. Re-importing a file changes nothing: a replication is matched on its LGI, a
budget line on LGI × fiscal year × source of funds × original/revised, and an existing one is
updated rather than repeated. The practice's figures are recomputed in the same transaction.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from imports import Column, Importer, RowError, parsers, register, upsert

from . import counts
from .models import (
    BudgetAllocation,
    BudgetVersion,
    FundSource,
    PracticePage,
    Replication,
    ReplicationStatus,
)

FIRST_FISCAL_YEAR = 2000


class PracticeOption(forms.Form):
    practice = forms.ModelChoiceField(queryset=None, label=_("Practice"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice"].queryset = PracticePage.objects.order_by("title")


def lgi_columns():
    """District and upazila narrow down a union's name; a code alone is enough."""
    return [
        Column("district", _("District"), parsers.area("district"), aliases=["জেলা"]),
        Column(
            "upazila",
            _("Upazila"),
            parsers.area("upazila", within="district"),
            aliases=["উপজেলা", "Upazila/Thana", "উপজেলা/থানা"],
        ),
        Column(
            "lgi",
            _("Union or pourashava"),
            parsers.area("union", "pourashava", within="upazila"),
            aliases=["Union", "ইউনিয়ন", "ইউনিয়ন পরিষদ", "Pourashava", "পৌরসভা", "LGI"],
            required=True,
        ),
    ]


class PracticeRowsImporter(Importer):
    options_form = PracticeOption

    def start(self, context):
        practice = PracticePage.objects.only("pk", "lgi_id", "title").get(
            pk=context.options["practice"]
        )
        context.cache["practice"] = practice

    def finish(self, context):
        counts.recompute([context.cache["practice"].pk])


@register
class ReplicationImporter(PracticeRowsImporter):
    kind = "practice-replications"
    label = _("Replications of a practice")
    description = _(
        "One row per union parishad or pourashava that took up the practice: its status, dates, "
        "fiscal year and households reached."
    )
    columns = [
        *lgi_columns(),
        Column(
            "status",
            _("Status"),
            parsers.choice(ReplicationStatus),
            aliases=["অবস্থা", "অগ্রগতি"],
            required=True,
        ),
        Column("start_date", _("Start date"), parsers.date(latest="today"), aliases=["শুরু"]),
        Column("end_date", _("End date"), parsers.date(latest="today"), aliases=["শেষ"]),
        Column(
            "fiscal_year",
            _("Fiscal year"),
            parsers.fiscal_year(first=FIRST_FISCAL_YEAR),
            aliases=["অর্থ বছর", "FY"],
        ),
        Column(
            "households_reached",
            _("Households reached"),
            parsers.integer(min_value=0),
            aliases=["উপকৃত খানা", "খানার সংখ্যা", "Households"],
        ),
    ]
    key_columns = ["lgi"]

    def validate(self, row, context):
        practice = context.cache["practice"]
        if row["lgi"].pk == practice.lgi_id:
            raise RowError(
                _(
                    "%(lgi)s is where “%(practice)s” comes from: an LGI does not replicate its own "
                    "practice."
                ),
                column="lgi",
                lgi=row["lgi"],
                practice=practice.title,
            )
        if row.get("start_date") and row.get("end_date") and row["end_date"] < row["start_date"]:
            raise RowError(_("The end date is before the start date."), column="end_date")

    def commit_batch(self, rows, context):
        practice = context.cache["practice"]
        return upsert(
            Replication,
            [
                Replication(
                    practice=practice,
                    lgi=row["lgi"],
                    status=row["status"],
                    start_date=row.get("start_date"),
                    end_date=row.get("end_date"),
                    fiscal_year=row.get("fiscal_year") or "",
                    households_reached=row.get("households_reached"),
                )
                for row in rows
            ],
            key_fields=["practice", "lgi"],
            update_fields=[
                "status",
                "start_date",
                "end_date",
                "fiscal_year",
                "households_reached",
            ],
            # NILG verified the figures it saw, not the ones a new list brings.
            reset_on_change={"verified_by": None, "verified_at": None},
        )


@register
class BudgetAllocationImporter(PracticeRowsImporter):
    kind = "practice-budget"
    label = _("Budget allocations to a practice")
    description = _(
        "One row per budget line: the LGI, fiscal year, amounts allocated and spent in taka, "
        "source of funds and whether it is the original or the revised budget. Each LGI must "
        "have a replication of the practice (or be where it comes from)."
    )
    columns = [
        *lgi_columns(),
        Column(
            "fiscal_year",
            _("Fiscal year"),
            parsers.fiscal_year(first=FIRST_FISCAL_YEAR),
            aliases=["অর্থ বছর", "FY"],
            required=True,
        ),
        Column(
            "allocated",
            _("Allocated (BDT)"),
            parsers.amount(),
            aliases=["বরাদ্দ", "Allocated", "বরাদ্দের পরিমাণ"],
            required=True,
        ),
        Column(
            "spent",
            _("Spent (BDT)"),
            parsers.amount(),
            aliases=["ব্যয়", "Spent", "খরচ"],
            default=0,
        ),
        Column(
            "source",
            _("Source of funds"),
            parsers.choice(
                FundSource,
                aliases={"রাজস্ব": FundSource.OWN_REVENUE, "এডিপি": FundSource.BLOCK_GRANT},
            ),
            aliases=["উৎস", "তহবিলের উৎস"],
            default=FundSource.OWN_REVENUE,
        ),
        Column(
            "version",
            _("Budget"),
            parsers.choice(BudgetVersion),
            aliases=["বাজেটের ধরন", "Original or revised", "মূল বা সংশোধিত"],
            default=BudgetVersion.ORIGINAL,
        ),
    ]
    key_columns = ["lgi", "fiscal_year", "source", "version"]

    def start(self, context):
        super().start(context)
        practice = context.cache["practice"]
        context.cache["may_budget"] = {
            practice.lgi_id,
            *Replication.objects.filter(practice=practice).values_list("lgi_id", flat=True),
        }

    def validate(self, row, context):
        if row["spent"] > row["allocated"]:
            raise RowError(
                _(
                    "The amount spent (%(spent)s) is more than the amount allocated "
                    "(%(allocated)s)."
                ),
                column="spent",
                spent=row["spent"],
                allocated=row["allocated"],
            )
        if row["lgi"].pk not in context.cache["may_budget"]:
            raise RowError(
                _(
                    "%(lgi)s has no replication of “%(practice)s”: record the replication before "
                    "its budget."
                ),
                column="lgi",
                lgi=row["lgi"],
                practice=context.cache["practice"].title,
            )

    def commit_batch(self, rows, context):
        practice = context.cache["practice"]
        return upsert(
            BudgetAllocation,
            [
                BudgetAllocation(
                    practice=practice,
                    lgi=row["lgi"],
                    fiscal_year=row["fiscal_year"],
                    allocated=row["allocated"],
                    spent=row["spent"],
                    source=row["source"],
                    version=row["version"],
                )
                for row in rows
            ],
            key_fields=["lgi", "fiscal_year", "practice", "source", "version"],
            update_fields=["allocated", "spent"],
        )
