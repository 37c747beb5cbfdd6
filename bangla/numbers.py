"""Numbers as people in Bangladesh write them: Bangla or ASCII digits, lakh or western grouping."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .text import normalize, to_bangla_digits

_CURRENCY = r"(?:৳|tk\.?|bdt|টাকা)"
_INTEGER_PART = (
    r"(?:[0-9]{1,3}(?:,[0-9]{3})+"  # western: 1,234,567
    r"|[0-9]{1,2}(?:,[0-9]{2})*,[0-9]{3}"  # South Asian: 12,34,567
    r"|[0-9]+)"
)
_NUMBER_RE = re.compile(
    rf"(?P<cur1>{_CURRENCY})?\s?"
    r"(?P<sign>[-\u2212])?\s?"
    rf"(?P<cur2>{_CURRENCY})?\s?"
    rf"(?P<int>{_INTEGER_PART})?(?P<frac>\.[0-9]+)?"
    # "৫০০/-" is the customary way of writing a whole amount of money.
    r"(?:\s?/-)?"
    rf"(?:\s?(?P<cur3>{_CURRENCY}))?"
)


def parse_number(text: str) -> Decimal:
    """Parse a number written with Bangla or ASCII digits into a :class:`~decimal.Decimal`.

    Accepted: surrounding whitespace; digits with no grouping, western grouping
    (``1,234,567``) or South Asian lakh/crore grouping (``12,34,567``); an optional decimal
    part; an optional leading minus (``-`` or ``−``); at most one currency marker ``টাকা``,
    ``Tk``/``Tk.``, ``BDT`` or ``৳`` before or after the number; and the customary ``/-``
    after a whole amount.

    :raises ValueError: for anything else (``'12a'``, ``'1,2,,3'``, ``''``, ``'১২.৩.৪'``);
        the message contains ``repr(text)``.
    :raises TypeError: if *text* is not a string.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_number() expects a string, got {type(text).__name__}")
    match = _NUMBER_RE.fullmatch(normalize(text))
    if (
        match is None
        or (match["int"] is None and match["frac"] is None)
        or sum(match[g] is not None for g in ("cur1", "cur2", "cur3")) > 1
    ):
        raise ValueError(f"Not a valid number: {text!r}")
    digits = (match["int"] or "0").replace(",", "") + (match["frac"] or "")
    value = Decimal(digits)
    if match["sign"] and value:
        # copy_negate() is exact; unary minus would round to the context's precision.
        value = value.copy_negate()
    return value


def format_lakh(value: int | float | Decimal, bangla_digits: bool = False) -> str:
    """Format *value* with South Asian digit grouping: ``1234567`` → ``'12,34,567'``.

    Integral values are shown without decimals; other values are rounded half-up to two
    decimal places (``12345678.5`` → ``'1,23,45,678.50'``).  Negative values get a leading
    ``-``.  With *bangla_digits* the digits are Bangla (``'১২,৩৪,৫৬৭'``); the comma and the
    decimal point stay ASCII, which is what :func:`parse_number` reads back.

    :raises ValueError: for NaN or infinite values.
    :raises TypeError: if *value* is not a number.
    """
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"format_lakh() expects a number, got {type(value).__name__}")
    # str() first so that 0.1 means 0.1 and not its binary approximation.
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValueError(f"Cannot format a non-finite number: {value!r}")
    # copy_abs() rather than abs(): arithmetic would round to the context's 28 digits.
    magnitude = number.copy_abs()
    negative = number < 0
    if magnitude == magnitude.to_integral_value():
        # "f" spells out exponent forms such as Decimal("1E+3").
        integer, fraction = format(magnitude.to_integral_value(), "f"), ""
    else:
        with localcontext() as context:
            # quantize() refuses results with more digits than the context's precision.
            context.prec = max(context.prec, magnitude.adjusted() + 4)
            rounded = magnitude.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        integer, fraction = f"{rounded:f}".split(".")
        fraction = "." + fraction
        # Rounding can reach zero (e.g. -0.001); a "-0.00" would only confuse readers.
        negative = negative and bool(rounded)
    head, tail = integer[:-3], integer[-3:]
    groups = []
    while head:
        groups.insert(0, head[-2:])
        head = head[:-2]
    formatted = ",".join([*groups, tail]) + fraction
    if negative:
        formatted = "-" + formatted
    return to_bangla_digits(formatted) if bangla_digits else formatted
