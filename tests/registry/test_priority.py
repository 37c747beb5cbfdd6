import csv
import datetime
import io

import pytest
from freezegun import freeze_time
from openpyxl import load_workbook

from portal import roles
from registry.models import AccessAction, AccessLog, Household

from .factories import HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 1)


def years_before(years, days=0):
    return TODAY.replace(year=TODAY.year - years) - datetime.timedelta(days=days)


@pytest.fixture
def households(union):
    """Households of every shape the criteria tell apart."""
    made = {}

    def household(code, *members, **fields):
        made[code] = HouseholdFactory(lgi=union, code=code, **fields)
        for relation, sex, born, disability in members:
            PersonFactory(
                household=made[code],
                relation=relation,
                sex=sex,
                date_of_birth=born,
                disability=disability,
            )
        made[code].refresh_flags()

    household("ALONE", ("head", "female", years_before(70), ""))
    household("ALONE-YOUNG", ("head", "male", years_before(40), ""))
    household(
        "BABY",
        ("head", "male", years_before(30), ""),
        ("daughter", "female", years_before(4, days=300), ""),
    )
    household(
        "FIVE", ("head", "male", years_before(30), ""), ("son", "male", years_before(5, days=1), "")
    )
    household(
        "DISABLED",
        ("head", "male", years_before(45), ""),
        ("son", "male", years_before(12), "hearing"),
    )
    household(
        "WIDOW", ("head", "female", years_before(50), ""), ("son", "male", years_before(20), "")
    )
    household(
        "ELDERS", ("head", "male", years_before(75), ""), ("spouse", "female", years_before(68), "")
    )
    household("LANDLESS", ("head", "male", years_before(35), ""), landless=True)
    return made


def codes(response):
    return [household.code for household, _met in response.context["rows"]]


@freeze_time(TODAY)
@pytest.mark.parametrize(
    "criteria,expected",
    [
        (["elderly_alone"], {"ALONE"}),
        (["children_under_5"], {"BABY"}),
        (["disability"], {"DISABLED"}),
        (["female_headed"], {"ALONE", "WIDOW"}),
        (["elderly"], {"ALONE", "ELDERS"}),
        (["landless"], {"LANDLESS"}),
        (["children_under_5", "disability"], {"BABY", "DISABLED"}),
    ],
)
def test_each_criterion_finds_its_households(
    client, officer, union, households, criteria, expected
):
    client.force_login(officer)
    query = "&".join(f"criteria={c}" for c in criteria)
    response = client.get(f"/en/registry/priority/?area={union.key}&{query}")
    assert response.status_code == 200
    assert set(codes(response)) == expected
    entry = AccessLog.objects.get(action=AccessAction.PRIORITY_LIST)
    assert entry.lgi == union and entry.rows == len(expected)


@freeze_time(TODAY)
def test_a_wider_area_lists_the_unions_the_user_may_see(client, make_user, union, households):
    sibling = union.parent.children.exclude(pk=union.pk).first()
    HouseholdFactory(lgi=sibling, code="SIBLING", landless=True)
    client.force_login(make_user("two", roles.REGISTRY_OFFICER, [union, sibling]))
    response = client.get(f"/en/registry/priority/?area={union.upazila.key}&criteria=landless")
    assert set(codes(response)) == {"LANDLESS", "SIBLING"}
    client.force_login(make_user("one", roles.REGISTRY_OFFICER, [union]))
    response = client.get(f"/en/registry/priority/?area={union.district.key}&criteria=landless")
    assert set(codes(response)) == {"LANDLESS"}


@freeze_time(TODAY)
def test_the_list_exports_to_csv_and_excel_and_each_export_is_logged(
    client, editor, union, households
):
    client.force_login(editor)
    base = f"/en/registry/priority/?area={union.key}&criteria=female_headed"
    response = client.get(base + "&format=csv")
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["union", "ward", "village", "household_code"]
    assert {row[3] for row in rows[1:]} == {"ALONE", "WIDOW"}
    response = client.get(base + "&format=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert {row[3] for row in sheet.iter_rows(min_row=2, values_only=True)} == {"ALONE", "WIDOW"}
    exports = AccessLog.objects.filter(action=AccessAction.EXPORT).order_by("pk")
    assert [(e.target, e.rows, e.user) for e in exports] == [
        ("priority list csv", 2, editor),
        ("priority list xlsx", 2, editor),
    ]


@freeze_time(TODAY)
def test_formulas_in_cells_are_not_run_by_a_spreadsheet(client, officer, union):
    HouseholdFactory(lgi=union, code="X", village='=HYPERLINK("http://x")', landless=True)
    client.force_login(officer)
    response = client.get(f"/en/registry/priority/?area={union.key}&criteria=landless&format=csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in body


@freeze_time(TODAY)
@pytest.mark.parametrize("role", [roles.POLICYMAKER, roles.NILG_CURATOR, None])
def test_roles_without_personal_data_cannot_list_or_export(
    client, make_user, union, households, role
):
    client.force_login(make_user("someone", role, [union]))
    for suffix in ("", "&format=csv", "&format=xlsx"):
        response = client.get(f"/en/registry/priority/?area={union.key}&criteria=landless{suffix}")
        assert response.status_code == 403
    assert not AccessLog.objects.exists()


@freeze_time(TODAY)
def test_the_list_page_runs_a_bounded_number_of_queries(
    client, officer, union, households, django_assert_max_num_queries
):
    for n in range(60):
        HouseholdFactory(lgi=union, code=f"L{n:03d}", landless=True)
    client.force_login(officer)
    with django_assert_max_num_queries(17):
        response = client.get(f"/en/registry/priority/?area={union.key}&criteria=landless")
    assert len(response.context["rows"]) == 50
    assert Household.objects.filter(landless=True).count() == 61


def test_a_link_naming_the_area_opens_the_form_filled_in(client, officer, union):
    client.force_login(officer)
    response = client.get(f"/en/registry/priority/?area={union.key}")
    assert response.status_code == 200
    assert response.context["form"].initial["area"] == union.key
    assert not response.context["form"].errors
    assert not AccessLog.objects.exists()
