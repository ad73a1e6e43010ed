"""Legal bases, superior plans, the section tree, campaigns and clusters."""

from plans.parsing import parse_plan_text


def parse(*lines: str):
    return parse_plan_text("\n".join(lines))


# --- legal bases and superior plans -----------------------------------------------------


def test_legal_bases_one_per_clause():
    result = parse(
        "KẾ HOẠCH Thi đua năm 2024",
        "Căn cứ Luật Thi đua, Khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ; căn cứ Quyết định "
        "số 12/QĐ-UBND của UBND huyện.",
        "I. MỤC ĐÍCH",
        "- Căn cứ Kế hoạch này, các đơn vị xây dựng kế hoạch.",
    ).to_json()
    assert result["legal_bases"] == [
        "Căn cứ Luật Thi đua, Khen thưởng ngày 15 tháng 6 năm 2022",
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ",
        "căn cứ Quyết định số 12/QĐ-UBND của UBND huyện",
    ]


def test_implements_several_superior_plans():
    result = parse(
        "KẾ HOẠCH Thi đua năm 2024",
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 5 tháng 2 năm 2024 của Ủy ban nhân dân huyện "
        "Ba Vì, Kế hoạch số 3/KH – HĐTĐKT của Hội đồng Thi đua, Khen thưởng huyện; Kế hoạch "
        "số 7/KH-BTĐKT ngày 1/1/2024 của Ban Thi đua - Khen thưởng tỉnh. UBND xã Tản Lĩnh xây "
        "dựng kế hoạch như sau:",
        "I. MỤC ĐÍCH",
    ).to_json()
    assert result["implements"] == [
        {"number": "12/KH-UBND", "date": "2024-02-05", "issuer": "Ủy ban nhân dân huyện Ba Vì"},
        {"number": "3/KH-HĐTĐKT", "date": None, "issuer": "Hội đồng Thi đua, Khen thưởng huyện"},
        {"number": "7/KH-BTĐKT", "date": "2024-01-01", "issuer": "Ban Thi đua - Khen thưởng tỉnh"},
    ]
    assert result["issuer"] == "UBND xã Tản Lĩnh"


def test_plans_cited_in_the_body_are_not_superior_plans():
    result = parse(
        "KẾ HOẠCH Thi đua năm 2024",
        "Phát huy kết quả năm 2023, UBND phường xây dựng kế hoạch như sau:",
        "I. NỘI DUNG",
        "- Thực hiện Kế hoạch số 88/KH-UBND ngày 02/3/2024 của UBND quận về chuyển đổi số.",
    ).to_json()
    assert result["implements"] == []


def test_party_style_plan_number_is_kept():
    result = parse(
        "KẾ HOẠCH Thi đua năm 2024",
        "Thực hiện Kế hoạch số 39-KH/TU ngày 21/9/2021 của Thành ủy về học tập.",
        "I. NỘI DUNG",
    ).to_json()
    assert result["implements"] == [
        {"number": "39-KH/TU", "date": "2021-09-21", "issuer": "Thành ủy"}
    ]


# --- section tree -----------------------------------------------------------------------


TREE = [
    "KẾ HOẠCH Thi đua năm 2024",
    "Hội đồng TĐKT huyện xây dựng kế hoạch:",
    "A. MỤC ĐÍCH",
    "I. Mục đích chung",
    "Đoạn mở đầu mục I.",
    "1. Nhiệm vụ thứ nhất",
    "1.1. Nội dung con",
    "a) Điểm a của nội dung.",
    "- Gạch đầu dòng. Câu thứ hai.",
    "+ Ý nhỏ thứ nhất;",
    "- + Ý nhỏ thứ hai;",
    "đ) Điểm đ",
    "B. TỔ CHỨC THỰC HIỆN",
    "Nơi nhận:",
    "- Lưu: VT.",
]


def test_section_levels_follow_the_canonical_style_order():
    sections = parse(*TREE).to_json()["sections"]
    assert [(s["level"], s["heading"]) for s in sections] == [
        (1, "A. MỤC ĐÍCH"),
        (2, "I. Mục đích chung"),
        (3, "1. Nhiệm vụ thứ nhất"),
        (4, "1.1. Nội dung con"),
        (5, "a) Điểm a của nội dung."),
        (6, "Gạch đầu dòng"),
        (7, "Ý nhỏ thứ nhất"),
        (7, "Ý nhỏ thứ hai"),
        (5, "đ) Điểm đ"),
        (1, "B. TỔ CHỨC THỰC HIỆN"),
    ]


def test_section_text_is_its_own_paragraphs_only():
    sections = parse(*TREE).to_json()["sections"]
    assert sections[1]["text"] == "Đoạn mở đầu mục I."
    assert sections[2]["text"] == ""
    assert sections[5]["text"] == "Gạch đầu dòng. Câu thứ hai."
    assert sections[6]["text"] == "Ý nhỏ thứ nhất;"


def test_levels_are_relative_to_the_outermost_style_present():
    sections = parse(
        "KẾ HOẠCH Thi đua năm 2024",
        "1. Mục đích",
        "a) Thi đua thường xuyên",
        "2. Yêu cầu",
    ).to_json()["sections"]
    assert [s["level"] for s in sections] == [1, 2, 1]


def test_sections_stop_at_the_appendix_and_skip_table_rows():
    sections = parse(
        "KẾ HOẠCH Thi đua năm 2024",
        "I. NỘI DUNG",
        "TT\tNội dung\tThời gian",
        "1\tTổng kết\tTháng 12",
        "PHỤ LỤC",
        "1. Không phải mục của kế hoạch",
    ).to_json()["sections"]
    assert sections == [{"heading": "I. NỘI DUNG", "level": 1, "text": ""}]


