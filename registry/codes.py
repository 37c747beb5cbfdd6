"""Household codes a spreadsheet may have changed: Excel reads a code such as ``007`` as the
number 7 and saves it so, in the workbook and in a CSV it writes. Codes are text to the
registry (``007`` and ``7`` are two households), so a re-import of such a file would add a
household ``7`` beside ``007``, or put household 007's members into a household ``7``.

While a file is checked, :class:`CodeCheck` looks at every numeric household code once:

* a code that is not in the union's registry, but is once the stored codes lose their leading
  zeros (``7`` and a stored ``007``), is noted;
* a numeric code without leading zeros that is shorter than a zero-padded code of the same file
  (``8`` beside ``007``) is noted;
* a code that is in the registry, but whose row gives the ward and village of another
  household whose code it equals without the leading zeros (``7`` with the ward and village of
  ``007``), is refused: written, it would put the two households together.

Notes are warnings, not refusals: they are kept as :class:`registry.models.ImportNote` (row
numbers and codes only) and shown on the import's page until it is committed.
"""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from imports import RowError
from portal.templatetags.hlp import digits

from .models import Household, ImportNote, NoteKind

#: Notes kept for one import; beyond them one note says there are more.
MAX_NOTES = 50
#: Notes shown on the import's page; the rest are counted.
SHOWN_NOTES = 10
# Numeric codes without leading zeros remembered until the file shows its padded width.
_REMEMBERED = 200


def is_numeric(code):
    return code.isascii() and code.isdigit()


def unpadded(code):
    """A numeric code without its leading zeros (``007`` → ``7``; ``000`` → ``0``)."""
    return code.lstrip("0") or "0"


class CodeCheck:
    """One pass's look at a file's household codes against the union's stored ones.

    *job_id* is given in the dry run only: then notes are written (those of an earlier check of
    the same job are removed first). The refusal is made in both passes.
    """

    def __init__(self, lgi, job_id=None):
        self.job_id = job_id
        # Numeric stored codes: code → (ward, village); unpadded → codes with leading zeros.
        self.stored = {}
        self.padded = defaultdict(list)
        if lgi is not None:
            for code, ward, village in (
                Household.objects.filter(lgi=lgi)
                .order_by("code")
                .values_list("code", "ward", "village")
            ):
                if is_numeric(code):
                    self.stored[code] = (ward, village)
                    if code != unpadded(code):
                        self.padded[unpadded(code)].append(code)
        self.noted = set()
        self.widest = None  # (code, row) of the widest zero-padded numeric code in the file
        self.short = []  # (code, row) of the first numeric codes without leading zeros
        self.notes = 0
        if job_id is not None:
            ImportNote.objects.filter(job_id=job_id).delete()

    def check(self, code, ward, village, row):
        """Look at the household code of a household's first row; raise RowError for a code
        that would put two households together."""
        if not is_numeric(code):
            return
        bare = unpadded(code)
        facts = (ward, village or "")
        others = [other for other in self.padded.get(bare, ()) if other != code]
        if code in self.stored:
            for other in others:
                if facts == self.stored[other] and facts != self.stored[code]:
                    raise RowError(
                        _(
                            "Household code “%(code)s” is a household of ward %(ward)s in the "
                            "registry, but this row gives the ward and village of household "
                            "“%(other)s”: a spreadsheet may have removed the leading zeros. "
                            "Imported, the row would put the two households together. Format "
                            "the column as text and type the codes as the registry has them."
                        ),
                        column="household_code",
                        code=code,
                        ward=self.stored[code][0],
                        other=other,
                    )
        elif others:
            self._note(NoteKind.CODE_STRIPPED, row, code=code, stored=others[0])
        if code == bare:
            if self.widest is not None and len(code) < len(self.widest[0]):
                self._shorter(code, row)
            elif len(self.short) < _REMEMBERED:
                self.short.append((code, row))
        elif self.widest is None or len(code) > len(self.widest[0]):
            self.widest = (code, row)
            for short_code, short_row in self.short:
                if len(short_code) < len(code):
                    self._shorter(short_code, short_row)

    def _shorter(self, code, row):
        padded, padded_row = self.widest
        self._note(NoteKind.CODE_SHORTER, row, code=code, padded=padded, padded_row=padded_row)

    def _note(self, kind, row, **params):
        # One note a code (the first reason found), MAX_NOTES at most, then one that says so.
        if self.job_id is None or self.notes > MAX_NOTES or params["code"] in self.noted:
            return
        self.notes += 1
        if self.notes > MAX_NOTES:
            ImportNote.objects.create(job_id=self.job_id, kind=NoteKind.MORE)
            return
        self.noted.add(params["code"])
        ImportNote.objects.create(job_id=self.job_id, row=row, kind=kind, params=params)


def note_text(note):
    """A note as the import's page says it, in the active language."""
    if note.kind == NoteKind.CODE_STRIPPED:
        message = _(
            "Row %(row)s: household code “%(code)s” is not in the registry, but “%(stored)s” "
            "is. If a spreadsheet removed the leading zeros, format the column as text and type "
            "the codes again; otherwise this row adds a new household."
        )
    else:
        message = _(
            "Row %(row)s: household code “%(code)s” is shorter than “%(padded)s” in row "
            "%(padded_row)s of this file. If a spreadsheet removed its leading zeros, format "
            "the column as text and type the codes again."
        )
    params = {name: digits(value) for name, value in {"row": note.row, **note.params}.items()}
    return str(message) % params


def job_notes(job_id):
    """What the import's page says about the household codes of a job: its notes, up to
    SHOWN_NOTES of them, then how many more there are."""
    notes = list(ImportNote.objects.filter(job_id=job_id).order_by("row", "pk"))
    more = any(note.kind == NoteKind.MORE for note in notes)
    rows = [note for note in notes if note.kind != NoteKind.MORE]
    texts = [note_text(note) for note in rows[:SHOWN_NOTES]]
    hidden = len(rows) - SHOWN_NOTES
    if more:
        texts.append(
            str(
                _(
                    "More than %(count)s rows have household codes like these: check the "
                    "whole column."
                )
            )
            % {"count": digits(MAX_NOTES)}
        )
    elif hidden > 0:
        texts.append(
            ngettext(
                "%(count)s more row has a household code like these.",
                "%(count)s more rows have household codes like these.",
                hidden,
            )
            % {"count": digits(hidden)}
        )
    return texts
