"""Search documents of the dashboards: the published impact of each division and district.

A policymaker who searches for a district ("কুমিল্লা", "Cumilla budget") finds its impact
figures (practices, completed replications, LGIs reached, union budget spent, beneficiaries)
linked to the area page that shows them in full. Built from the maintained aggregates, so a
document costs a few indexed queries; `dashboards.tasks` re-indexes the areas whose figures a
refresh changed, and the hourly reconcile catches anything else.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import translation
from django.utils.translation import gettext as _

from places.models import Area, Level
from portal.templatetags.hlp import money, num

from .cube import published_count
from .figures import DashboardFigures
from .filters import Selection
from .models import PracticeFigure

LEVELS = (Level.DIVISION, Level.DISTRICT)


def published_areas():
    """Divisions and districts where at least one practice has figures."""
    with_figures = PracticeFigure.objects.filter(
        Q(district=OuterRef("pk")) | Q(division=OuterRef("pk"))
    )
    return Area.objects.filter(level__in=LEVELS).filter(Exists(with_figures))


def areas_of(practice_ids):
    """The divisions and districts where these practices have figures."""
    rows = PracticeFigure.objects.filter(practice_id__in=practice_ids)
    pks = set(rows.values_list("district_id", flat=True)) | set(
        rows.values_list("division_id", flat=True)
    )
    return list(Area.objects.filter(pk__in=pks - {None}))


def _summary(area, figures, language):
    with translation.override(language):
        beneficiaries = published_count(figures["beneficiaries"])
        parts = [
            _("%(name)s: impact of the Horizontal Learning Program") % {"name": area.name},
            _("%(n)s practices originated here") % {"n": num(figures["practices"])},
            _("%(n)s completed replications, %(ongoing)s ongoing")
            % {"n": num(figures["replications"]), "ongoing": num(figures["ongoing"])},
            _("%(n)s union parishads and pourashavas reached")
            % {"n": num(figures["lgis_reached"])},
            _("union budget spent: %(amount)s") % {"amount": money(figures["budget_spent"])},
        ]
        if beneficiaries is not None:
            parts.append(_("%(n)s beneficiaries") % {"n": num(beneficiaries)})
        return ". ".join(parts) + "."


def impact_document(area):
    if area.level == Level.DIVISION:
        division, selection = area, Selection(division=area)
    else:
        division, selection = area.division, Selection(division=area.division, district=area)
    figures = DashboardFigures(selection).headline
    urls, titles, levels = {}, {}, []
    for language in ("bn", "en"):
        with translation.override(language):
            urls[f"url_{language}"] = area.get_absolute_url()
            titles[language] = _("Impact in %(name)s") % {"name": area.name}
            levels.append(str(Level(area.level).label))
    return {
        **urls,
        "title_bn": titles["bn"],
        "title_en": titles["en"],
        "text_bn": _summary(area, figures, "bn"),
        "text_en": _summary(area, figures, "en"),
        "keywords": levels,
        "places": [area.name_bn, area.name_en],
        "division": division.key if division else "",
        "district": area.key if area.level == Level.DISTRICT else "",
        "replication_count": figures["replications"],
        "budget_total": figures["budget_spent"],
    }


DOCUMENT_TYPES = [
    {
        "type": "impact",
        "model": Area,
        "published": published_areas,
        "document": impact_document,
    }
]


def affected(instance):
    """Area documents change with the aggregates, which `dashboards.tasks` re-indexes."""
    return []
