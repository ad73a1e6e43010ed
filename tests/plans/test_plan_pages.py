import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from organizations.models import Membership
from plans.models import Plan, PlanImport
from plans.parsing import parse_plan_text
from plans.services import plan_save
from tests.factories import MembershipFactory, UnitFactory, UserFactory
from tests.forms import posted_back

pytestmark = pytest.mark.django_db
SAMPLES = __import__("pathlib").Path(__file__).resolve().parents[2] / "plans" / "samples"


def sample(name: str) -> str:
    return (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")


def test_saved_son_tay_plan_has_its_schedule_and_deadlines(son_tay_plan):
    assert son_tay_plan.number == "06/KH-HĐTĐKT"
    assert son_tay_plan.issue_date == datetime.date(2020, 1, 3)
    assert son_tay_plan.schedule_tasks.count() == 28
    assert son_tay_plan.deadlines.filter(due_date=datetime.date(2020, 2, 28)).exists()
    assert son_tay_plan.cluster_names[0] == "Cụm thi đua số 1"
    first = son_tay_plan.schedule_tasks.get(order=1)
    assert [u.name for u in first.executing_units.all()] == ["Phòng Nội vụ thị xã Sơn Tây"]


def test_ward_officer_sees_what_the_town_plan_asks_of_his_ward(client, son_tay_plan, ward_officer):
    client.force_login(ward_officer)

    response = client.get(reverse("plans:plan_detail", args=[son_tay_plan.pk]))

    assert response.status_code == 200
    [(unit, tasks)] = response.context["my_tasks"]
    assert unit.name == "Phường Xuân Khanh"
    assert [t.order for t in tasks][:3] == [4, 5, 6]
    assert "Phường Xuân Khanh" in response.text


def test_plan_of_another_unit_is_a_404(client, son_tay_plan):
    stranger_unit = UnitFactory(name="Xã Khác")
    user = UserFactory()
    MembershipFactory(user=user, unit=stranger_unit, role=Membership.Role.SECRETARIAT)
    client.force_login(user)

    for name in ("plans:plan_detail", "plans:plan_pdf", "plans:plan_pdf_status"):
        assert client.get(reverse(name, args=[son_tay_plan.pk])).status_code == 404
    assert client.post(reverse("plans:plan_pdf_render", args=[son_tay_plan.pk])).status_code == 404


def test_timeline_marks_past_deadlines_and_the_next_one(client, son_tay_plan, secretariat_user):
    client.force_login(secretariat_user)

    timeline = client.get(reverse("plans:plan_detail", args=[son_tay_plan.pk])).context["timeline"]

    # All of 2020 is past.
    assert {entry.state for entry in timeline} == {"overdue"}
    assert [e.deadline.due_date for e in timeline] == sorted(e.deadline.due_date for e in timeline)


@pytest.mark.parametrize("extra_plans", [1, 30])
def test_plan_list_query_count_does_not_grow(
    client, django_assert_num_queries, son_tay, secretariat_user, extra_plans
):
    for i in range(extra_plans):
        Plan.objects.create(issuing_unit=son_tay, year=2020 + i % 5, title=f"Kế hoạch {i}")
    client.force_login(secretariat_user)

    # savepoint, session, user, filter's unit choices, count, page, import permission, release
    with django_assert_num_queries(8):
        response = client.get(reverse("plans:plan_list"))

    assert response.status_code == 200


@pytest.mark.parametrize("sample_name", ["son-tay-2020", "phu-lam-2022"])
def test_plan_detail_query_count_is_fixed(
    client, django_assert_num_queries, son_tay, secretariat_user, sample_name
):
    text = sample(sample_name)
    plan = plan_save(data=parse_plan_text(text).to_json(), unit=son_tay, user=None).plan
    client.force_login(secretariat_user)
    ContentType.objects.get_for_model(Plan)  # cached per process, as in a running server

    # the page's 12 queries, one for the plan's history, its campaigns and its clusters
    with django_assert_num_queries(15):
        response = client.get(reverse("plans:plan_detail", args=[plan.pk]))

    assert response.status_code == 200


def test_plan_list_filters_by_year(client, son_tay_plan, secretariat_user):
    Plan.objects.create(issuing_unit=son_tay_plan.issuing_unit, year=2021, title="Kế hoạch 2021")
    client.force_login(secretariat_user)

    response = client.get(reverse("plans:plan_list"), {"year": 2021})

    assert [p.title for p in response.context["page"]] == ["Kế hoạch 2021"]


def upload(client, unit, name, content):
    return client.post(
        reverse("plans:plan_upload"),
        {"unit": unit.pk, "document": SimpleUploadedFile(name, content)},
    )


def test_upload_then_review_then_save_creates_the_plan(client, son_tay, secretariat_user):
    client.force_login(secretariat_user)

    response = upload(client, son_tay, "ke-hoach.txt", sample("son-tay-2020").encode())

    plan_import = PlanImport.objects.get()
    assert response.url == reverse("plans:plan_review", args=[plan_import.pk])
    review = client.get(response.url)
    assert review.context["form"].initial["number"] == "06/KH-HĐTĐKT"
    assert review.context["schedule"].total_form_count() == 28
    assert "Sơn Tây" in review.text or "Son Tây" in review.text

    post = review_post_data(review)
    post["title"] = "Công tác thi đua, khen thưởng năm 2020 (đã sửa)"
    saved = client.post(reverse("plans:plan_review", args=[plan_import.pk]), post)

    plan = Plan.objects.get()
    assert saved.url == reverse("plans:plan_detail", args=[plan.pk])
    assert plan.title == "Công tác thi đua, khen thưởng năm 2020 (đã sửa)"
    assert plan.schedule_tasks.count() == 28
    assert plan.source_file.name == plan_import.source_file.name


def review_post_data(review) -> dict:
    """What the browser would post back from the review page, unchanged."""
    return posted_back(review, formsets=("schedule", "deadlines"))


def test_reimporting_the_same_number_asks_before_replacing(client, son_tay_plan, secretariat_user):
    client.force_login(secretariat_user)
    upload(client, son_tay_plan.issuing_unit, "lan-2.txt", sample("son-tay-2020").encode())
    plan_import = PlanImport.objects.get()
    review = client.get(reverse("plans:plan_review", args=[plan_import.pk]))
    post = review_post_data(review)
    post["title"] = "Tiêu đề mới"

    refused = client.post(reverse("plans:plan_review", args=[plan_import.pk]), post)

    assert refused.status_code == 200
    assert "đã có" in refused.text
    assert refused.context["form"]["title"].value() == "Tiêu đề mới"
    assert Plan.objects.get().title != "Tiêu đề mới"

    post["replace"] = "on"
    client.post(reverse("plans:plan_review", args=[plan_import.pk]), post)

    assert Plan.objects.get().pk == son_tay_plan.pk
    assert Plan.objects.get().title == "Tiêu đề mới"


def test_upload_of_an_image_is_refused_in_vietnamese(client, son_tay, secretariat_user):
    client.force_login(secretariat_user)

    response = upload(client, son_tay, "scan.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100)

    assert response.status_code == 200
    assert "Chỉ nhập được tệp .docx, .txt và .pdf" in response.text
    assert PlanImport.objects.count() == 0


def test_upload_of_an_empty_file_is_refused(client, son_tay, secretariat_user):
    client.force_login(secretariat_user)

    response = upload(client, son_tay, "trong.txt", b"")

    assert response.status_code == 200
    assert PlanImport.objects.count() == 0


def test_ward_officer_cannot_import_plans(client, son_tay, ward_officer):
    client.force_login(ward_officer)

    assert client.get(reverse("plans:plan_upload")).status_code == 403


def test_review_page_of_someone_elses_import_is_a_404(client, son_tay, secretariat_user):
    client.force_login(secretariat_user)
    upload(client, son_tay, "ke-hoach.txt", sample("son-tay-2020").encode())
    other = UserFactory()
    MembershipFactory(user=other, unit=son_tay, role=Membership.Role.SECRETARIAT)
    client.force_login(other)

    response = client.get(reverse("plans:plan_review", args=[PlanImport.objects.get().pk]))

    assert response.status_code == 404
