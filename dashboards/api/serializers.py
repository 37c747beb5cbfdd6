"""What the open data API and the downloads publish of each table: public fields only, never a
person (no user, no participant, no registry record). `help_text` is each field's meaning;
`Meta.units` and `Meta.sources` complete the data-package page."""

from django.utils.translation import gettext_lazy as _

from rest_framework import serializers

from practices.models import (
    SUSTAINABILITY_FIELDS,
    BudgetAllocation,
    CircularPage,
    CircularStatusChange,
    PracticePage,
    Replication,
    Theme,
)

BDT = _("taka (BDT)")
HOUSEHOLDS = _("households")
PERSONS = _("persons")
LGIS = _("LGIs")
REPLICATIONS = _("replications")
SRC_PRACTICE = _("the practice page, published by NILG")
SRC_FIGURES = _("computed from the practice's replications and budget lines")
SRC_REPLICATION = _("the replication record, entered by the union or NILG")
SRC_BUDGET = _("the union's budget line")
SRC_CIRCULAR = _("the circular page, published by NILG")
SRC_PIPELINE = _("the practice's circular-status history, recorded by NILG")
SRC_RECHECKS = _(
    "computed from the re-checks of the practice's completed replications, one and three years "
    "after they ended"
)
SRC_GEOGRAPHY = _("BBS geography via OCHA COD-AB (see the places app's notes)")
SRC_REGISTRY = _("the beneficiary registry's aggregate figures (never a person)")


def area_key(area):
    return area.key if area is not None else None


