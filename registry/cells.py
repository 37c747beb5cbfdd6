"""How a union's list says things, for the registry's importer (:mod:`registry.importers`):
the Bangla and English words for sexes, relations, identity number types and disabilities, the
parsers of the registry's own cells (identity numbers, disabilities, programmes), the guard
that keeps an identity number out of every other column, and what a row's household and
benefit are."""

import datetime

from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from bangla import fold_digits, normalize
from imports import CellError, parsers
from imports.base import SkipCell
from imports.cells import closest, in_both_languages
from portal.privacy import find_identity_numbers

from .identity import IdentityError, IdType, is_placeholder, mask, parse_identity
from .models import Disability, Programme, Relation, Sex

SEX_ALIASES = {
    "পুরুষ": Sex.MALE,
    "ছেলে": Sex.MALE,
    "m": Sex.MALE,
    "man": Sex.MALE,
    "নারী": Sex.FEMALE,
    "মহিলা": Sex.FEMALE,
    "f": Sex.FEMALE,
    "woman": Sex.FEMALE,
    "হিজড়া": Sex.THIRD_GENDER,
    "তৃতীয় লিঙ্গ": Sex.THIRD_GENDER,
    "third gender": Sex.THIRD_GENDER,
}
RELATION_ALIASES = {
    "খানা প্রধান": Relation.HEAD,
    "খানাপ্রধান": Relation.HEAD,
    "প্রধান": Relation.HEAD,
    "পরিবার প্রধান": Relation.HEAD,
    "নিজ": Relation.HEAD,
    "self": Relation.HEAD,
    "স্ত্রী": Relation.SPOUSE,
    "স্বামী": Relation.SPOUSE,
    "wife": Relation.SPOUSE,
    "husband": Relation.SPOUSE,
    "ছেলে": Relation.SON,
    "পুত্র": Relation.SON,
    "মেয়ে": Relation.DAUGHTER,
    "কন্যা": Relation.DAUGHTER,
    "বাবা": Relation.FATHER,
    "পিতা": Relation.FATHER,
    "মা": Relation.MOTHER,
    "মাতা": Relation.MOTHER,
    "পুত্রবধূ": Relation.CHILD_IN_LAW,
    "জামাই": Relation.CHILD_IN_LAW,
    "নাতি": Relation.GRANDCHILD,
    "নাতনি": Relation.GRANDCHILD,
    "ভাই": Relation.SIBLING,
    "বোন": Relation.SIBLING,
    "অন্যান্য": Relation.OTHER,
}
ID_TYPE_ALIASES = {
    "এনআইডি": IdType.NID,
    "জাতীয় পরিচয়পত্র": IdType.NID,
    "জাতীয় পরিচয় পত্র": IdType.NID,
    "national id": IdType.NID,
    "জন্ম নিবন্ধন": IdType.BRN,
    "জন্মনিবন্ধন": IdType.BRN,
    "জন্ম নিবন্ধন সনদ": IdType.BRN,
    "birth registration": IdType.BRN,
    "birth certificate": IdType.BRN,
}
DISABILITY_ALIASES = {
    "শারীরিক": Disability.PHYSICAL,
    "শারীরিক প্রতিবন্ধিতা": Disability.PHYSICAL,
    "দৃষ্টি": Disability.VISUAL,
    "দৃষ্টি প্রতিবন্ধিতা": Disability.VISUAL,
    "শ্রবণ": Disability.HEARING,
    "শ্রবণ প্রতিবন্ধিতা": Disability.HEARING,
    "বাক": Disability.SPEECH,
    "বাক প্রতিবন্ধিতা": Disability.SPEECH,
    "বুদ্ধি": Disability.INTELLECTUAL,
    "বুদ্ধি প্রতিবন্ধিতা": Disability.INTELLECTUAL,
    "মনোসামাজিক": Disability.PSYCHOSOCIAL,
    "অটিজম": Disability.AUTISM,
    "বহুমাত্রিক": Disability.MULTIPLE,
    "বহুমাত্রিক প্রতিবন্ধিতা": Disability.MULTIPLE,
    "অন্যান্য": Disability.OTHER,
}
# The largest integer a spreadsheet cell holds exactly; longer numbers have lost digits.
EXACT_INTEGER = 2**53
# No one was born before this day: "0001-01-01" or "1800-01-01" is a placeholder or a slip.
EARLIEST_BIRTH = datetime.date(1900, 1, 1)


BENEFIT_COLUMNS = ("programme", "fiscal_year", "benefit_date", "amount", "in_kind")


def has_benefit(row):
    get = row.get
    return bool(
        get("programme")
        or get("fiscal_year")
        or get("benefit_date")
        or get("amount") is not None
        or get("in_kind")
    )


def household_code(row):
    """The household code as stored: digits folded to ASCII, so ০০১ and 001 are one code. A
    code is text: ``007`` stays ``007`` (:mod:`registry.codes` warns when a code looks as if a
    spreadsheet had removed its leading zeros)."""
    code = row["household_code"]
    return code if code.isascii() else fold_digits(code)


def _cell_text(value):
    """A cell as the text its digits were typed in: a number cell as its whole digits."""
    if type(value) is str:
        return value
    if isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        try:
            return str(int(value)) if abs(value) >= 10**9 else ""
        except (OverflowError, ValueError):
            return ""
    return value if isinstance(value, str) else ""


