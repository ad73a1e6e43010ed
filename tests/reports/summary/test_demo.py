"""The demo's sample year: the admin opens the summary of Thị xã Sơn Tây's 2020 and exports it."""

import io

import openpyxl
from django.contrib.auth import get_user_model
from django.urls import reverse

from reports.summary.exporters import authorize, render


def test_demo_admin_sees_son_tay_2020(client, demo_world):
    admin = get_user_model().objects.get(username="quantri")
    client.force_login(admin)

    response = client.get(reverse("reports:summary_page"))

    assert response.status_code == 200
    summary = response.context["summary"]
    assert (summary.council.unit.name, summary.year, summary.scope) == (
        "Thị xã Sơn Tây",
        2020,
        "council",
    )
    assert [c.name for c in summary.campaigns] == [
        "Người tốt, việc tốt",
        "Thi đua thường xuyên thực hiện nhiệm vụ công tác năm 2020",
    ]
    # Trung Hưng submitted, Trung Sơn Trầm, Đường Lâm and Cổ Đông accepted: 9 lines.
    assert (summary.expected_units, summary.registered_units) == (23, 4)
    assert summary.registered_lines == 9
    assert len(summary.missing_units) == 19
    assert [c.name for c in summary.clusters] == ["Cụm thi đua số 1", "Cụm thi đua số 2"]

    params = authorize(admin, {})
    out = io.BytesIO()
    render(user=admin, params=params, fmt="xlsx", out=out, progress=None)
    out.seek(0)
    workbook = openpyxl.load_workbook(out, read_only=True)
    rows = list(workbook["Theo danh hiệu"].iter_rows(values_only=True))
    total = next(row for row in rows if row[1] == "Tổng cộng")
    assert total[5] == 9
