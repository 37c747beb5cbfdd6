"""Importers used only by the tests: every parser, options, a scope; none of them writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from imports import Column, Importer, Outcome, RowError, parsers
from places.models import Level


class SurveyImporter(Importer):
    kind = "survey-lines"
    label = "Survey lines"
    columns = [
        Column("upazila", _("Upazila"), parsers.area("upazila"), aliases=["উপজেলার নাম"]),
        Column(
            "union",
            _("Union"),
            parsers.area("union", within="upazila"),
            required=True,
            aliases=["ইউনিয়নের নাম"],
        ),
        Column("households", "Households", parsers.integer(min_value=0), aliases=["খানা"]),
        Column("allocated", "Allocated", parsers.amount(), aliases=["বরাদ্দ"]),
        Column("spent", "Spent", parsers.amount(), aliases=["ব্যয়"]),
        Column("visited", "Visited on", parsers.date(latest="today"), aliases=["তারিখ"]),
        Column("level", "Level", parsers.choice(Level), aliases=["স্তর"]),
        Column("fiscal_year", "Fiscal year", parsers.fiscal_year(first=2007), aliases=["অর্থবছর"]),
        Column("disabled", "Disability", parsers.boolean(), aliases=["প্রতিবন্ধিতা"]),
        Column("note", "Note", parsers.text(max_length=20), aliases=["মন্তব্য"]),
    ]
    key_columns = ["union"]

    @classmethod
    def can_use(cls, user):
        return user.is_authenticated

    def validate(self, row, context):
        spent, allocated = row["spent"], row["allocated"]
        if spent is not None and allocated is not None and spent > allocated:
            raise RowError(
                _("Spent %(spent)s is more than allocated %(allocated)s."),
                column="spent",
                spent=spent,
                allocated=allocated,
            )

    def commit_batch(self, rows, context):
        return Outcome(unchanged=len(rows))


class LedgerImporter(Importer):
    """The least an importer can be: a code that must not repeat, and a number."""

    kind = "ledger-lines"
    label = "Ledger lines"
    columns = [
        Column("code", "Code", parsers.text(max_length=20), required=True),
        Column("count", "Count", parsers.integer(min_value=0)),
    ]
    key_columns = ["code"]

    @classmethod
    def can_use(cls, user):
        return user.is_authenticated

    def commit_batch(self, rows, context):
        return Outcome(unchanged=len(rows))


class SurveyRound(forms.Form):
    survey_round = forms.ChoiceField(
        label="Survey round", choices=[("baseline", "Baseline"), ("follow-up", "Follow-up")]
    )


class ScopedSurveyImporter(Importer):
    """A survey of one LGI, chosen on the upload form, with an option of its own."""

    kind = "scoped-survey"
    label = "Survey of one LGI"
    scoped = True
    options_form = SurveyRound
    columns = [
        Column("upazila", _("Upazila"), parsers.area("upazila")),
        Column(
            "union",
            _("Union"),
            parsers.area("union", within="upazila", in_scope=True),
            required=True,
        ),
        Column("households", "Households", parsers.integer(min_value=0)),
    ]
    key_columns = ["union"]
    views = []

    @classmethod
    def can_use(cls, user):
        return user.is_authenticated

    @classmethod
    def job_viewed(cls, request, job, what):
        cls.views.append((request.user.username, job.pk, what))

    def validate(self, row, context):
        if context.options["survey_round"] == "follow-up" and row["households"] is None:
            raise RowError("A follow-up needs the number of households.", column="households")

    def commit_batch(self, rows, context):
        return Outcome(unchanged=len(rows))
