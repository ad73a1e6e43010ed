"""Recipients ("Nơi nhận") and the signature block."""

from plans.parsing import parse_plan_text

HEAD = ["KẾ HOẠCH", "Công tác thi đua, khen thưởng năm 2024", "I. NỘI DUNG", "- Thi đua."]


def parse(*lines: str):
    return parse_plan_text("\n".join(lines))


def test_recipients_and_signer_on_separate_lines():
    result = parse(
        *HEAD,
        "Nơi nhận:",
        "- Ban Thi đua - Khen thưởng Sở Nội vụ;",
        "- Thường trực Huyện ủy, HĐND huyện;",
        "- Các cơ quan, đơn vị thuộc huyện, UBND",
        "các xã, thị trấn;",
        "- Lưu: VT, NV.",
        "",
        "**TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH**",
        "",
        "(Đã ký)",
        "",
        "Đỗ Thị Hoa",
    ).to_json()
    assert result["recipients"] == [
        "Ban Thi đua - Khen thưởng Sở Nội vụ",
        "Thường trực Huyện ủy, HĐND huyện",
        "Các cơ quan, đơn vị thuộc huyện, UBND các xã, thị trấn",
        "Lưu: VT, NV",
    ]
    assert result["signer"] == {
        "name": "Đỗ Thị Hoa",
        "title": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
    }


def test_ocr_recipient_label_and_annotation_above_the_name():
    result = parse(
        *HEAD,
        "Noi nhận:",
        "- Như trên;",
        "- Lưu VT.",
        "",
        "CHỦ TỊCH",
        "",
        "",
        "CHỦ TỊCH UBND XÃ",
        "Hoàng Minh Tuấn",
    ).to_json()
    assert result["recipients"] == ["Như trên", "Lưu VT"]
    assert result["signer"] == {"name": "Hoàng Minh Tuấn", "title": "CHỦ TỊCH"}


def test_two_column_footer_on_shared_tab_separated_lines():
    result = parse(
        *HEAD,
        "Nơi nhận:\tTM. HỘI ĐỒNG",
        "- Như trên;\tCHỦ TỊCH",
        "- Lưu: VT.\t",
        "\t",
        "\tTrần Văn Nam",
    ).to_json()
    assert result["recipients"] == ["Như trên", "Lưu: VT"]
    assert result["signer"] == {"name": "Trần Văn Nam", "title": "TM. HỘI ĐỒNG\nCHỦ TỊCH"}


def test_signature_without_recipients_ends_the_body():
    result = parse(
        *HEAD,
        "- Các đơn vị triển khai thực hiện./.",
        "",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "",
        "Vũ Đức Hạnh",
    ).to_json()
    assert result["recipients"] == []
    assert result["signer"] == {"name": "Vũ Đức Hạnh", "title": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"}
    assert all("Vũ Đức Hạnh" not in section["text"] for section in result["sections"])


def test_names_in_the_appendix_are_not_the_signer():
    result = parse(
        *HEAD,
        "Nơi nhận:",
        "- Lưu: VT.",
        "CHỦ TỊCH",
        "Lê Thị Mai",
        "",
        "PHỤ LỤC",
        "Danh sách cán bộ đầu mối",
        "Phạm Văn Long",
    ).to_json()
    assert result["signer"] == {"name": "Lê Thị Mai", "title": "CHỦ TỊCH"}


def test_missing_footer_gives_warnings():
    plan = parse(*HEAD)
    assert plan.recipients == []
    assert plan.signer is None
    assert "Không tìm thấy phần “Nơi nhận”." in plan.warnings
    assert "Không tìm thấy người ký." in plan.warnings
