"""Identity numbers in free text: find them and mask them wherever a text may quote one.

A national identity number (NID) has 10, 13 or 17 digits and a birth registration number 17;
people write them in ASCII or Bangla digits (০-৯), often in groups separated by spaces or dashes
(``1979 0412 3456 78901``, ``১৯৭৯-০৪১২-৩৪৫৬৭৮৯০১``). Such a number may turn up in any text
the portal keeps or shows: an import's error message that quotes a cell of a shifted row, a
search query, a log line, an exception. :func:`mask_identity_numbers` masks every one of them,
whatever the text says around it, keeping the last three digits for recognition, the way the
registry shows a number it knows (``registry.identity.mask``: ``••••••••••••••901``).

What counts as a number: a run of at least :data:`MIN_DIGITS` (10) digits, any Unicode decimal
digit (ASCII, Bangla and others alike), where two digits may be separated by one space (also a
no-break or thin space), one dash (hyphen or en dash) or one comma: a number that was read as
an amount comes back in lakh grouping (``1,97,90,41,23,45,67,89,01``). Runs longer than 17
digits are masked too: they may hold a number with a digit or two stuck to it. Shorter numbers
(row numbers, wards, years, amounts under 100 crore, dates such as 2023-07-01) stay as they
are; so do lists, whose items are separated by a comma and a space. A run is masked as a whole:
its separators are dropped, every digit but the last three becomes :data:`MASK`, and the last
three digits are kept as written (Bangla digits stay Bangla).

This module is pure Python and imports no app: the imports framework, the registry and any
other app may use it.
"""

from __future__ import annotations

import logging
import re

MASK = "•"
MIN_DIGITS = 10
KEEP_LAST = 3

_SEPARATOR = "[ \u00a0\u2009\u202f,\\-\u2010\u2011\u2012\u2013]"
# Any decimal digit, then at least MIN_DIGITS - 1 more, each perhaps after one separator. The
# separator and the digit classes do not overlap, so matching is linear.
_RUN_RE = re.compile(rf"\d(?:{_SEPARATOR}?\d){{{MIN_DIGITS - 1},}}")
_DIGIT_RE = re.compile(r"\d")


def _masked(match: re.Match) -> str:
    digits = _DIGIT_RE.findall(match.group())
    return MASK * (len(digits) - KEEP_LAST) + "".join(digits[-KEEP_LAST:])


def mask_identity_numbers(text) -> str:
    """The text with every run of 10 or more digits masked but for its last three digits.

    Use it on any text that may quote what a user typed or uploaded before it is stored,
    logged or shown. Anything that is not a string is turned into one first; ``None`` gives
    an empty string.

    >>> mask_identity_numbers("ওয়ার্ড “1979 0412 3456 78901” is not a number from 1 to 9")
    'ওয়ার্ড “••••••••••••••901” is not a number from 1 to 9'
    >>> mask_identity_numbers("১৯৭৯-০৪১২-৩৪৫৬৭৮৯০১")
    '••••••••••••••৯০১'
    >>> mask_identity_numbers("row 12, 2023-24, ৭,২০০ টাকা")
    'row 12, 2023-24, ৭,২০০ টাকা'
    """
    if text is None:
        return ""
    text = str(text)
    # Most texts hold no such run: a quick look before the substitution.
    if not _RUN_RE.search(text):
        return text
    return _RUN_RE.sub(_masked, text)


def find_identity_numbers(text) -> list[str]:
    """The runs that :func:`mask_identity_numbers` masks, as written (for checks and tests)."""
    if text is None:
        return []
    return _RUN_RE.findall(str(text))


def mask_in(value):
    """`value` with :func:`mask_identity_numbers` applied to every string inside it: lists,
    tuples and dict values (a JSON document such as an import's report) are walked."""
    if isinstance(value, str):
        return mask_identity_numbers(value)
    if isinstance(value, dict):
        return {key: mask_in(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(mask_in(item) for item in value)
    return value


class MaskIdentityNumbers(logging.Filter):
    """A logging filter that masks identity numbers in a record's message and traceback.

    Attach it to a logger (``logger.addFilter(MaskIdentityNumbers())``) whose records may
    quote user data; the record's text is fixed once, with the arguments merged in.
    """

    def filter(self, record):
        record.msg = mask_identity_numbers(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_identity_numbers(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_identity_numbers(record.stack_info)
        return True