class NoIdentityNumber(parsers.Parser):
    """A column's parser behind a guard: a cell holding a run of ten or more digits is refused
    first (masked in the message, as every import message is: :mod:`imports.messages`). Such a
    cell is an identity number in a column where it does not belong (a row whose cells slipped
    left or right); a text column would store it in clear and another column's refusal would
    quote it."""

    def __init__(self, parser):
        self.parser = parser
        self.depends_on = parser.depends_on
        self.pure = parser.pure

    def parse(self, value, row, context):
        text = _cell_text(value)
        # Such a number has ten digits or more: most cells are shorter than that.
        if len(text) >= 10 and find_identity_numbers(text):
            raise CellError(
                _(
                    "“%(value)s” holds a number as long as an identity number, which does not "
                    "belong in this column: check that the row's cells have not slipped into "
                    "the wrong columns. Identity numbers go in the identity number column only."
                ),
                value=text,
            )
        return self.parser.parse(value, row, context)

    def display(self, value):
        return self.parser.display(value)

    def describe(self):
        return self.parser.describe()


class IdentityNumberParser(parsers.Parser):
    """An NID or birth registration number, checked against the row's type and date of birth.
    Shown masked in the preview; every refusal shows the value masked."""

    depends_on = ("id_type", "date_of_birth")

    # A plain function wrapper: method_decorator would build a new one for every cell.
    @sensitive_variables()
    def parse(self, value, row, context):
        if row.failed & set(self.depends_on):
            raise SkipCell
        if isinstance(value, float) or (isinstance(value, int) and value >= EXACT_INTEGER):
            raise CellError(
                _(
                    "The identity number “%(masked)s” is stored as a number, which loses the "
                    "last digits of long numbers: format the column as text and type it again."
                ),
                masked=mask(str(int(value))),
            )
        try:
            number = parse_identity(str(value), row.get("id_type"), row.get("date_of_birth"))
        except IdentityError as exc:
            raise CellError(exc.message, **(exc.params or {})) from None
        if number is not None and is_placeholder(number.digits):
            raise CellError(
                _(
                    "“%(masked)s” is a placeholder, not anyone's identity number (one digit "
                    "repeated, or digits counting up or down): leave the cell empty when the "
                    "person has no number."
                ),
                masked=number.masked,
            )
        return number

    def display(self, value):
        return "" if value is None else parsers._digits(value.masked)

    def describe(self):
        return str(
            _(
                "The national identity number (NID) of 10, 13 or 17 digits, or the 17-digit "
                "birth registration number, in Bangla or English digits; format the column as "
                "text so that no digit is lost. Leave it empty when the person has none."
            )
        )


class DisabilityParser(parsers.Parser):
    """A kind of disability, or yes/no (yes: a disability whose kind the list does not say,
    kept apart from "other", which is a kind)."""

    pure = True

    def __init__(self):
        self.kinds = parsers.choice(Disability, aliases=DISABILITY_ALIASES)
        self.yes_no = parsers.boolean()

    def parse(self, value, row, context):
        try:
            return Disability.UNSPECIFIED if self.yes_no.parse(value, row, context) else ""
        except CellError:
            pass
        try:
            return self.kinds.parse(value, row, context)
        except CellError:
            raise CellError(
                _("“%(value)s” is not yes, no or a kind of disability."), value=value
            ) from None

    def display(self, value):
        return self.kinds.display(value) if value else str(_("No"))

    def describe(self):
        kinds = "; ".join(
            in_both_languages(label)
            for value, label in Disability.choices
            if value not in ("", Disability.UNSPECIFIED)
        )
        return str(
            _(
                "The kind of disability (%(kinds)s), or yes or no (হ্যাঁ / না, yes / no, ১ / ০) "
                "when the kind is not known. Empty: no disability."
            )
        ) % {"kinds": kinds}


class ProgrammeParser(parsers.Parser):
    """A social-protection programme by its Bangla or English name or its slug; a name that is
    not one but comes near one ("বিধবা ভাতা") is refused with the programme's real name."""

    pure = True

    def parse(self, value, row, context):
        table = context.cache.get("programmes")
        if table is None:
            table = {}
            for programme in Programme.objects.all():
                for name in (programme.slug, programme.name_bn, programme.name_en):
                    table[normalize(name)] = programme.pk
            context.cache["programmes"] = table
        found = table.get(normalize(str(value)))
        if found is None:
            near = closest(value, table)
            if near is not None:
                raise CellError(
                    _(
                        "“%(value)s” is not a programme the registry knows. Did you mean "
                        "“%(suggestion)s”? Write the programme's name as the import guide "
                        "lists it."
                    ),
                    value=value,
                    suggestion=Programme.objects.get(pk=near),
                )
            raise CellError(
                _(
                    "“%(value)s” is not a programme the registry knows: the import guide lists "
                    "the programmes' names."
                ),
                value=value,
            )
        return found

    def display(self, value):
        programme = Programme.objects.filter(pk=value).first() if value else None
        return programme.name if programme else ""

    def describe(self):
        names = "; ".join(
            f"{programme.name_bn} / {programme.name_en}" for programme in Programme.objects.all()
        )
        return str(_("The programme's name in Bangla or English: %(names)s.")) % {"names": names}
