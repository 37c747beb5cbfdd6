from django import forms
from django.utils.translation import gettext_lazy as _

from places.models import Area, Level
from portal.privacy import mask_identity_numbers

from .models import FlagStatus
from .priority import CRITERIA

AREA_LEVELS = (Level.UNION, Level.POURASHAVA, Level.UPAZILA, Level.DISTRICT)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name or identity number"),
        max_length=150,
        help_text=_("A name in Bangla or English, or a full NID or birth registration number."),
    )
    union = forms.CharField(label=_("Union (code, optional)"), max_length=20, required=False)

    def clean_union(self):
        key = self.cleaned_data["union"].strip()
        if not key:
            return None
        area = Area.objects.lgis().filter(key=key).first() or (
            Area.objects.lgis().filter(code=key).first()
        )
        if area is None:
            raise forms.ValidationError(
                _("No union or pourashava has the code “%(key)s”.")
                % {"key": mask_identity_numbers(key)}
            )
        return area


class PriorityForm(forms.Form):
    area = forms.CharField(
        label=_("Area"),
        max_length=20,
        help_text=_("A union, upazila or district: its code (e.g. BD3026) or key."),
    )
    criteria = forms.MultipleChoiceField(
        label=_("Criteria"),
        choices=[(criterion.slug, criterion.label) for criterion in CRITERIA],
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_area(self):
        key = self.cleaned_data["area"].strip()
        area = (
            Area.objects.filter(level__in=AREA_LEVELS)
            .filter(key=key)
            .select_related("upazila", "district")
            .first()
            or Area.objects.filter(level__in=AREA_LEVELS, code=key).first()
        )
        if area is None:
            raise forms.ValidationError(
                _("No union, upazila or district has the code “%(key)s”.") % {"key": key}
            )
        return area


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (FlagStatus.CONFIRMED, _("Confirm: it is a duplicate")),
            (FlagStatus.DISMISSED, _("Dismiss: not a duplicate")),
            (FlagStatus.MERGED, _("Merge the two records")),
        ],
        widget=forms.RadioSelect,
    )
    keep = forms.ChoiceField(
        label=_("Record to keep when merging"),
        choices=[("a", _("First record")), ("b", _("Second record"))],
        initial="a",
        widget=forms.RadioSelect,
        required=False,
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
