"""Header block, number, place-date line, issuer fallbacks, title and year — as format
rules, on snippets written the way other units write their plans."""

from plans.parsing import parse_plan_text

BODY = "\n".join(
    [
        "",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "- Động viên cán bộ thi đua hoàn thành nhiệm vụ.",
    ]
)


def parse(*lines: str):
    return parse_plan_text("\n".join(lines))


def test_header_two_columns_on_separate_lines_with_motto():
    result = parse(
        "UBND HUYỆN BA VÌ          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG     Độc lập - Tự do - Hạnh phúc",
        "Số: 15 /KH-HĐTĐKT        Ba Vì, ngày 05 tháng 01 năm 2024",
        "",
        "KẾ HOẠCH",
        "Công tác thi đua, khen thưởng năm 2024",
        BODY,
    ).to_json()
    assert result["parent_issuer"] == "UBND HUYỆN BA VÌ"
    assert result["issuer"] == "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
    assert result["number"] == "15/KH-HĐTĐKT"
    assert result["place"] == "Ba Vì"
    assert result["issue_date"] == "2024-01-05"
    assert result["issue_month"] == "2024-01"


def test_header_run_together_with_motto_on_single_spaces():
    result = parse(
        "UBND QUẬN CẦU GIẤY CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "HỘI ĐỒNG TĐKT Độc lập – Tự do – Hạnh phúc",
        "Số: 03/KH-HĐTĐKT Cầu Giấy, ngày 9 tháng 2 năm 2023",
        "KẾ HOẠCH Thi đua, khen thưởng năm 2023",
        BODY,
    ).to_json()
    assert (result["parent_issuer"], result["issuer"]) == ("UBND QUẬN CẦU GIẤY", "HỘI ĐỒNG TĐKT")
    assert result["number"] == "03/KH-HĐTĐKT"
    assert result["place"] == "Cầu Giấy"
    assert result["issue_date"] == "2023-02-09"


def test_header_body_type_and_unit_on_two_lines_form_one_issuer():
    result = parse(
        "ỦY BAN NHÂN DÂN\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "XÃ TÂN LẬP\tĐộc lập - Tự do - Hạnh phúc",
        "Số: 07/KH-UBND\tĐan Phượng, ngày 12 tháng 3 năm 2023",
        "KẾ HOẠCH",
        "Thi đua, khen thưởng năm 2023",
        BODY,
    ).to_json()
    assert result["issuer"] == "ỦY BAN NHÂN DÂN XÃ TÂN LẬP"
    assert result["parent_issuer"] is None
    assert result["place"] == "Đan Phượng"


def test_number_spaces_and_dashes_are_normalised():
    result = parse("Số: 101 / KH – UBND", "KẾ HOẠCH Thi đua năm 2023", BODY).to_json()
    assert result["number"] == "101/KH-UBND"


def test_blank_number_and_blank_day_give_no_number_and_only_a_month():
    plan = parse(
        "UBND HUYỆN MÊ LINH",
        "Số:      /KH-UBND\tMê Linh, ngày     tháng 12 năm 2021",
        "KẾ HOẠCH",
        "Công tác thi đua, khen thưởng năm 2022",
        BODY,
    )
    result = plan.to_json()
    assert result["number"] is None
    assert result["issue_date"] is None
    assert result["issue_month"] == "2021-12"
    assert result["place"] == "Mê Linh"
    assert result["year"] == 2022
    assert "Số văn bản để trống." in plan.warnings
    assert "Ngày ban hành để trống; chỉ xác định được tháng 2021-12." in plan.warnings


def test_dotted_blank_day_is_never_invented():
    result = parse("Hoài Đức, ngày ..... tháng 02 năm 2024", "KẾ HOẠCH Thi đua", BODY).to_json()
    assert (result["issue_date"], result["issue_month"]) == (None, "2024-02")


def test_numeric_place_date_line():
    result = parse("TP. Hồ Chí Minh, ngày 5/3/2023", "KẾ HOẠCH Thi đua", BODY).to_json()
    assert (result["place"], result["issue_date"]) == ("TP. Hồ Chí Minh", "2023-03-05")


def test_impossible_issue_day_gives_month_only():
    result = parse("Sóc Sơn, ngày 31 tháng 02 năm 2023", "KẾ HOẠCH Thi đua", BODY).to_json()
    assert (result["issue_date"], result["issue_month"]) == (None, "2023-02")


