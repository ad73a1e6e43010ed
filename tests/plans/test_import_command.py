import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from organizations.models import Unit
from plans.models import Plan
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).resolve().parents[2] / "plans" / "samples"
JSON_KEYS = {
    "number", "place", "issue_date", "issue_month", "year", "issuer", "parent_issuer", "title",
    "legal_bases", "implements", "sections", "campaigns", "clusters", "schedule", "deadlines",
    "recipients", "signer",
}  # fmt: skip


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_plan", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_dry_run_prints_one_object_per_file_and_saves_nothing():
    out, _ = run(
        SAMPLES / "son-tay-2020.txt", SAMPLES / "dong-lien-2022.txt", "--json", "--dry-run"
    )

    objects = [json.loads(line) for line in out.splitlines()]
    assert [set(o) for o in objects] == [JSON_KEYS, JSON_KEYS]
    assert objects[0]["number"] == "06/KH-HĐTĐKT"
    assert objects[0]["issue_date"] == "2020-01-03"
    assert objects[1]["implements"] == [
        {"number": "39/KH-UBND", "date": "2022-02-09", "issuer": "UBND thành phố Thái Nguyên"}
    ]
    assert Plan.objects.count() == 0


def test_import_recognises_the_issuing_unit_from_the_document():
    hanoi = UnitFactory(name="Thành phố Hà Nội", kind=Unit.Kind.PROVINCE, code="01")
    town = UnitFactory(name="Thị xã Sơn Tây", kind=Unit.Kind.DISTRICT, parent=hanoi)

    out, _ = run(SAMPLES / "son-tay-2020.txt")

    plan = Plan.objects.get()
    assert plan.issuing_unit == town
    assert "06/KH-HĐTĐKT" in out


def test_import_without_a_recognisable_unit_asks_for_unit():
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_plan", str(SAMPLES / "son-tay-2020.txt"), stdout=io.StringIO(), stderr=err
        )

    assert "hãy dùng --unit" in err.getvalue()
    assert Plan.objects.count() == 0


def test_import_with_unit_code_saves_under_that_unit_and_refuses_a_second_time():
    ward = UnitFactory(name="Phường Thử", code="99001")
    run(SAMPLES / "phu-lam-2022.txt", "--unit", "99001")

    with pytest.raises(CommandError, match="1 tệp không nhập được"):
        run(SAMPLES / "phu-lam-2022.txt", "--unit", "99001")

    assert Plan.objects.get().issuing_unit == ward


def test_replace_keeps_the_plan_and_its_id():
    UnitFactory(name="Phường Thử", code="99001")
    run(SAMPLES / "phu-lam-2022.txt", "--unit", "99001")
    first = Plan.objects.get()

    run(SAMPLES / "phu-lam-2022.txt", "--unit", "99001", "--replace")

    assert Plan.objects.get().pk == first.pk
    assert first.deadlines.count() == 8


def test_an_image_is_refused_with_a_vietnamese_message(tmp_path):
    image = tmp_path / "scan.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_plan", str(image), "--dry-run", stdout=io.StringIO(), stderr=err)

    assert "không được hỗ trợ" in err.getvalue()
