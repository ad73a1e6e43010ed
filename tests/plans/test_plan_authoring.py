"""Writing plans in the browser: create, copy for next year, edit, issue, and who may."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from common.models import StateChange
from organizations.models import Membership, Unit
from plans import authoring
from plans.models import Deadline, Plan, PlanSection, ScheduleTask
from tests.factories import MembershipFactory, UnitFactory, UserFactory
from tests.forms import posted_back

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def edit_post_data(page) -> dict:
    """What the browser posts back from the edit page when nothing is changed."""
    return posted_back(page, formsets=("sections", "schedule", "deadlines"))


def row_html(page, prefix: str, number: int) -> str:
    """The HTML of one formset row (1-based) on the edit page."""
    start = page.text.index(f'id="{prefix}-row-{number}"')
    return page.text[start : page.text.index("</fieldset>", start)]


# --- Create from scratch ----------------------------------------------------------------------

CREATE_DATA = {
    "number": "01/KH-HĐTĐKT",
    "place": "Sơn Tây",
    "issue_date": "05/01/2021",
    "year": "2021",
    "title": "Công tác thi đua, khen thưởng năm 2021",
    "issuer": "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
    "parent_issuer": "UBND THỊ XÃ SƠN TÂY",
    "signer_name": "Nguyễn Văn A",
    "signer_title": "TM. HỘI ĐỒNG\r\nCHỦ TỊCH",
    "legal_bases": "Căn cứ Luật Thi đua, khen thưởng năm 2022;\r\n\r\nCăn cứ Nghị định 98/2023",
    "recipients": "Như trên;\r\nLưu: VT.",
}


def test_plan_create_saves_a_draft_with_the_typed_values(client, son_tay, secretariat_user):
    client.force_login(secretariat_user)

    response = client.post(reverse("plans:plan_create"), {**CREATE_DATA, "unit": son_tay.pk})

    plan = Plan.objects.get()
    assert response.url == reverse("plans:plan_edit", args=[plan.pk])
    assert plan.status == Plan.Status.DRAFT
    assert plan.issuing_unit == son_tay
    assert plan.created_by == secretariat_user
    assert (plan.number, plan.place, plan.year) == ("01/KH-HĐTĐKT", "Sơn Tây", 2021)
    assert (plan.issue_date, plan.issue_month) == (datetime.date(2021, 1, 5), "2021-01")
    assert plan.title == "Công tác thi đua, khen thưởng năm 2021"
    assert (plan.issuer, plan.parent_issuer) == (
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        "UBND THỊ XÃ SƠN TÂY",
    )
    assert (plan.signer_name, plan.signer_title) == ("Nguyễn Văn A", "TM. HỘI ĐỒNG\nCHỦ TỊCH")
    assert plan.legal_bases == [
        "Căn cứ Luật Thi đua, khen thưởng năm 2022;",
        "Căn cứ Nghị định 98/2023",
    ]
    assert plan.recipients == ["Như trên;", "Lưu: VT."]
    assert plan.sections.count() == plan.schedule_tasks.count() == plan.deadlines.count() == 0


def test_plan_create_with_a_taken_number_keeps_the_typed_values(
    client, son_tay_plan, secretariat_user
):
    client.force_login(secretariat_user)
    typed = {**CREATE_DATA, "number": "06/KH-HĐTĐKT", "year": "2020", "title": "Kế hoạch khác"}

    response = client.post(
        reverse("plans:plan_create"), {**typed, "unit": son_tay_plan.issuing_unit.pk}
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["number"] == ["Kế hoạch số 06/KH-HĐTĐKT năm 2020 của Thị xã Sơn Tây đã có."]
    assert "Kế hoạch số 06/KH-HĐTĐKT năm 2020 của Thị xã Sơn Tây đã có." in response.text
    assert form["title"].value() == "Kế hoạch khác"
    assert form["signer_title"].value() == "TM. HỘI ĐỒNG\r\nCHỦ TỊCH"
    assert form["issue_date"].value() == "05/01/2021"
    assert Plan.objects.get() == son_tay_plan


def test_plan_create_offers_only_the_users_units(client, son_tay, secretariat_user):
    other = UnitFactory(name="Xã Khác")
    client.force_login(secretariat_user)

    response = client.post(reverse("plans:plan_create"), {**CREATE_DATA, "unit": other.pk})

    assert response.status_code == 200
    assert list(response.context["form"].fields["unit"].queryset) == [son_tay]
    assert "unit" in response.context["form"].errors
    assert Plan.objects.count() == 0


def test_plan_create_is_forbidden_to_a_ward_officer(client, ward_officer):
    client.force_login(ward_officer)

    assert client.get(reverse("plans:plan_create")).status_code == 403
    assert client.post(reverse("plans:plan_create"), CREATE_DATA).status_code == 403


def test_plan_list_offers_a_new_plan_only_to_authors(
    client, son_tay, secretariat_user, ward_officer
):
    new_plan_link = f'href="{reverse("plans:plan_create")}"'
    client.force_login(secretariat_user)
    assert new_plan_link in client.get(reverse("plans:plan_list")).text

    client.force_login(ward_officer)
    assert new_plan_link not in client.get(reverse("plans:plan_list")).text


# --- Copy for next year -----------------------------------------------------------------------


def test_copy_for_next_year_makes_a_2021_draft(client, son_tay_plan, secretariat_user):
    client.force_login(secretariat_user)
    old = son_tay_plan

    response = client.post(reverse("plans:plan_copy", args=[old.pk]))

    new = Plan.objects.exclude(pk=old.pk).get()
    assert response.url == reverse("plans:plan_edit", args=[new.pk])
    assert new.status == Plan.Status.DRAFT
    assert new.year == 2021
    assert new.title == "Công tác thi đua, khen thưởng năm 2021"
    assert (new.number, new.issue_date, new.issue_month) == ("", None, "")
    assert new.issuing_unit == old.issuing_unit
    assert new.created_by == secretariat_user
    for field in ("issuer", "parent_issuer", "place", "signer_name", "signer_title"):
        assert getattr(new, field) == getattr(old, field)
    for field in ("legal_bases", "recipients", "campaign_names", "cluster_names"):
        assert getattr(new, field) == getattr(old, field)
    assert new.campaign_names != []
    assert list(new.sections.values_list("order", "heading", "level", "text")) == list(
        old.sections.values_list("order", "heading", "level", "text")
    )
    assert new.schedule_tasks.count() == 28
    row6 = new.schedule_tasks.get(order=6)
    assert old.schedule_tasks.get(order=6).due_date == datetime.date(2020, 2, 28)
    assert row6.due_date == datetime.date(2021, 2, 28)
    assert row6.due_text == "Trước ngày 28/02/2021"
    old_rows = list(old.schedule_tasks.order_by("order"))
    new_rows = list(new.schedule_tasks.order_by("order"))
    assert [t.due_date.replace(year=2021) if t.due_date else None for t in old_rows] == [
        t.due_date for t in new_rows
    ]
    assert [t.content for t in old_rows] == [t.content for t in new_rows]
    assert [sorted(u.name for u in t.executing_units.all()) for t in old_rows] == [
        sorted(u.name for u in t.executing_units.all()) for t in new_rows
    ]
    assert [sorted(u.name for u in t.coordinating_units.all()) for t in old_rows] == [
        sorted(u.name for u in t.coordinating_units.all()) for t in new_rows
    ]
    assert sorted(
        d.due_date.replace(year=2021) for d in old.deadlines.filter(schedule_task__isnull=True)
    ) == sorted(d.due_date for d in new.deadlines.filter(schedule_task__isnull=True))
    assert new.deadlines.filter(schedule_task__isnull=False).count() == len(
        [t for t in new_rows if t.due_date]
    )
    assert Plan.objects.get(pk=old.pk).year == 2020


def test_copy_for_next_year_twice_is_refused_with_a_link(client, son_tay_plan, secretariat_user):
    client.force_login(secretariat_user)
    client.post(reverse("plans:plan_copy", args=[son_tay_plan.pk]), follow=True)
    first_copy = Plan.objects.exclude(pk=son_tay_plan.pk).get()

    response = client.post(reverse("plans:plan_copy", args=[son_tay_plan.pk]))

    assert response.url == reverse("plans:plan_detail", args=[son_tay_plan.pk])
    assert messages_of(response) == [
        "Kế hoạch “Công tác thi đua, khen thưởng năm 2021” năm 2021 của Thị xã Sơn Tây đã có. "
        f'<a href="{reverse("plans:plan_detail", args=[first_copy.pk])}">Mở kế hoạch đó</a>'
    ]
    assert Plan.objects.count() == 2
    shown = client.get(response.url)
    assert f'<a href="{reverse("plans:plan_detail", args=[first_copy.pk])}">' in shown.text


def test_copy_for_next_year_moves_29_february_to_28_february(son_tay, secretariat_user):
    plan = Plan.objects.create(issuing_unit=son_tay, year=2024, title="Kế hoạch năm 2024")
    ScheduleTask.objects.create(
        plan=plan,
        order=1,
        content="Đăng ký thi đua",
        due_date=datetime.date(2024, 2, 29),
        due_text="Trước ngày 29/02/2024 (theo Kế hoạch ngày 29/02/2024)",
    )
    Deadline.objects.create(
        plan=plan, due_date=datetime.date(2024, 3, 5), text="Gửi báo cáo trước ngày 5/3/2024."
    )

    new = authoring.plan_copy_for_next_year(plan=plan, user=secretariat_user)

    task = new.schedule_tasks.get()
    assert task.due_date == datetime.date(2025, 2, 28)
    assert task.due_text == "Trước ngày 28/02/2025 (theo Kế hoạch ngày 28/02/2025)"
    assert [
        (d.due_date, d.text, d.schedule_task_id) for d in new.deadlines.order_by("due_date")
    ] == [
        (datetime.date(2025, 2, 28), "Đăng ký thi đua", task.pk),
        (datetime.date(2025, 3, 5), "Gửi báo cáo trước ngày 5/3/2025.", None),
    ]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Công tác thi đua, khen thưởng năm 2020", "Công tác thi đua, khen thưởng năm 2021"),
        ("Thi đua năm học 2019 - 2020", "Thi đua năm học 2020 - 2021"),
        ("Thi đua năm học 2020-2021", "Thi đua năm học 2021-2022"),
        ("Năm 2020, giai đoạn 2016 - 2020", "Năm 2021, giai đoạn 2016 - 2020"),
        ("Kỷ niệm 2019 và công văn 12020", "Kỷ niệm 2019 và công văn 12020"),
        ("Công tác thi đua, khen thưởng", "Công tác thi đua, khen thưởng"),
    ],
)
def test_title_for_next_year_replaces_only_the_plans_year(title, expected):
    assert authoring.title_for_next_year(title, year=2020) == expected


# --- Edit -------------------------------------------------------------------------------------


def test_edit_saves_sections_and_schedule_in_order(client, son_tay_plan, secretariat_user):
    client.force_login(secretariat_user)
    url = reverse("plans:plan_edit", args=[son_tay_plan.pk])
    page = client.get(url)
    data = edit_post_data(page)
    old_contents = list(son_tay_plan.schedule_tasks.values_list("content", flat=True))
    body_deadlines = list(
        son_tay_plan.deadlines.filter(schedule_task__isnull=True).values_list("due_date", "text")
    )
    sections_before = son_tay_plan.sections.count()
    assert page.context["schedule"].initial_form_count() == 28
    data["sections-0-heading"] = "I. MỤC ĐÍCH, YÊU CẦU (sửa)"
    data["schedule-0-content"] = "Kiện toàn các Cụm thi đua (sửa)"
    data["schedule-1-DELETE"] = "on"
    data["schedule-28-content"] = "Nhiệm vụ mới của Phường Xuân Khanh"
    data["schedule-28-quarter"] = "4"
    data["schedule-28-executing"] = "Phường Xuân Khanh"
    data["schedule-28-due_date"] = "15/12/2020"
    data["schedule-28-due_text"] = "Trước ngày 15/12/2020"

    response = client.post(url, data)

    assert response.url == reverse("plans:plan_detail", args=[son_tay_plan.pk])
    tasks = list(son_tay_plan.schedule_tasks.order_by("order"))
    assert [t.order for t in tasks] == list(range(1, 29))
    assert [t.content for t in tasks] == [
        "Kiện toàn các Cụm thi đua (sửa)",
        *old_contents[2:],
        "Nhiệm vụ mới của Phường Xuân Khanh",
    ]
    new_task = tasks[-1]
    assert (new_task.quarter, new_task.due_date) == (4, datetime.date(2020, 12, 15))
    assert [u.name for u in new_task.executing_units.all()] == ["Phường Xuân Khanh"]
    assert [u.name for u in tasks[0].executing_units.all()] == ["Phòng Nội vụ thị xã Sơn Tây"]
    assert new_task.deadlines.get().due_date == datetime.date(2020, 12, 15)
    assert son_tay_plan.deadlines.filter(schedule_task__isnull=False).count() == 28
    assert (
        list(
            son_tay_plan.deadlines.filter(schedule_task__isnull=True).values_list(
                "due_date", "text"
            )
        )
        == body_deadlines
    )
    sections = list(son_tay_plan.sections.order_by("order"))
    assert len(sections) == sections_before
    assert sections[0].heading == "I. MỤC ĐÍCH, YÊU CẦU (sửa)"
    assert messages_of(response) == ["Đã lưu kế hoạch."]


def test_edit_reorders_rows_by_their_order_numbers(client, son_tay, secretariat_user):
    plan = Plan.objects.create(issuing_unit=son_tay, year=2021, title="Kế hoạch năm 2021")
    PlanSection.objects.bulk_create(
        PlanSection(plan=plan, order=i, heading=h, level=1) for i, h in enumerate("ABC", 1)
    )
    client.force_login(secretariat_user)
    url = reverse("plans:plan_edit", args=[plan.pk])
    data = edit_post_data(client.get(url))
    data["sections-0-ORDER"] = "3"
    data["sections-2-ORDER"] = "1"
    data["sections-3-heading"] = "D"

    client.post(url, {**data, "continue": "1"})

    assert list(plan.sections.values_list("order", "heading")) == [
        (1, "C"),
        (2, "B"),
        (3, "A"),
        (4, "D"),
    ]


def test_edit_makes_the_pdf_stale(client, son_tay_plan, secretariat_user):
    Plan.objects.filter(pk=son_tay_plan.pk).update(
        pdf_file="plans/pdf/plan.pdf", pdf_rendered_at=timezone.now()
    )
    son_tay_plan.refresh_from_db()
    assert son_tay_plan.pdf_is_current
    client.force_login(secretariat_user)
    url = reverse("plans:plan_edit", args=[son_tay_plan.pk])

    client.post(url, edit_post_data(client.get(url)))

    son_tay_plan.refresh_from_db()
    assert not son_tay_plan.pdf_is_current
    assert son_tay_plan.pdf_state == "stale"


def test_edit_with_an_invalid_date_in_one_row_keeps_everything_typed(
    client, son_tay_plan, secretariat_user
):
    client.force_login(secretariat_user)
    url = reverse("plans:plan_edit", args=[son_tay_plan.pk])
    data = edit_post_data(client.get(url))
    data["title"] = "Tiêu đề đang sửa"
    data["sections-1-text"] = "Đoạn văn đang sửa"
    data["schedule-0-content"] = "Nội dung hàng 1 đang sửa"
    data["schedule-2-due_date"] = "31/02/2020"
    data["schedule-28-content"] = "Hàng mới đang gõ"
    data["deadlines-0-text"] = "Thời hạn đang sửa"

    response = client.post(url, data)

    assert response.status_code == 200
    schedule = response.context["schedule"]
    assert schedule.forms[2].errors == {"due_date": ["Nhập một ngày hợp lệ."]}
    assert [i for i, row in enumerate(schedule.forms) if row.errors] == [2]
    assert "Nhập một ngày hợp lệ." in row_html(response, "schedule", 3)
    assert "31/02/2020" in row_html(response, "schedule", 3)
    assert "Nhập một ngày hợp lệ." not in row_html(response, "schedule", 2)
    assert response.context["form"]["title"].value() == "Tiêu đề đang sửa"
    assert "Tiêu đề đang sửa" in response.text
    assert "Đoạn văn đang sửa" in row_html(response, "sections", 2)
    assert "Nội dung hàng 1 đang sửa" in row_html(response, "schedule", 1)
    assert "Hàng mới đang gõ" in row_html(response, "schedule", 29)
    assert "Thời hạn đang sửa" in row_html(response, "deadlines", 1)
    assert schedule.total_form_count() == 29
    son_tay_plan.refresh_from_db()
    assert son_tay_plan.title == "Công tác thi đua, khen thưởng năm 2020"
    assert son_tay_plan.schedule_tasks.get(order=1).content != "Nội dung hàng 1 đang sửa"


def test_edit_with_a_number_taken_by_another_plan_is_refused(
    client, son_tay_plan, secretariat_user
):
    other = Plan.objects.create(
        issuing_unit=son_tay_plan.issuing_unit, year=2020, number="07/KH-UBND", title="Khác"
    )
    client.force_login(secretariat_user)
    url = reverse("plans:plan_edit", args=[son_tay_plan.pk])
    data = edit_post_data(client.get(url))
    data["number"] = "07/KH-UBND"

    response = client.post(url, data)

    assert response.status_code == 200
    assert response.context["form"].errors["number"] == [
        f"Kế hoạch số 07/KH-UBND năm 2020 của {other.issuing_unit} đã có."
    ]
    assert Plan.objects.get(pk=son_tay_plan.pk).number == "06/KH-HĐTĐKT"


def test_edit_of_an_issued_plan_is_refused(client, son_tay_plan, secretariat_user):
    client.force_login(secretariat_user)
    url = reverse("plans:plan_edit", args=[son_tay_plan.pk])
    data = edit_post_data(client.get(url))
    authoring.plan_issue(plan=son_tay_plan, user=secretariat_user)
    data["title"] = "Sửa sau khi ban hành"

    refused = client.post(url, data)
    page = client.get(url)

    assert refused.url == url
    assert messages_of(refused) == ["Kế hoạch đã ban hành nên không sửa được nữa."]
    assert page.status_code == 200
    assert "Kế hoạch này đã ban hành, chỉ xem được." in page.text
    assert "form" not in page.context
    son_tay_plan.refresh_from_db()
    assert son_tay_plan.title == "Công tác thi đua, khen thưởng năm 2020"
    assert son_tay_plan.schedule_tasks.count() == 28


def test_plan_update_refuses_an_issued_plan(son_tay_plan, secretariat_user):
    Plan.objects.filter(pk=son_tay_plan.pk).update(status=Plan.Status.ISSUED)

    with pytest.raises(authoring.PlanNotEditable):
        authoring.plan_update(
            plan=son_tay_plan,
            user=secretariat_user,
            data={"number": "", "title": "Khác", "year": 2020},
            sections=[],
            schedule=[],
            deadlines=[],
        )

    assert son_tay_plan.sections.exists()


@pytest.mark.parametrize("size", [5, 40])
def test_edit_page_query_count_does_not_grow(
    client, django_assert_num_queries, son_tay, secretariat_user, size
):
    plan = Plan.objects.create(issuing_unit=son_tay, year=2021, title="Kế hoạch năm 2021")
    PlanSection.objects.bulk_create(
        PlanSection(plan=plan, order=i, heading=f"Mục {i}", level=1 + i % 3, text="Nội dung")
        for i in range(1, size + 1)
    )
    tasks = ScheduleTask.objects.bulk_create(
        ScheduleTask(
            plan=plan,
            order=i,
            quarter=1 + i % 4,
            content=f"Nhiệm vụ {i}",
            executing="Phường Xuân Khanh",
            due_date=datetime.date(2021, 1 + i % 12, 10),
        )
        for i in range(1, size + 1)
    )
    Deadline.objects.bulk_create(
        Deadline(plan=plan, due_date=t.due_date, text=t.content, schedule_task=t) for t in tasks
    )
    Deadline.objects.bulk_create(
        Deadline(plan=plan, due_date=datetime.date(2021, 6, i % 28 + 1), text=f"Thời hạn {i}")
        for i in range(size)
    )
    client.force_login(secretariat_user)

    # session, user, plan, permission (membership, unit above), sections, tasks, deadlines
    with django_assert_num_queries(9):
        response = client.get(reverse("plans:plan_edit", args=[plan.pk]))

    assert response.status_code == 200
    assert response.context["schedule"].initial_form_count() == size


# --- Issue ------------------------------------------------------------------------------------


def test_issue_without_a_number_is_refused(client, son_tay, secretariat_user):
    plan = authoring.plan_create(
        unit=son_tay,
        user=secretariat_user,
        data={"title": "Kế hoạch năm 2021", "year": 2021, "issue_date": datetime.date(2021, 1, 5)},
    )
    client.force_login(secretariat_user)

    response = client.post(reverse("plans:plan_issue", args=[plan.pk]))

    assert response.url == reverse("plans:plan_detail", args=[plan.pk])
    assert messages_of(response) == ["Chưa ban hành được kế hoạch: còn thiếu số, ký hiệu."]
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.DRAFT
    assert StateChange.objects.count() == 0


def test_issue_lists_everything_missing(son_tay, secretariat_user):
    plan = Plan.objects.create(issuing_unit=son_tay, year=2021, title="")

    with pytest.raises(authoring.PlanCannotBeIssued) as refused:
        authoring.plan_issue(plan=plan, user=secretariat_user)

    assert str(refused.value) == (
        "Chưa ban hành được kế hoạch: còn thiếu số, ký hiệu; trích yếu; ngày ban hành."
    )


def test_issue_accepts_an_issue_month_without_a_day(son_tay, secretariat_user):
    plan = Plan.objects.create(
        issuing_unit=son_tay, year=2022, title="Kế hoạch", number="01/KH", issue_month="2021-12"
    )

    assert authoring.plan_issue(plan=plan, user=secretariat_user).status == Plan.Status.ISSUED


def test_issue_of_a_complete_draft_records_and_shows_the_change(
    client, son_tay_plan, secretariat_user
):
    secretariat_user.first_name, secretariat_user.last_name = "Lan", "Trần Thị"
    secretariat_user.save()
    client.force_login(secretariat_user)
    updated_at = son_tay_plan.updated_at

    response = client.post(reverse("plans:plan_issue", args=[son_tay_plan.pk]))

    son_tay_plan.refresh_from_db()
    assert son_tay_plan.status == Plan.Status.ISSUED
    assert son_tay_plan.updated_at == updated_at
    assert messages_of(response) == ["Đã ban hành kế hoạch."]
    change = StateChange.objects.get()
    assert (change.content_type, change.object_id) == (
        ContentType.objects.get_for_model(Plan),
        son_tay_plan.pk,
    )
    assert (change.field, change.from_state, change.to_state) == ("status", "draft", "issued")
    assert change.actor == secretariat_user
    detail = client.get(reverse("plans:plan_detail", args=[son_tay_plan.pk]))
    history = detail.text[detail.text.index('id="history"') :]
    at = timezone.localtime(change.at).strftime("%d/%m/%Y %H:%M")
    assert f"<strong>{at}</strong> · Trần Thị Lan: Dự thảo → Đã ban hành" in history
    assert reverse("plans:plan_issue", args=[son_tay_plan.pk]) not in detail.text
    assert reverse("plans:plan_edit", args=[son_tay_plan.pk]) not in detail.text


def test_issue_twice_is_refused(client, son_tay_plan, secretariat_user):
    client.force_login(secretariat_user)
    client.post(reverse("plans:plan_issue", args=[son_tay_plan.pk]), follow=True)

    response = client.post(reverse("plans:plan_issue", args=[son_tay_plan.pk]))

    assert messages_of(response) == ["Kế hoạch này đã được ban hành."]
    assert StateChange.objects.count() == 1


# --- Who may ----------------------------------------------------------------------------------

CHANGE_POSTS = ("plans:plan_edit", "plans:plan_copy", "plans:plan_issue")


def test_secretariat_sees_the_authoring_buttons(client, son_tay_plan, secretariat_user):
    client.force_login(secretariat_user)

    page = client.get(reverse("plans:plan_detail", args=[son_tay_plan.pk]))

    for name in CHANGE_POSTS:
        assert reverse(name, args=[son_tay_plan.pk]) in page.text
    assert "Lập kế hoạch năm sau từ kế hoạch này" in page.text
    assert "Ban hành kế hoạch" in page.text


def test_ward_officer_cannot_change_the_town_plan(client, son_tay_plan, ward_officer):
    client.force_login(ward_officer)

    page = client.get(reverse("plans:plan_detail", args=[son_tay_plan.pk]))

    assert page.status_code == 200
    assert 'id="plan-actions"' not in page.text
    for name in CHANGE_POSTS:
        assert reverse(name, args=[son_tay_plan.pk]) not in page.text
        assert client.post(reverse(name, args=[son_tay_plan.pk])).status_code == 403
    assert client.get(reverse("plans:plan_edit", args=[son_tay_plan.pk])).status_code == 403
    assert Plan.objects.get().status == Plan.Status.DRAFT
    assert StateChange.objects.count() == 0


def test_secretariat_of_another_unit_gets_404(client, son_tay_plan):
    user = UserFactory()
    MembershipFactory(user=user, unit=UnitFactory(name="Xã Khác"), role=Membership.Role.SECRETARIAT)
    client.force_login(user)

    for name in CHANGE_POSTS:
        assert client.post(reverse(name, args=[son_tay_plan.pk])).status_code == 404
    assert client.get(reverse("plans:plan_edit", args=[son_tay_plan.pk])).status_code == 404
    assert Plan.objects.count() == 1


def test_admin_of_a_unit_above_may_change_the_plan(client, son_tay_plan):
    user = UserFactory()
    hanoi = Unit.objects.get(name="Thành phố Hà Nội")
    MembershipFactory(user=user, unit=hanoi, role=Membership.Role.ADMIN)
    client.force_login(user)

    assert client.get(reverse("plans:plan_edit", args=[son_tay_plan.pk])).status_code == 200


def test_anonymous_is_sent_to_login(client, son_tay_plan):
    login = reverse("login")
    urls = [reverse("plans:plan_create")] + [
        reverse(name, args=[son_tay_plan.pk]) for name in CHANGE_POSTS
    ]

    for url in urls:
        assert client.post(url).url == f"{login}?next={url}"
    for url in urls[:2]:
        assert client.get(url).url == f"{login}?next={url}"
    assert Plan.objects.count() == 1


def test_history_is_empty_for_a_plan_never_issued(client, son_tay_plan, secretariat_user):
    client.force_login(secretariat_user)

    page = client.get(reverse("plans:plan_detail", args=[son_tay_plan.pk]))

    assert page.context["history"] == []
    assert "Chưa có thay đổi trạng thái nào." in page.text
