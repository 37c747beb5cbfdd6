"""The importers of the places below this app. Bulk-adding pourashavas (পৌরসভা): no open
list of them exists, so NILG keeps its own and loads it here, under the upazila each belongs
to."""

import re
import uuid

from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from bangla import normalize
from places.models import Area, Level

from . import Column, Importer, Outcome, RowError, parsers, register

_BANGLA_LETTER_RE = re.compile("[\u0985-\u09b9\u09ce\u09dc-\u09df]")
_LATIN_LETTER_RE = re.compile("[A-Za-z]")
_NAME_NOISE_RE = re.compile(r"[\s\-'’.]+")


def _name_key(name):
    """Names compared without case, spaces, hyphens, dots or apostrophes."""
    return _NAME_NOISE_RE.sub("", normalize(name))


@register
class PourashavaImporter(Importer):
    """One row per pourashava. A pourashava already on the portal in the same upazila, with
    the same English or Bangla name, is the same pourashava: its names are updated, so
    loading a corrected list again is how NILG fixes a spelling."""

    kind = "pourashavas"
    label = _("Pourashavas")
    description = _(
        "Add pourashavas (municipalities) under their upazilas, or correct their names."
    )
    columns = [
        Column(
            "district",
            _("District"),
            parsers.area(Level.DISTRICT),
            aliases=["জেলার নাম", "জেলা কোড", "district name", "district code", "zila", "zilla"],
            help=_(
                "Code (e.g. BD3026), Bangla or English name. May be empty when the upazila is "
                "given by its code."
            ),
        ),
        Column(
            "upazila",
            _("Upazila"),
            parsers.area(Level.UPAZILA, within="district"),
            required=True,
            aliases=["উপজেলার নাম", "উপজেলা কোড", "upazila name", "upazila code", "thana"],
            help=_("Code (e.g. BD30260072), Bangla or English name."),
        ),
        Column(
            "name_bn",
            _("Name (Bangla)"),
            parsers.text(max_length=120),
            required=True,
            aliases=[
                "পৌরসভার নাম",
                "পৌরসভার নাম (বাংলা)",
                "বাংলা নাম",
                "নাম (বাংলা)",
                "pourashava name (bangla)",
                "bangla name",
                "name bangla",
            ],
            help=_("The name in Bangla script, e.g. সাভার."),
        ),
        Column(
            "name_en",
            _("Name (English)"),
            parsers.text(max_length=120),
            required=True,
            aliases=[
                "পৌরসভার নাম (ইংরেজি)",
                "ইংরেজি নাম",
                "নাম (ইংরেজি)",
                "pourashava",
                "pourashava name",
                "english name",
                "name english",
            ],
            help=_("The name in English letters, e.g. Savar."),
        ),
    ]
    key_columns = ["upazila", "name_en"]
    unique_columns = [["upazila", "name_bn"]]
    batch_size = 500

    def natural_key(self, row):
        return (row["upazila"].pk, _name_key(row["name_en"]))

    def validate(self, row, context):
        name_bn, name_en = row["name_bn"], row["name_en"]
        if not _BANGLA_LETTER_RE.search(name_bn) or _LATIN_LETTER_RE.search(name_bn):
            raise RowError(
                _("“%(value)s” is not written in Bangla script."), column="name_bn", value=name_bn
            )
        if not _LATIN_LETTER_RE.search(name_en) or _BANGLA_LETTER_RE.search(name_en):
            raise RowError(
                _("“%(value)s” is not written in English letters."),
                column="name_en",
                value=name_en,
            )
        upazila = row["upazila"]
        matches = self._matches(row, context)
        if len(matches) > 1:
            raise RowError(
                _(
                    "“%(value)s” fits two pourashavas already in %(upazila)s (%(names)s): by "
                    "its English name one, by its Bangla name the other."
                ),
                column="name_en",
                value=name_en,
                upazila=upazila,
                names=matches,
            )

    def start(self, context):
        # Every pourashava on the portal, by upazila and name: there are a few hundred.
        context.cache["pourashavas"] = {}
        for area in Area.objects.filter(level=Level.POURASHAVA):
            self._remember(context, area)

    def _remember(self, context, area):
        names = context.cache["pourashavas"].setdefault(area.parent_id, {})
        names[("en", _name_key(area.name_en))] = area
        names[("bn", _name_key(area.name_bn))] = area

    def _matches(self, row, context):
        names = context.cache["pourashavas"].get(row["upazila"].pk, {})
        found = [
            names.get(("en", _name_key(row["name_en"]))),
            names.get(("bn", _name_key(row["name_bn"]))),
        ]
        matches = []
        for area in found:
            # By identity: an area created earlier in this batch has no primary key yet.
            if area is not None and not any(area is match for match in matches):
                matches.append(area)
        return matches

    def commit_batch(self, rows, context):
        to_create, to_update, unchanged = [], [], 0
        for row in rows:
            matches = self._matches(row, context)
            if not matches:
                area = Area(
                    level=Level.POURASHAVA,
                    parent=row["upazila"],
                    name_bn=row["name_bn"],
                    name_en=row["name_en"],
                    key=f"new-{uuid.uuid4().hex[:12]}",
                )
                area.set_ancestors()
                to_create.append(area)
                self._remember(context, area)
                continue
            area = matches[0]
            if (area.name_bn, area.name_en) == (row["name_bn"], row["name_en"]):
                unchanged += 1
                continue
            area.name_bn, area.name_en = row["name_bn"], row["name_en"]
            to_update.append(area)
        if to_create:
            Area.objects.bulk_create(to_create)
            if any(area.pk is None for area in to_create):
                ids = dict(
                    Area.objects.filter(key__in=[area.key for area in to_create]).values_list(
                        "key", "pk"
                    )
                )
                for area in to_create:
                    area.pk = ids[area.key]
            # The key admin-made pourashavas get too (see Area.save): PS and the row's id.
            Area.objects.filter(pk__in=[area.pk for area in to_create]).update(
                key=Concat(Value("PS"), Cast("pk", output_field=CharField()))
            )
            for area in to_create:
                area.key = f"PS{area.pk}"
        if to_update:
            Area.objects.bulk_update(to_update, ["name_bn", "name_en"])
        return Outcome(created=len(to_create), updated=len(to_update), unchanged=unchanged)
