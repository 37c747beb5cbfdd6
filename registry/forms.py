import re

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from imports import CellError, parsers
from imports.base import Row
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


class _AreaNames:
    """What the import framework's area lookup needs of an import, for one form's question."""

    scope = None

    def __init__(self):
        self.cache = {}
        self.importer = self

    def column(self, name):
        return self

    label = _("the upazila or district after a comma")


def find_area(text, levels=AREA_LEVELS):
    """The area `text` names: its code or key, or its Bangla or English name, optionally
    followed by a comma and the upazila or district it lies in ("সুবিল, দেবিদ্বার"). Raises
    ValidationError with a sentence naming the value (and the places a shared name fits)."""
    parts = [part.strip() for part in re.split(r"[,،;]", text) if part.strip()]
    if not parts:
        raise forms.ValidationError(_("Write the area's name or code."))
    # A code or key (a link from a union's page) is found without loading every name.
    by_key = (
        Area.objects.filter(level__in=levels)
        .filter(Q(key=parts[0]) | Q(code=parts[0].upper()))
        .select_related("upazila", "district")
        .first()
        if len(parts) == 1
        else None
    )
    if by_key is not None:
        return by_key
    names = _AreaNames()
    row = Row(0)
    try:
        if len(parts) > 1:
            row["within"] = parsers.area(Level.UPAZILA, Level.DISTRICT, Level.DIVISION).parse(
                parts[-1], row, names
            )
            lookup = parsers.area(*levels, within="within")
        else:
            lookup = parsers.area(*levels)
        found = lookup.parse(parts[0], row, names)
    except CellError as error:
        text = str(error.message)
        if "places" in error.message.params:
            text += " " + _("Or add its upazila or district after a comma: “সুবিল, দেবিদ্বার”.")
        raise forms.ValidationError(mask_identity_numbers(text)) from None
    return Area.objects.select_related("upazila", "district").get(pk=found.pk)


class PriorityForm(forms.Form):
    area = forms.CharField(
        label=_("Area"),
        max_length=150,
        help_text=_(
            "A union, pourashava, upazila or district by its name in Bangla or English (when "
            "the name is shared, add its upazila or district after a comma: সুবিল, দেবিদ্বার) "
            "or by its code."
        ),
    )
    criteria = forms.MultipleChoiceField(
        label=_("Criteria"),
        choices=[(criterion.slug, criterion.label) for criterion in CRITERIA],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _(
                "Tick at least one criterion: the list shows the households that meet any of them."
            )
        },
    )

    def clean_area(self):
        return find_area(self.cleaned_data["area"])


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
    # A merge removes a record: it is asked for again, with what it will do, before it is done.
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def needs_confirmation(self):
        data = self.cleaned_data
        return data["decision"] == FlagStatus.MERGED and not data["confirm"]

    def confirmation(self):
        """The same decision, every field hidden, confirmed."""
        form = DecisionForm(initial={**self.cleaned_data, "confirm": True})
        for field in form.fields.values():
            field.widget = forms.HiddenInput()
        return form
