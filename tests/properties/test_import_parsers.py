"""Import cells and files: every value is read or refused with a message naming it; a file that
cannot be read is refused as a whole with a message, never with a crash."""

import datetime
import io
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, example, given
from hypothesis import strategies as st

from imports import parsers
from imports.base import CellError, SkipCell
from imports.readers import FileProblem, open_table

from .conftest import FEW, MANY, SOME
from .strategies import any_text, numberish_text

cells = st.one_of(
    any_text,
    numberish_text,
    st.integers(),
    st.floats(),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.dates(),
    st.datetimes(),
    st.booleans(),
)

PARSERS = {
    "text": parsers.text(max_length=40),
    "integer": parsers.integer(min_value=0, max_value=100_000),
    "amount": parsers.amount(),
    "date": parsers.date(),
    "boolean": parsers.boolean(),
    "fiscal_year": parsers.fiscal_year(),
    "choice": parsers.choice([("female", "Female"), ("male", "Male"), ("third", "Hijra")]),
}


def read_cell(parser, value):
    try:
        parsed = parser.parse(value, {}, {})
    except SkipCell:
        return None, None
    except CellError as exc:
        messages = exc.message.as_dict()
        assert set(messages) == {"bn", "en"}
        assert all(text.strip() for text in messages.values())
        return None, messages
    parser.display(parsed)
    return parsed, None


@pytest.mark.parametrize("kind", sorted(PARSERS))
def test_every_cell_is_read_or_refused_with_a_message(kind):
    parser = PARSERS[kind]

    @MANY
    @given(cells)
    @example("১২,৩৪,৫৬৭")
    @example("২০২৩-২৪")
    @example("NaN")
    def check(value):
        parsed, _refused = read_cell(parser, value)
        if kind == "amount" and parsed is not None:
            assert isinstance(parsed, Decimal) and parsed.is_finite() and parsed >= 0
        if kind == "integer" and parsed is not None:
            assert isinstance(parsed, int) and 0 <= parsed <= 100_000
        if kind == "fiscal_year" and parsed is not None:
            start, end = parsed.split("-")
            assert int(end) == (int(start) + 1) % 100
        if kind == "date" and parsed is not None:
            assert isinstance(parsed, datetime.date)

    check()


# One parser and context for every example, as in one import: the area index is built once.
AREA_PARSER = parsers.area("union", "pourashava", "upazila")
AREA_CONTEXT = SimpleNamespace(cache={}, scope=None, importer=None)
# The first example builds the index of every area, so it gets a longer deadline.
AREA_SETTINGS = SOME.__class__(
    SOME,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@AREA_SETTINGS
@given(st.one_of(cells, st.sampled_from(["UN1", "সাভার", "Savar", "BD30260072", "ধামরাই"])))
def test_area_cells_are_found_or_refused_with_a_message(db, value):
    parser = AREA_PARSER
    context = AREA_CONTEXT
    try:
        found = parser.parse(value, {}, context)
    except CellError as exc:
        assert all(text.strip() for text in exc.message.as_dict().values())
    else:
        assert found.level in {"union", "pourashava", "upazila"}


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("integer", float("inf")),
        ("integer", float("-inf")),
        ("amount", float("inf")),
        ("amount", float("-inf")),
        ("amount", float("nan")),
        ("amount", 1e26),
        ("amount", "100000000000000000000000000"),
        ("amount", "১" * 40),
        ("integer", 10**30),
    ],
)
def test_non_finite_or_huge_numbers_in_a_workbook_cell_are_refused(kind, value):
    parsed, refused = read_cell(PARSERS[kind], value)
    assert parsed is None
    assert refused is not None
    # The value is quoted, unless it is long enough to hide an identity number: then only its
    # last digits are (imports.messages masks every run of ten digits or more).
    assert str(value).lstrip("-")[:3] in refused["en"] or "•" in refused["en"]
    assert "•" not in refused["en"].rsplit("”", 1)[-1], "the limit is named in clear"


csv_text = st.lists(
    st.lists(st.one_of(any_text, numberish_text), min_size=0, max_size=6), max_size=12
).map(lambda rows: "\n".join(",".join(row) for row in rows))

files = st.one_of(
    st.binary(max_size=3000),
    csv_text.map(lambda text: text.encode("utf-8")),
    csv_text.map(lambda text: text.encode("utf-16")),
    st.binary(max_size=2000).map(lambda data: b"PK\x03\x04" + data),
    st.binary(max_size=2000).map(lambda data: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + data),
)


@FEW
@given(files)
@example(b"")
@example("নাম,বয়স\nরহিম,৪০\n".encode())
def test_any_uploaded_file_is_read_or_refused_as_a_whole(data):
    try:
        with open_table(io.BytesIO(data)) as rows:
            for number, row in rows:
                assert isinstance(number, int)
                assert isinstance(row, list | tuple)
    except FileProblem as exc:
        messages = exc.message.as_dict()
        assert all(text.strip() for text in messages.values())
