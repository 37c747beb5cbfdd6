from django import forms
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from places.models import Area
from practices.models import PracticePage

from .models import WorkshopKind, WorkshopPractice


class WorkshopFilterForm(forms.Form):
    """The workshops index's filters; the choices offered are those the workshops have."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    area = forms.ChoiceField(label=_("Area"), required=False)
    year = forms.ChoiceField(label=_("Year"), required=False)
    practice = forms.ChoiceField(label=_("Practice presented"), required=False)
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("", _("Upcoming and past")), ("upcoming", _("Upcoming")), ("past", _("Past"))],
    )

    def __init__(self, data=None, *, workshops):
        # An unbound form has nothing to filter, so the page shows everything.
        super().__init__(data if data else None)
        any_choice = [("", _("All"))]
        self.fields["kind"].choices = any_choice + list(WorkshopKind.choices)
        self.fields["area"].choices = any_choice + self._area_choices(workshops)
        tz = timezone.get_current_timezone()
        years = (
            workshops.annotate(year=ExtractYear("starts_at", tzinfo=tz))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        self.fields["year"].choices = any_choice + [(str(y), str(y)) for y in years]
        practices = PracticePage.objects.filter(
            pk__in=WorkshopPractice.objects.filter(workshop__in=workshops).values("practice")
        ).order_by("title")
        self.fields["practice"].choices = any_choice + [
            (str(pk), title) for pk, title in practices.values_list("pk", "title")
        ]

    @staticmethod
    def _area_choices(workshops):
        used = Area.objects.filter(pk__in=workshops.values("area")).select_related(
            "division", "district"
        )
        areas = {}
        for area in used:
            for ancestor in (area.division, area.district, area):
                if ancestor is not None:
                    areas[ancestor.pk] = ancestor
        order = {"division": 0, "district": 1, "upazila": 2}
        ordered = sorted(areas.values(), key=lambda a: (order.get(a.level, 3), a.name))
        return [(a.key, f"{a.name} ({a.get_level_display()})") for a in ordered]

    def filter(self, workshops):
        if not self.is_bound or not self.is_valid():
            return workshops
        data = self.cleaned_data
        if data["kind"]:
            workshops = workshops.filter(kind=data["kind"])
        if data["area"]:
            area = Area.objects.get(key=data["area"])
            workshops = workshops.filter(area__in=Area.objects.within(area))
        if data["year"]:
            tz = timezone.get_current_timezone()
            workshops = workshops.annotate(year=ExtractYear("starts_at", tzinfo=tz)).filter(
                year=int(data["year"])
            )
        if data["practice"]:
            workshops = workshops.filter(presented_practices__practice_id=int(data["practice"]))
        return workshops
