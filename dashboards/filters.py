"""The dashboard's filter: division, district, theme and a fiscal-year range, read from the
address (a GET form), so a filtered view can be bookmarked, shared and downloaded."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangla import to_bangla_digits
from places.models import Area, Level
from practices import fiscal
from practices.models import Theme


class AreaKeyField(forms.ModelChoiceField):
    def __init__(self, level, **kwargs):
        super().__init__(
            queryset=Area.objects.of_level(level).order_by("name_bn"),
            to_field_name="key",
            required=False,
            **kwargs,
        )

    def label_from_instance(self, obj):
        return obj.name


class ThemeField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class FiscalYearField(forms.ChoiceField):
    """A fiscal year from the list, written in either script ("২০১৫-১৬" is 2015-16)."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return ""
        # fiscal.parse raises a ValidationError naming the value, with its params unformatted.
        return str(fiscal.parse(value))

    def valid_value(self, value):
        return True


def fiscal_year_choices(years, empty_label):
    return [("", empty_label)] + [(year, to_bangla_digits(year)) for year in years]


class DashboardFilterForm(forms.Form):
    division = AreaKeyField(Level.DIVISION, label=_("Division"), empty_label=_("All divisions"))
    district = AreaKeyField(Level.DISTRICT, label=_("District"), empty_label=_("All districts"))
    theme = ThemeField(
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Theme"),
        empty_label=_("All themes"),
    )
    year_from = FiscalYearField(label=_("From fiscal year"), required=False)
    year_to = FiscalYearField(label=_("To fiscal year"), required=False)

    def __init__(self, *args, fiscal_years=(), bangla=True, **kwargs):
        super().__init__(*args, **kwargs)
        years = list(fiscal_years)
        if not bangla:
            choices = [("", _("Earliest"))] + [(year, year) for year in years]
            to_choices = [("", _("Latest"))] + [(year, year) for year in years]
        else:
            choices = fiscal_year_choices(years, _("Earliest"))
            to_choices = fiscal_year_choices(years, _("Latest"))
        self.fields["year_from"].choices = choices
        self.fields["year_to"].choices = to_choices

    def clean(self):
        data = super().clean()
        division, district = data.get("division"), data.get("district")
        if division and district and district.division_id != division.pk:
            self.add_error(
                "district",
                _("%(district)s district is not in %(division)s division.")
                % {"district": district.name, "division": division.name},
            )
            data["district"] = None
        first, last = data.get("year_from"), data.get("year_to")
        if first and last and first > last:
            self.add_error(
                "year_to",
                _("The range ends (%(last)s) before it starts (%(first)s).")
                % {"first": to_bangla_digits(first), "last": to_bangla_digits(last)},
            )
            data["year_to"] = None
        return data


@dataclass(frozen=True)
class Selection:
    """What the dashboard is filtered by; every figure applies all of it."""

    division: Area | None = None
    district: Area | None = None
    theme: Theme | None = None
    year_from: str = ""
    year_to: str = ""

    @classmethod
    def from_form(cls, form):
        form.is_valid()
        # The fields that did validate: one bad parameter does not drop the whole filter.
        data = {name: value for name, value in form.cleaned_data.items() if name not in form.errors}
        district = data.get("district")
        division = data.get("division")
        if district is not None and division is None:
            division = district.division
        return cls(
            division=division,
            district=district,
            theme=data.get("theme"),
            year_from=data.get("year_from") or "",
            year_to=data.get("year_to") or "",
        )

    @property
    def area(self):
        return self.district or self.division

    @property
    def has_years(self):
        return bool(self.year_from or self.year_to)

    @property
    def is_empty(self):
        return not (self.area or self.theme or self.has_years)

    def params(self):
        """The filter as address parameters (the ones set only)."""
        values = {
            "division": self.division.key if self.division else "",
            "district": self.district.key if self.district else "",
            "theme": self.theme.slug if self.theme else "",
            "year_from": self.year_from,
            "year_to": self.year_to,
        }
        return {key: value for key, value in values.items() if value}

    def querystring(self, **extra):
        params = {**self.params(), **{k: v for k, v in extra.items() if v}}
        return urlencode(params)

    def cache_key(self):
        return self.querystring() or "all"

    # --- conditions on the tables the figures read -----------------------------------------

    def area_q(self, prefix=""):
        """Rows whose area fields (`division`, `district` under `prefix`) match the filter."""
        if self.district is not None:
            return Q(**{f"{prefix}district": self.district})
        if self.division is not None:
            return Q(**{f"{prefix}division": self.division})
        return Q()

    def theme_q(self, field="theme"):
        return Q(**{field: self.theme}) if self.theme is not None else Q()

    def fiscal_year_q(self, field="fiscal_year"):
        """Rows of a fiscal year in the range; rows without a year drop out once a range is set."""
        condition = Q()
        if self.year_from:
            condition &= Q(**{f"{field}__gte": self.year_from})
        if self.year_to:
            condition &= Q(**{f"{field}__lte": self.year_to})
        if self.has_years:
            condition &= ~Q(**{field: ""})
        return condition

    def date_q(self, field):
        """Dates within the range: from 1 July of the first year to 30 June after the last."""
        condition = Q()
        if self.year_from:
            condition &= Q(**{f"{field}__gte": fiscal.parse(self.year_from).first_day})
        if self.year_to:
            condition &= Q(**{f"{field}__lte": fiscal.parse(self.year_to).last_day})
        if self.has_years:
            condition &= Q(**{f"{field}__isnull": False})
        return condition

    def calendar_year_q(self, field):
        """A calendar year (such as the year a practice was identified) counts in the fiscal
        year that starts in it."""
        condition = Q()
        if self.year_from:
            condition &= Q(**{f"{field}__gte": fiscal.parse(self.year_from).start})
        if self.year_to:
            condition &= Q(**{f"{field}__lte": fiscal.parse(self.year_to).start})
        return condition