def test_place_date_line_below_the_title_is_found():
    result = parse(
        "KẾ HOẠCH Thi đua năm 2023", "", "Thạch Thất, ngày 20 tháng 01 năm 2023", BODY
    ).to_json()
    assert (result["place"], result["issue_date"]) == ("Thạch Thất", "2023-01-20")


def test_header_repeated_above_the_appendix_is_used_when_the_top_lacks_it():
    result = parse(
        "Số: 11/KH-HĐTĐKT",
        "KẾ HOẠCH Thi đua năm 2023",
        BODY,
        "Nơi nhận:",
        "- Như trên;",
        "",
        "CHỦ TỊCH",
        "Lê Văn Bình",
        "",
        "UBND HUYỆN THANH OAI",
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        "PHỤ LỤC",
    ).to_json()
    assert result["parent_issuer"] == "UBND HUYỆN THANH OAI"
    assert result["issuer"] == "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"


def test_number_falls_back_to_the_appendix_caption():
    result = parse(
        "KẾ HOẠCH Thi đua năm 2023",
        BODY,
        "PHỤ LỤC",
        "(Kèm theo Kế hoạch số 27 /KH-UBND ngày 10/01/2023 của UBND xã)",
    ).to_json()
    assert result["number"] == "27/KH-UBND"


def test_issuer_inferred_from_a_named_body_in_the_preamble():
    plan = parse(
        "KẾ HOẠCH",
        "Công tác thi đua năm 2023",
        "",
        "Hội đồng Thi đua - Khen thưởng thị trấn Trâu Quỳ ban hành Kế hoạch như sau:",
        BODY,
    )
    assert plan.issuer == "Hội đồng Thi đua - Khen thưởng thị trấn Trâu Quỳ"
    assert plan.parent_issuer is None
    assert any("đã suy ra từ nội dung" in warning for warning in plan.warnings)


def test_issuer_unit_without_name_is_completed_with_the_place():
    plan = parse(
        "Cổ Loa, ngày 04 tháng 01 năm 2023",
        "KẾ HOẠCH Thi đua năm 2023",
        "Thực hiện chỉ đạo của cấp trên, Hội đồng TĐKT xã xây dựng kế hoạch như sau:",
        BODY,
    )
    assert plan.issuer == "Hội đồng TĐKT xã Cổ Loa"


def test_issuer_unknown_gives_none_and_a_warning():
    plan = parse("KẾ HOẠCH Thi đua năm 2023", BODY)
    assert plan.issuer is None
    assert "Không xác định được cơ quan ban hành." in plan.warnings


def test_title_wrapped_in_bold_over_two_lines():
    result = parse(
        "KẾ HOẠCH",
        "**Phát động phong trào thi đua",
        "chào mừng Đại hội Đảng bộ huyện năm 2025**",
        "",
        "Căn cứ Luật Thi đua, Khen thưởng năm 2022;",
        BODY,
    ).to_json()
    assert result["title"] == (
        "Phát động phong trào thi đua chào mừng Đại hội Đảng bộ huyện năm 2025"
    )
    assert result["year"] == 2025


def test_title_stops_at_the_first_body_line_without_blank_line():
    result = parse("KẾ HOẠCH", "Thi đua năm 2023", "Căn cứ Luật Thi đua;", BODY).to_json()
    assert result["title"] == "Thi đua năm 2023"
    assert result["legal_bases"] == ["Căn cứ Luật Thi đua"]


def test_year_of_a_school_year_title_is_its_first_year():
    result = parse(
        "Sơn Tây, ngày 02 tháng 10 năm 2023",
        "KẾ HOẠCH",
        "Thi đua, khen thưởng năm học 2023-2024",
        BODY,
    ).to_json()
    assert result["year"] == 2023


def test_year_falls_back_to_the_issue_year():
    result = parse(
        "Đông Anh, ngày 02 tháng 10 năm 2023", "KẾ HOẠCH", "Phát động thi đua", BODY
    ).to_json()
    assert result["year"] == 2023


def test_no_title_no_year_gives_warnings():
    plan = parse("Văn bản không có tiêu đề.", BODY)
    assert plan.title is None
    assert plan.year is None
    assert "Không tìm thấy tiêu đề kế hoạch (dòng “KẾ HOẠCH”)." in plan.warnings
    assert "Không xác định được năm của kế hoạch." in plan.warnings


def test_plan_reference_in_running_text_is_not_the_type_line():
    result = parse("Kế hoạch số 5/KH-UBND đã ban hành.", BODY).to_json()
    assert result["title"] is None
