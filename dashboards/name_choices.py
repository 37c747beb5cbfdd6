"""Choosing practices, themes and areas by name in the filters of the open data tables: a
`<datalist>` per field (the browser offers its names as one types, no script needed), small
enough to send with the page: upazilas within the chosen division or district, unions and
pourashavas only once a district or upazila is chosen. A filter given by code in the address
(a link from the dashboard) shows the name in its field."""

from places.models import LGI_LEVELS, Area, Level
from practices.models import PracticePage, Theme

from .api.filters import AreaNameField, PracticeNameField, ThemeNameField

# An area of these levels is written with the name of the area above it, where names repeat.
WITH_PARENT = {Level.UPAZILA: "district", Level.UNION: "upazila"}


def area_text(area, names):
    """An area as the filter writes it: its name, and for upazilas and LGIs the name of the
    district or upazila after a comma."""
    above = WITH_PARENT.get(Level.UNION if area.level in LGI_LEVELS else area.level)
    text = names.pick(area.name_bn, area.name_en)
    parent = getattr(area, above) if above else None
    return f"{text}, {names.pick(parent.name_bn, parent.name_en)}" if parent else text


def _areas(level, chosen):
    levels = LGI_LEVELS if level == Level.UNION else (level,)
    areas = Area.objects.filter(level__in=levels).select_related("district", "upazila")
    if level == Level.UNION:
        if chosen.get("upazila"):
            return areas.filter(upazila__key=chosen["upazila"])
        if chosen.get("district"):
            return areas.filter(district__key=chosen["district"])
        return None
    if level in (Level.DISTRICT, Level.UPAZILA):
        if chosen.get("district") and level == Level.UPAZILA:
            return areas.filter(district__key=chosen["district"])
        if chosen.get("division"):
            return areas.filter(division__key=chosen["division"])
    return areas


def _options(field, chosen, names):
    if isinstance(field, PracticeNameField):
        rows = PracticePage.objects.live().values_list("title", "title_en")
        return sorted({names.pick(title, title_en) for title, title_en in rows})
    if isinstance(field, ThemeNameField):
        return sorted(
            names.pick(bn, en) for bn, en in Theme.objects.values_list("name_bn", "name_en")
        )
    if isinstance(field, AreaNameField):
        areas = _areas(field.level, chosen)
        if areas is None:
            return None
        return sorted(area_text(area, names) for area in areas)
    return None


def _shown(field, value, names):
    """The name to show in a field given a code."""
    if isinstance(field, AreaNameField):
        area = Area.objects.select_related("district", "upazila").filter(key=value).first()
        return area_text(area, names) if area else None
    if isinstance(field, PracticeNameField) and str(value).isdigit():
        return names.practice(int(value))
    if isinstance(field, ThemeNameField):
        return names.themes.get(value)
    return None


def datalists(form, names):
    """[{"id", "options"}] of the form's name fields, each field pointed at its list; fields
    given a code show its name instead."""
    chosen = getattr(form, "cleaned_data", {}) if form.is_bound else {}
    shown = form.data.copy() if form.is_bound else None
    lists = []
    for name, field in form.fields.items():
        if not isinstance(field, AreaNameField | PracticeNameField | ThemeNameField):
            continue
        value = chosen.get(name)
        if shown is not None and value not in (None, "") and name not in form.errors:
            text = _shown(field, value, names)
            if text:
                shown[name] = text
        options = _options(field, chosen, names)
        if options is None:
            continue
        list_id = f"choices-{name}"
        field.widget.attrs.update({"list": list_id, "autocomplete": "off"})
        lists.append({"id": list_id, "options": options})
    if shown is not None:
        form.data = shown
    return lists
