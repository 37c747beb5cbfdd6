"""Generated lists, good rows mixed with rows spoiled in any column: a list with a refused row
writes nothing, a list without one writes every row, and importing it again changes nothing."""

import itertools
from datetime import date, timedelta

from django.db import transaction

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from imports.models import ImportJob
from registry.models import Household

from ..properties.conftest import FEW
from ..properties.strategies import any_text, numberish_text, with_bangla_digits
from .conftest import commit, upload
from .test_import import snapshot
from .test_import_refusals import COLUMNS, new_list, person

pytestmark = pytest.mark.django_db

Status = ImportJob.Status

GOOD_CELLS = {
    "ward": st.sampled_from(["১", "2", "৯", "ওয়ার্ড ৩"]),
    "name": st.sampled_from(["আমেনা বেগম", "Rahima Khatun", "জসিম উদ্দিন"]),
    "sex": st.sampled_from(["মহিলা", "পুরুষ", "F", "male"]),
    "born": st.dates(date(1930, 1, 1), date(2020, 12, 31)).flatmap(
        lambda day: st.sampled_from(
            [day.strftime("%d/%m/%Y"), day.isoformat(), with_bangla_digits(day.isoformat())]
        )
    ),
    "disability": st.sampled_from(["", "না", "হ্যাঁ", "শারীরিক"]),
    "amount": st.decimals(min_value=1, max_value=10**7, places=2).map(str).map(with_bangla_digits),
}
SPOILED = st.one_of(any_text, numberish_text)

# One row of a list: good cells, and one time in eight a column's cell replaced by generated
# text, so that about half the lists hold no refused row.
spoil = st.tuples(st.sampled_from(sorted(set(COLUMNS) - {"code"})), SPOILED)
rows = st.tuples(
    st.fixed_dictionaries(GOOD_CELLS),
    st.integers(0, 7).flatmap(lambda n: spoil if n == 0 else st.none()),
)

PROPERTY = settings(
    FEW,
    max_examples=150,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@PROPERTY
@given(st.lists(rows, min_size=1, max_size=6))
def test_a_list_is_written_whole_or_not_at_all(tmp_path_factory, officer, union, generated):
    numbers = itertools.count(1)
    with transaction.atomic():
        tmp_path = tmp_path_factory.mktemp("list")
        # What the union already holds, so "nothing written" is checked against real rows.
        held = commit(upload(new_list(tmp_path, person("আগে-1", "সালমা")), officer, union))
        assert held.status == Status.COMMITTED, held.report
        before = snapshot()

        codes, table = [], []
        for good, spoiled in generated:
            code = f"গ-{next(numbers)}"  # codes are stored with ASCII digits
            cells = {**good, "programme": "বয়স্ক ভাতা", "fy": "২০২৩-২৪"}
            if spoiled:
                column, value = spoiled
                cells[column] = value
            codes.append(code)
            table.append(person(code, cells.pop("name"), **cells))
        path = new_list(tmp_path, *table)
        job = upload(path, officer, union)
        refused = job.report.get("errors", [])
        event(f"list {job.status}")

        if job.status == Status.INVALID:
            assert refused and all(
                error["message"]["bn"] and error["message"]["en"] for error in refused
            )
            assert {error["row"] for error in refused} <= set(range(2, len(table) + 2))
            committed = commit(job)
            assert committed.status == Status.INVALID
            assert snapshot() == before
        else:
            assert job.status == Status.VALID, job.report
            committed = commit(job)
            assert committed.status == Status.COMMITTED, committed.report
            assert set(Household.objects.filter(lgi=union).values_list("code", flat=True)) == {
                "আগে-1",
                *codes,
            }
            written = snapshot()
            assert set(before["households"]) <= set(written["households"])
            again = commit(upload(path, officer, union))
            assert again.status == Status.COMMITTED, again.report
            assert snapshot() == written
        transaction.set_rollback(True)