def test_wrapped_line_is_joined_into_its_section():
    sections = parse(
        "KẾ HOẠCH Thi đua năm 2024",
        "I. NỘI DUNG",
        "- Các đơn vị tổ chức phát động phong trào thi đua và báo cáo kết quả thực hiện về",
        "",
        "Thường trực Hội đồng Thi đua - Khen thưởng huyện.",
    ).to_json()["sections"]
    assert sections[1]["text"] == (
        "Các đơn vị tổ chức phát động phong trào thi đua và báo cáo kết quả thực hiện về "
        "Thường trực Hội đồng Thi đua - Khen thưởng huyện."
    )


def test_long_numbered_paragraph_keeps_its_words_in_text():
    long_line = (
        "2. Tổ chức phát động phong trào thi đua yêu nước sâu rộng trong cán bộ, công chức, "
        "viên chức và Nhân dân trên địa bàn. Gắn phong trào thi đua với nhiệm vụ chính trị."
    )
    sections = parse("KẾ HOẠCH Thi đua năm 2024", long_line).to_json()["sections"]
    assert sections[0]["heading"] == (
        "2. Tổ chức phát động phong trào thi đua yêu nước sâu rộng trong cán bộ, công chức, "
        "viên chức và Nhân dân trên địa bàn"
    )
    assert sections[0]["text"] == long_line[3:]


# --- campaigns --------------------------------------------------------------------------


def test_quoted_campaign_names_need_campaign_context():
    result = parse(
        "KẾ HOẠCH Thi đua năm 2024",
        "I. NỘI DUNG",
        "- Phong trào thi đua “Chung tay xây dựng đô thị văn minh”; “Dân vận khéo” và "
        "“Tuổi trẻ sáng tạo”.",
        "- Thực hiện chủ đề năm “Đoàn kết, kỷ cương, đổi mới”, tấm gương “Người tốt”.",
        "- Hưởng ứng cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”.",
        "- Thực hiện Chỉ thị số 05 “Về tiếp tục đẩy mạnh phong trào thi đua”.",
    ).to_json()
    assert result["campaigns"] == [
        "Chung tay xây dựng đô thị văn minh",
        "Dân vận khéo",
        "Tuổi trẻ sáng tạo",
        "Người Việt Nam ưu tiên dùng hàng Việt Nam",
    ]


def test_campaigns_are_deduplicated_across_dashes_and_spelling():
    result = parse(
        "KẾ HOẠCH Thi đua năm 2024",
        "I. NỘI DUNG",
        '- Phong trào thi đua "Cả nước chung tay vì người nghèo - không ai bị bỏ lại".',
        "- Tiếp tục phong trào “Cả nước chung tay vì người nghèo, không  ai bị bỏ lại”.",
        "- Phong trào “Cá nước chung tay vì người nghèo – không ai bị bỏ lại”.",
    ).to_json()
    assert result["campaigns"] == ["Cả nước chung tay vì người nghèo - không ai bị bỏ lại"]


def test_italic_campaign_names():
    result = parse(
        "KẾ HOẠCH Thi đua năm 2024",
        "I. NỘI DUNG",
        "+ *Thi đua “Xây dựng xã nông thôn mới kiểu mẫu”*: tiếp tục triển khai.",
        "+ *Thi đua bảo vệ môi trường*: phân loại rác tại nguồn.",
        "+ *Phòng Văn hóa*: chủ trì tuyên truyền.",
    ).to_json()
    assert result["campaigns"] == [
        "Xây dựng xã nông thôn mới kiểu mẫu",
        "Thi đua bảo vệ môi trường",
    ]


# --- clusters ---------------------------------------------------------------------------


def test_cluster_lists_and_ranges_are_expanded_in_numeric_order():
    result = parse(
        "UBND HUYỆN ĐÔNG ANH",
        "KẾ HOẠCH Thi đua năm 2024",
        "I. NỘI DUNG",
        "- Các đơn vị thuộc Cụm thi đua số 4; số 2, số 3 và số 12.",
        "- Cụm thi đua số 5 đến số 7 đăng ký thi đua.",
        "- Khối thi đua số 2, số 1 đăng ký với Hội đồng.",
    ).to_json()
    assert result["clusters"] == [
        "Cụm thi đua số 2",
        "Cụm thi đua số 3",
        "Cụm thi đua số 4",
        "Cụm thi đua số 5",
        "Cụm thi đua số 6",
        "Cụm thi đua số 7",
        "Cụm thi đua số 12",
        "Khối thi đua số 1",
        "Khối thi đua số 2",
    ]


def test_superior_cluster_with_a_level_qualifier_is_excluded():
    result = parse(
        "UBND QUẬN LONG BIÊN",
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        "KẾ HOẠCH Thi đua năm 2024",
        "I. NỘI DUNG",
        "- Đăng ký thi đua với Cụm trưởng Cụm thi đua số IV Thành phố.",
        "- Cụm thi đua số 2 của quận họp định kỳ; Cụm thi đua số 9 tỉnh không liên quan.",
    ).to_json()
    assert result["clusters"] == ["Cụm thi đua số 2"]


def test_qualified_cluster_is_excluded_when_the_plans_level_is_unknown():
    result = parse(
        "KẾ HOẠCH Thi đua năm 2024",
        "I. NỘI DUNG",
        "- Cụm thi đua số XII Thành phố và Cụm thi đua số 3.",
    ).to_json()
    assert result["clusters"] == ["Cụm thi đua số 3"]
