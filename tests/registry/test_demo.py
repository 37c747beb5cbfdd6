import io

from django.core.management import call_command

import pytest

from registry import aggregates, demo
from registry.models import (
    BeneficiaryAggregate,
    Benefit,
    DuplicateFlag,
    FlagKind,
    Household,
    Person,
)

pytestmark = pytest.mark.django_db


def registry_snapshot():
    return (
        list(Household.objects.order_by("lgi_id", "code").values_list("lgi_id", "code", "ward")),
        list(
            Person.objects.order_by("lgi_id", "household__code", "pk").values_list(
                "household__code", "name_bn", "date_of_birth", "id_hash", "disability"
            )
        ),
        sorted(
            Benefit.objects.values_list(
                "person__name_bn", "programme_id", "practice_id", "fiscal_year", "amount"
            )
        ),
    )


def figures():
    return sorted(
        BeneficiaryAggregate.objects.filter(persons__gt=0).values_list(
            "practice_id", "programme_id", "lgi_id", "fiscal_year", "persons", "households"
        ),
        key=str,
    )


def test_without_replications_the_demo_registers_the_demo_union_only(union):
    summary = demo.generate(1500)
    assert "1 unions" in summary
    assert set(Household.objects.values_list("lgi_id", flat=True)) == {union.pk}
    assert Person.objects.count() >= 1500
    assert not Benefit.objects.filter(practice__isnull=False).exists()
    assert Benefit.objects.filter(programme__isnull=False).exists()
    kinds = set(DuplicateFlag.objects.values_list("kind", flat=True))
    assert kinds == {FlagKind.SAME_ID, FlagKind.REPEAT_BENEFIT, FlagKind.LIKELY_SAME}


def test_the_demo_is_deterministic_and_its_figures_match_a_rebuild(union):
    demo.generate(1200)
    first = registry_snapshot()
    incremental = figures()
    aggregates.rebuild()
    assert figures() == incremental
    demo.remove()
    assert not Household.objects.exists() and not BeneficiaryAggregate.objects.exists()
    demo.generate(1200)
    assert registry_snapshot() == first


def test_replications_get_beneficiaries_of_their_practice(replication, union):
    replication.practice.save_revision().publish()
    demo.generate(1500)
    practice_benefits = Benefit.objects.filter(practice=replication.practice)
    assert practice_benefits.exists()
    assert set(practice_benefits.values_list("replication_id", flat=True)) == {replication.pk}
    figures = aggregates.beneficiaries_for_practice(replication.practice)
    assert figures["persons"] == practice_benefits.values("person").distinct().count()


def test_load_is_idempotent_and_the_command_rescales(union):
    assert "persons in 1 unions" in demo.load()
    households = Household.objects.count()
    assert Person.objects.count() >= demo.DEFAULT_PERSONS
    assert demo.load() == f"already loaded ({households} households)"
    out = io.StringIO()
    call_command("registry_demo", "--scale", "800", stdout=out)
    assert 800 <= Person.objects.count() < 900
    assert "persons in 1 unions" in out.getvalue()
