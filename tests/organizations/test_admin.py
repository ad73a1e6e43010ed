import io

import openpyxl
import pytest
from django.urls import reverse

from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="quantri", is_staff=True, is_superuser=True))
    return client


def test_admin_lists_units_in_vietnamese(admin_client, tree):
    response = admin_client.get(reverse("admin:organizations_unit_changelist"), {"q": "an binh"})

    assert response.status_code == 200
    assert "Chọn đơn vị để thay đổi" in response.text
    assert "Phường An Bình" in response.text
    assert "Phường Bình Minh" not in response.text


@pytest.mark.parametrize(
    "model", ["organizations_person", "organizations_membership", "organizations_council"]
)
def test_admin_pages_for_people_memberships_and_councils_open(admin_client, tree, model):
    PersonFactory(unit=tree.ward_a)

    response = admin_client.get(reverse(f"admin:{model}_changelist"))

    assert response.status_code == 200


def test_admin_exports_people_to_excel(admin_client, tree):
    PersonFactory(full_name="Lê Thị Hoa", unit=tree.ward_a)

    response = admin_client.post(
        reverse("admin:organizations_person_export"),
        {"format": "1", "resource": "0", "personresource_id": "on",
         "personresource_full_name": "on", "personresource_unit": "on"},
    )  # fmt: skip

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert ["Lê Thị Hoa", tree.ward_a.pk] in [row[1:3] for row in rows]