class AreaKeyField(serializers.CharField):
    """An area given by its key (P-code, or UN/PS number for unions and pourashavas)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        area = super().get_attribute(instance)
        return area_key(area)

    def to_representation(self, value):
        return value


class ThemeSerializer(serializers.ModelSerializer):
    slug = serializers.SlugField(help_text=_("Identifier of the theme in addresses."))
    name_bn = serializers.CharField(help_text=_("Name of the theme in Bangla."))
    name_en = serializers.CharField(help_text=_("Name of the theme in English."))

    class Meta:
        model = Theme
        fields = ["slug", "name_bn", "name_en"]
        units = {}
        sources = {"*": _("NILG's list of themes")}


class AreaSerializer(serializers.Serializer):
    key = serializers.CharField(
        help_text=_(
            "Stable identifier of the area: the P-code, or UN/PS and a number for unions and "
            "pourashavas (which have no P-code in the data)."
        )
    )
    code = serializers.CharField(help_text=_("BBS P-code (empty for unions and pourashavas)."))
    level = serializers.CharField(help_text=_("division, district, upazila, union or pourashava."))
    name_bn = serializers.CharField(help_text=_("Name in Bangla."))
    name_en = serializers.CharField(help_text=_("Name in English."))
    parent = AreaKeyField(help_text=_("Key of the area it belongs to."))
    division = AreaKeyField(help_text=_("Key of its division."))
    district = AreaKeyField(help_text=_("Key of its district."))
    upazila = AreaKeyField(help_text=_("Key of its upazila."))

    class Meta:
        units = {}
        sources = {"*": SRC_GEOGRAPHY}


class PracticeSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(help_text=_("Identifier of the practice page."))
    slug = serializers.SlugField(help_text=_("Identifier of the practice in addresses."))
    url = serializers.SerializerMethodField(help_text=_("Address of the practice page."))
    title = serializers.CharField(help_text=_("Title in Bangla."))
    title_en = serializers.CharField(help_text=_("Title in English (may be empty)."))
    summary_bn = serializers.CharField(help_text=_("Summary in Bangla."))
    summary_en = serializers.CharField(help_text=_("Summary in English (may be empty)."))
    theme = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text=_("Slug of the theme.")
    )
    lgi = AreaKeyField(help_text=_("Key of the union or pourashava where it originated."))
    district = AreaKeyField(source="lgi.district", help_text=_("Key of that LGI's district."))
    division = AreaKeyField(source="lgi.division", help_text=_("Key of that LGI's division."))
    year_identified = serializers.IntegerField(
        help_text=_("Calendar year the practice was identified.")
    )
    how_identified = serializers.CharField(
        help_text=_(
            "How it was identified: appreciative_inquiry, sharing_workshop, exposure_visit, "
            "identification_workshop or other."
        )
    )
    replication_count = serializers.IntegerField(
        help_text=_("Distinct LGIs that completed a replication.")
    )
    ongoing_count = serializers.IntegerField(help_text=_("Replications under way."))
    is_best_practice = serializers.BooleanField(
        help_text=_("Replicated by at least the best-practice threshold of LGIs (default 50).")
    )
    best_practice_since = serializers.DateField(
        allow_null=True, help_text=_("Day the threshold-th replication was completed.")
    )
    budget_allocated = serializers.DecimalField(
        max_digits=16,
        decimal_places=2,
        coerce_to_string=False,
        help_text=_("Union budget allocated to the practice, all years (effective lines)."),
    )
    budget_spent = serializers.DecimalField(
        max_digits=16,
        decimal_places=2,
        coerce_to_string=False,
        help_text=_("Union budget spent on the practice, all years (effective lines)."),
    )
    circular_status = serializers.CharField(
        help_text=_(
            "Policy pipeline: none, nominated, presented, under_review, circular_issued or "
            "not_adopted."
        )
    )
    checked_1y = serializers.IntegerField(
        help_text=_("Completed replications re-checked one year after they ended.")
    )
    running_1y = serializers.IntegerField(
        help_text=_("Of those, how many were still running at that re-check.")
    )
    partly_1y = serializers.IntegerField(
        help_text=_("Of those, how many were partly running at that re-check.")
    )
    checked_3y = serializers.IntegerField(
        help_text=_("Completed replications re-checked three years after they ended.")
    )
    running_3y = serializers.IntegerField(
        help_text=_("Of those, how many were still running at that re-check.")
    )
    partly_3y = serializers.IntegerField(
        help_text=_("Of those, how many were partly running at that re-check.")
    )
    is_demo = serializers.BooleanField(help_text=_("Demo content, not a real record."))
    first_published_at = serializers.DateTimeField(
        allow_null=True, help_text=_("When the page was first published.")
    )
    last_published_at = serializers.DateTimeField(
        allow_null=True, help_text=_("When the page was last published.")
    )

    class Meta:
        model = PracticePage
        fields = [
            "id",
            "slug",
            "url",
            "title",
            "title_en",
            "summary_bn",
            "summary_en",
            "theme",
            "lgi",
            "district",
            "division",
            "year_identified",
            "how_identified",
            "replication_count",
            "ongoing_count",
            "is_best_practice",
            "best_practice_since",
            "budget_allocated",
            "budget_spent",
            "circular_status",
            *SUSTAINABILITY_FIELDS,
            "is_demo",
            "first_published_at",
            "last_published_at",
        ]
        units = {
            "year_identified": _("year"),
            "replication_count": LGIS,
            "ongoing_count": REPLICATIONS,
            "budget_allocated": BDT,
            "budget_spent": BDT,
            **dict.fromkeys(SUSTAINABILITY_FIELDS, REPLICATIONS),
        }
        sources = {
            "*": SRC_PRACTICE,
            "replication_count": SRC_FIGURES,
            "ongoing_count": SRC_FIGURES,
            "is_best_practice": SRC_FIGURES,
            "best_practice_since": SRC_FIGURES,
            "budget_allocated": SRC_FIGURES,
            "budget_spent": SRC_FIGURES,
            "circular_status": SRC_PIPELINE,
            **dict.fromkeys(SUSTAINABILITY_FIELDS, SRC_RECHECKS),
        }

    def get_url(self, practice) -> str:
        return practice.url or ""


class ReplicationSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(help_text=_("Identifier of the replication."))
    practice = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text=_("Identifier of the practice replicated.")
    )
    lgi = AreaKeyField(help_text=_("Key of the union or pourashava that replicated it."))
    upazila = AreaKeyField(source="lgi.upazila", help_text=_("Key of that LGI's upazila."))
    district = AreaKeyField(source="lgi.district", help_text=_("Key of that LGI's district."))
    division = AreaKeyField(source="lgi.division", help_text=_("Key of that LGI's division."))
    status = serializers.CharField(help_text=_("planned, ongoing, completed or discontinued."))
    start_date = serializers.DateField(allow_null=True, help_text=_("Day it started."))
    end_date = serializers.DateField(allow_null=True, help_text=_("Day it was completed."))
    fiscal_year = serializers.CharField(
        help_text=_("Fiscal year recorded (July–June, written 2023-24); may be empty.")
    )
    counted_fiscal_year = serializers.SerializerMethodField(
        help_text=_(
            "Fiscal year the dashboard counts it in: the one recorded, else that of the end "
            "date, else that of the start date."
        )
    )
    households_reached = serializers.IntegerField(
        allow_null=True, help_text=_("Households the union reports the replication reached.")
    )
    verified = serializers.SerializerMethodField(help_text=_("Verified by NILG."))

    class Meta:
        model = Replication
        fields = [
            "id",
            "practice",
            "lgi",
            "upazila",
            "district",
            "division",
            "status",
            "start_date",
            "end_date",
            "fiscal_year",
            "counted_fiscal_year",
            "households_reached",
            "verified",
        ]
        units = {"households_reached": HOUSEHOLDS}
        sources = {"*": SRC_REPLICATION, "verified": _("NILG's verification of the record")}

    def get_counted_fiscal_year(self, replication) -> str:
        from ..aggregates import replication_year

        return replication_year(
            replication.fiscal_year, replication.end_date, replication.start_date
        )

    def get_verified(self, replication) -> bool:
        return replication.verified_at is not None


class BudgetAllocationSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(help_text=_("Identifier of the budget line."))
    practice = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text=_("Identifier of the practice funded.")
    )
    lgi = AreaKeyField(help_text=_("Key of the union or pourashava whose budget it is."))
    upazila = AreaKeyField(source="lgi.upazila", help_text=_("Key of that LGI's upazila."))
    district = AreaKeyField(source="lgi.district", help_text=_("Key of that LGI's district."))
    division = AreaKeyField(source="lgi.division", help_text=_("Key of that LGI's division."))
    fiscal_year = serializers.CharField(help_text=_("Fiscal year (July–June, written 2023-24)."))
    source = serializers.CharField(
        help_text=_("Source of funds: own_revenue, block_grant, project or other.")
    )
    version = serializers.CharField(help_text=_("original or revised budget."))
    allocated = serializers.DecimalField(
        max_digits=16, decimal_places=2, coerce_to_string=False, help_text=_("Amount allocated.")
    )
    spent = serializers.DecimalField(
        max_digits=16, decimal_places=2, coerce_to_string=False, help_text=_("Amount spent.")
    )
    effective = serializers.SerializerMethodField(
        help_text=_("Counts in totals: false for an original line that a revised line supersedes.")
    )

    class Meta:
        model = BudgetAllocation
        fields = [
            "id",
            "practice",
            "lgi",
            "upazila",
            "district",
            "division",
            "fiscal_year",
            "source",
            "version",
            "allocated",
            "spent",
            "effective",
        ]
        units = {"allocated": BDT, "spent": BDT}
        sources = {"*": SRC_BUDGET, "effective": _("the rule for original and revised budgets")}

    def get_effective(self, line) -> bool:
        return not getattr(line, "superseded", False)


class CircularSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(help_text=_("Identifier of the circular page."))
    slug = serializers.SlugField(help_text=_("Identifier of the circular in addresses."))
    url = serializers.SerializerMethodField(help_text=_("Address of the circular page."))
    memo_number = serializers.CharField(help_text=_("Memo number (স্মারক নং)."))
    title = serializers.CharField(help_text=_("Title in Bangla."))
    title_en = serializers.CharField(help_text=_("Title in English (may be empty)."))
    date_issued = serializers.DateField(help_text=_("Day it was issued."))
    issuing_authority = serializers.CharField(help_text=_("Who issued it."))
    summary_bn = serializers.CharField(help_text=_("Summary in Bangla."))
    summary_en = serializers.CharField(help_text=_("Summary in English (may be empty)."))
    state = serializers.CharField(help_text=_("issued, amended or withdrawn."))
    supersedes = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text=_("Identifier of the circular it replaces.")
    )
    practices = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text=_("Identifiers of the practices it institutionalises.")
    )
    document_url = serializers.SerializerMethodField(
        help_text=_("Address of the circular's PDF (may be empty).")
    )
    is_demo = serializers.BooleanField(
        help_text=_("Demo content: memo number and date are not real.")
    )

    class Meta:
        model = CircularPage
        fields = [
            "id",
            "slug",
            "url",
            "memo_number",
            "title",
            "title_en",
            "date_issued",
            "issuing_authority",
            "summary_bn",
            "summary_en",
            "state",
            "supersedes",
            "practices",
            "document_url",
            "is_demo",
        ]
        units = {}
        sources = {"*": SRC_CIRCULAR}

    def get_url(self, circular) -> str:
        return circular.url or ""

    def get_document_url(self, circular) -> str:
        return circular.document.url if circular.document_id else ""


class CircularStatusChangeSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(help_text=_("Identifier of the step."))
    practice = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text=_("Identifier of the practice.")
    )
    from_status = serializers.CharField(help_text=_("Circular status before the step."))
    to_status = serializers.CharField(help_text=_("Circular status after the step."))
    date = serializers.DateField(help_text=_("Day of the step."))
    cause = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text=_("Identifier of the workshop or circular page that caused the step."),
    )

    class Meta:
        model = CircularStatusChange
        fields = ["id", "practice", "from_status", "to_status", "date", "cause"]
        units = {}
        sources = {"*": SRC_PIPELINE}


class ImpactSerializer(serializers.Serializer):
    area = serializers.CharField(help_text=_("Key of the area (empty: the whole country)."))
    area_name_bn = serializers.CharField(help_text=_("Name of the area in Bangla."))
    area_name_en = serializers.CharField(help_text=_("Name of the area in English."))
    level = serializers.CharField(help_text=_("Level of the area: division, district or upazila."))
    fiscal_year = serializers.CharField(
        help_text=_("Fiscal year, or empty for the whole selected range.")
    )
    completed_replications = serializers.IntegerField(
        help_text=_("Completed replications (distinct LGIs per practice).")
    )
    ongoing_replications = serializers.IntegerField(help_text=_("Replications under way."))
    budget_allocated = serializers.DecimalField(
        max_digits=18,
        decimal_places=2,
        coerce_to_string=False,
        help_text=_("Union budget allocated to practices (effective lines)."),
    )
    budget_spent = serializers.DecimalField(
        max_digits=18,
        decimal_places=2,
        coerce_to_string=False,
        help_text=_("Union budget spent on practices (effective lines)."),
    )
    households_reported = serializers.IntegerField(
        help_text=_("Households reached, as the replications report them.")
    )
    beneficiaries = serializers.IntegerField(
        allow_null=True,
        help_text=_(
            "Persons who benefited, from the registry (a person counts once per practice and "
            "LGI, and once per year within a range); null when fewer than 5, or when it would "
            "let a count under 5 be worked out from the others (a district minus its other "
            "upazilas, all themes minus the other themes), or when the registry holds no "
            "figures."
        ),
    )
    beneficiary_households = serializers.IntegerField(
        allow_null=True,
        help_text=_(
            "Households that benefited, from the registry; null when fewer than 5, or when it "
            "would let a count under 5 be worked out from the others."
        ),
    )

    class Meta:
        units = {
            "completed_replications": REPLICATIONS,
            "ongoing_replications": REPLICATIONS,
            "budget_allocated": BDT,
            "budget_spent": BDT,
            "households_reported": HOUSEHOLDS,
            "beneficiaries": PERSONS,
            "beneficiary_households": HOUSEHOLDS,
        }
        sources = {
            "*": _("the dashboard's aggregates of replications and budget lines"),
            "area_name_bn": SRC_GEOGRAPHY,
            "area_name_en": SRC_GEOGRAPHY,
            "beneficiaries": SRC_REGISTRY,
            "beneficiary_households": SRC_REGISTRY,
        }


class NearbyLgiSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("Key of the union or pourashava."))
    name_bn = serializers.CharField(help_text=_("Name in Bangla."))
    name_en = serializers.CharField(help_text=_("Name in English."))
    same_upazila = serializers.BooleanField(
        help_text=_("Whether it is in the same upazila (otherwise the same district).")
    )


class SuggestionSerializer(serializers.Serializer):
    practice = serializers.IntegerField(help_text=_("Identifier of the practice page."))
    slug = serializers.CharField(help_text=_("Identifier of the practice in addresses."))
    title = serializers.CharField(help_text=_("Title in Bangla."))
    title_en = serializers.CharField(help_text=_("Title in English (may be empty)."))
    url = serializers.CharField(help_text=_("Address of the practice page."))
    score = serializers.FloatField(
        help_text=_("Score between 0 and 1; the list is ranked by it, highest first.")
    )
    neighbours_in_upazila = serializers.IntegerField(
        help_text=_("Other LGIs of the same upazila that did it (completed or under way).")
    )
    neighbours_in_district = serializers.IntegerField(
        help_text=_("Other LGIs of the same district, outside the upazila, that did it.")
    )
    similar_lgis = serializers.IntegerField(
        help_text=_("LGIs that replicated a practice this one did and did this one too.")
    )
    replicated_by = serializers.IntegerField(
        help_text=_("Distinct LGIs that completed a replication.")
    )
    is_best_practice = serializers.BooleanField(
        help_text=_("Whether it counts as a best practice.")
    )
    same_theme = serializers.BooleanField(
        help_text=_("Whether this LGI has replicated a practice of the same theme.")
    )
    nearest = NearbyLgiSerializer(
        many=True, help_text=_("The nearest LGIs that did it, for an exposure visit.")
    )

    class Meta:
        units = {"replicated_by": LGIS}
        sources = {"*": SRC_FIGURES}

    @staticmethod
    def row(suggestion, lgi):
        practice = suggestion.practice
        return {
            "practice": practice.pk,
            "slug": practice.slug,
            "title": practice.title,
            "title_en": practice.title_en,
            "url": practice.url or "",
            **suggestion.as_data(),
            "nearest": [
                {
                    "key": area.key,
                    "name_bn": area.name_bn,
                    "name_en": area.name_en,
                    "same_upazila": area.upazila_id == lgi.upazila_id,
                }
                for area in suggestion.nearest
            ],
        }
