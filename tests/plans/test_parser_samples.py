"""The three real sample plans, end to end: exact values of every extracted key."""

import time
from functools import cache
from pathlib import Path

import pytest

from plans.parsing import ParsedPlan, parse_plan_text, read_document

SAMPLES = Path(__file__).resolve().parents[2] / "plans" / "samples"


@cache
def plan(name: str) -> ParsedPlan:
    return parse_plan_text(read_document(SAMPLES / f"{name}.txt"))


def data(name: str) -> dict:
    return plan(name).to_json()


# --- son-tay-2020 -----------------------------------------------------------------------


def test_son_tay_header_fields():
    result = data("son-tay-2020")
    assert result["number"] == "06/KH-HĐTĐKT"
    assert result["place"] == "Son Tây"
    assert result["issue_date"] == "2020-01-03"
    assert result["issue_month"] == "2020-01"
    assert result["year"] == 2020
    assert result["title"] == "Công tác thi đua, khen thưởng năm 2020"


def test_son_tay_issuer_comes_from_appendix_header():
    result = data("son-tay-2020")
    assert result["parent_issuer"] == "UBND THỊ XÃ SON TÂY"
    assert result["issuer"] == "HỘI ĐÔNG THỊ ĐUA-KHEN THƯỞNG"
    assert "Đầu văn bản thiếu tên cơ quan ban hành; đã lấy ở phần phụ lục." in (
        plan("son-tay-2020").warnings
    )


def test_son_tay_has_no_legal_bases_nor_superior_plan():
    result = data("son-tay-2020")
    assert result["legal_bases"] == []
    assert result["implements"] == []


def test_son_tay_schedule_has_28_rows_by_quarter():
    rows = data("son-tay-2020")["schedule"]
    assert len(rows) == 28
    assert [row["quarter"] for row in rows] == [1] * 10 + [2] * 7 + [3] * 5 + [4] * 6


def test_son_tay_schedule_due_dates():
    rows = data("son-tay-2020")["schedule"]
    assert [row["due_date"] for row in rows] == [
        "2020-01-10", "2020-01-10", "2020-01-30", "2020-01-30", "2020-01-30",
        "2020-02-28", "2020-03-10", "2020-03-05", "2020-03-20", "2020-03-30",
        "2020-04-05", "2020-04-30", "2020-05-10", "2020-05-30", "2020-06-10",
        "2020-06-30", "2020-06-30", "2020-07-30", "2020-07-30", "2020-07-20",
        "2020-09-05", "2020-09-20", "2020-11-10", "2020-11-20", "2020-11-25",
        "2020-11-25", "2020-12-31", "2020-12-31",
    ]  # fmt: skip


def test_son_tay_schedule_row_cells():
    rows = data("son-tay-2020")["schedule"]
    assert rows[0] == {
        "quarter": 1,
        "content": "Kiện toàn các Cụm thi đua thuộc thị xã, phân công Thành viên Hội đồng TDKT "
        "thị xã chỉ đạo, theo dõi các cụm thi đua thuộc thị xã.",
        "directing": "Chủ tịch Hội đồng TDKT thị xã",
        "executing": "Phòng Nội vụ thị xã",
        "coordinating": None,
        "due_date": "2020-01-10",
        "due_text": "Trước ngày 10/01/2020",
    }
    assert rows[14]["due_text"] == "Phòng GD&ĐT gửi hồ sơ trước ngày 10/6/2020"
    assert rows[14]["due_date"] == "2020-06-10"
    assert rows[19] == {
        "quarter": 3,
        "content": "Xét, đề nghị Chính phủ, Nhà nước khen thưởng Nhà nước đợt 3 năm 2020 "
        "(tập thể, cá nhân ngành Giáo dục và Đào tạo).",
        "directing": "Hội đồng TDKT thị xã",
        "executing": "Phòng Nội vụ thị xã (nếu có)",
        "coordinating": "Phòng GD&ĐT thị xã",
        "due_date": "2020-07-20",
        "due_text": "(Đơn vị gửi hồ sơ trước 20/7/2020)",
    }


def test_son_tay_deadlines_are_the_registration_then_every_schedule_row():
    result = data("son-tay-2020")
    deadlines = result["deadlines"]
    assert deadlines[0] == {
        "due_date": "2020-02-28",
        "text": "Đăng ký thi đua hoàn thành trước ngày 28/02/2020",
    }
    assert len(deadlines) == 1 + 28
    assert [d["due_date"] for d in deadlines[1:]] == [r["due_date"] for r in result["schedule"]]
    assert [d["text"] for d in deadlines[1:]] == [r["content"] for r in result["schedule"]]


def test_son_tay_clusters_are_the_towns_1_to_10():
    assert data("son-tay-2020")["clusters"] == [f"Cụm thi đua số {n}" for n in range(1, 11)]


def test_son_tay_campaigns():
    assert data("son-tay-2020")["campaigns"] == [
        "Thi đua xây dựng nông thôn mới",
        "Doanh nghiệp Thủ đô hội nhập và phát triển",
        "Cả nước chung tay vì người nghèo - không để ai bị bỏ lại phía sau",
        "Thi đua thực hiện văn hóa công sở và noi công cộng",
        "Cán bộ, công chức, viên chức, người lao động thi đua thực hiện văn hóa công sở và "
        "noi công cộng",
        "Toàn dân đoàn kết xây dựng đời sống văn hóa",
        "Xây dựng người Hà Nội thanh lịch - văn minh",
        "Thi đua đẩy mạnh cải cách hành chính",
        "An toàn thực phẩm",
        "Thi đua đảm bảo an ninh, quốc phòng",
        "Người tốt, việc tốt",
        "Cải cách hành chính",
        "Toàn dân chung sức xây dựng nông thôn mới",
        "Toàn dân bảo vệ an ninh Tổ quốc",
        "Thi đua quyết thắng",
    ]


def test_son_tay_recipients():
    assert data("son-tay-2020")["recipients"] == [
        "Ban TĐKT- Sở Nội vụ TP",
        "Thường trực Thị uỷ, HĐND, TX",
        "Chủ tịch, các PCT UBND TX",
        "Thành viên Hội đồng TĐKT TX",
        "Các đơn vị thuộc thị xã",
        "Lưu: VT, NV, T,30b",
    ]


def test_son_tay_signer():
    assert data("son-tay-2020")["signer"] == {
        "name": "Nguyễn Huy Khánh",
        "title": "TM. HỘI ĐỒNG\nCHỦ TỊCH",
    }


def test_son_tay_section_tree_numbered_headings():
    numbered = [
        (s["level"], s["heading"]) for s in data("son-tay-2020")["sections"] if s["level"] <= 3
    ]
    assert numbered[:4] == [
        (1, "I. MỤC ĐÍCH, YÊU CẦU"),
        (2, "1. Mục đích:"),
        (2, "2. Yêu cầu:"),
        (1, "II. NỘI DUNG THỰC HIỆN"),
    ]
    assert (3, "5.1 Nội dung, hình thức đăng ký thi đua") in numbered
    assert (3, "5.2. Quy trình đăng ký thi đua") in numbered
    assert numbered[-6:] == [
        (1, "III. TỔ CHỨC THỰC HIỆN"),
        (2, "1. Thành viên Hội đồng Thi đua - Khen thưởng thị xã:"),
        (2, "2. Cơ quan Thường trực Hội đồng TĐKT thị xã (Phòng Nội vụ):"),
        (2, "3. Phòng Văn hóa và Thông tin, Trung tâm Văn hóa - Thông tin và thể thao thị xã:"),
        (2, "4. Các Cụm Thi đua thuộc thị xã:"),
        (2, "5. Các đơn vị thuộc thị xã"),
    ]
    assert len(data("son-tay-2020")["sections"]) == 80


def test_son_tay_items_are_levels_below_numbers():
    sections = data("son-tay-2020")["sections"]
    registration = next(s for s in sections if s["heading"].startswith("Đăng ký thi đua hoàn"))
    assert registration == {
        "heading": "Đăng ký thi đua hoàn thành trước ngày 28/02/2020",
        "level": 4,
        "text": "Đăng ký thi đua hoàn thành trước ngày 28/02/2020;\nLưu ý: Tập thể, cá nhân không "
        "thực hiện việc đăng ký thi đua thường xuyên và đăng ký thi đua theo chuyên đề theo "
        "đúng hướng dẫn của thị xã, Hội đồng Thi đua, Khen thưởng thị xã không xét khen "
        "thưởng tổng kết phong trào thi đua trong năm 2020.",
    }
    plus_items = [s["heading"] for s in sections if s["level"] == 5]
    assert plus_items[0] == (
        "Thi đua xây dựng nông thôn mới: Hoàn thiện hồ sơ đề nghị cấp trên công nhận Thị xã "
        "đạt chuẩn nông thôn mới"
    )
    assert "Kế hoạch công tác thi đua, khen thưởng năm 2020 của cụm" in plus_items


def test_son_tay_section_joins_text_across_a_page_break():
    sections = data("son-tay-2020")["sections"]
    item = next(s for s in sections if s["heading"].startswith("Thi đua đảm bảo an ninh"))
    assert "đảm bảo trật tự an toàn giao thông, trật tự và văn minh đô thị." in item["text"]


def test_son_tay_sections_stop_before_recipients():
    last = data("son-tay-2020")["sections"][-1]
    assert not any(word in last["text"] for word in ("Noi nhận", "Nguyễn Huy Khánh", "PHỤ LỤC"))


# --- phu-lam-2022 -----------------------------------------------------------------------


def test_phu_lam_header_fields():
    result = data("phu-lam-2022")
    assert result["number"] is None
    assert result["place"] == "Phú Lãm"
    assert result["issue_date"] == "2022-01-15"
    assert result["issue_month"] == "2022-01"
    assert result["year"] == 2022
    assert result["title"] == "Công tác Thi đua, Khen thưởng năm 2022"


def test_phu_lam_issuer_is_inferred_from_the_body_and_place():
    result = data("phu-lam-2022")
    assert result["issuer"] == "Hội đồng Thi đua - Khen thưởng phường Phú Lãm"
    assert result["parent_issuer"] is None


def test_phu_lam_implements_the_district_plan():
    assert data("phu-lam-2022")["implements"] == [
        {
            "number": "01/KH-HĐTĐKT",
            "date": "2022-01-10",
            "issuer": "Hội đồng Thi đua – Khen thưởng quận Hà Đông",
        }
    ]
    assert data("phu-lam-2022")["legal_bases"] == []


def test_phu_lam_deadlines():
    deadlines = data("phu-lam-2022")["deadlines"]
    assert [d["due_date"] for d in deadlines] == [
        "2022-01-31",
        "2022-01-08",
        "2022-01-24",
        "2022-03-19",
        "2022-06-19",
        "2022-08-29",
        "2022-06-19",
        "2022-03-05",
    ]
    assert deadlines[0]["text"] == (
        "Xây dựng Kế hoạch công tác thi đua, khen thưởng năm 2022, thực hiện xong trong "
        "tháng 01/2022"
    )
    assert deadlines[2]["text"] == (
        "Gửi hồ sơ đề nghị xét, công nhận đề tài sáng kiến giải pháp cấp Thành phố (đợt 1) "
        "trước ngày 24/01/2022"
    )
    assert deadlines[3]["text"] == (
        "Gửi hồ sơ đề nghị tặng danh hiệu chiến sỹ thi đua thành phố (đợt 1), gửi hồ sơ "
        "trước ngày 19/3/2022"
    )
    assert deadlines[6]["text"] == (
        "Gửi hồ sơ đề nghị Thành phố xét, tặng danh hiệu “Công dân ưu tú”; “Công dân danh "
        "dự Thủ đô”; “Vì sự nghiệp xây dựng Thủ đô” trước ngày 19/6/2022"
    )


def test_phu_lam_reference_dates_are_not_deadlines():
    dates = {d["due_date"] for d in data("phu-lam-2022")["deadlines"]}
    assert "2022-01-10" not in dates
    assert "2021-09-21" not in dates


def test_phu_lam_campaigns():
    assert data("phu-lam-2022")["campaigns"] == [
        "Toàn dân đoàn kết, chung sức thi đua phòng, chống và chiến thắng đại dịch Covid-19",
        "Cả nước chung tay vì người nghèo - không để ai bị bỏ lại phía sau",
        "Doanh nghiệp Thủ đô hội nhập và phát triển",
        "Sáng kiến, sáng tạo Thủ đô",
        "Cán bộ, công chức, người lao động thực hiện văn hóa công sở và nơi công cộng",
        "Toàn dân đoàn kết xây dựng đời sống văn hóa",
        "Xây dựng người Hà nội thanh lịch – văn minh",
        "Người tốt, việc tốt",
        "An toàn thực phẩm",
        "Vì an ninh Tổ quốc",
    ]


def test_phu_lam_has_no_clusters_nor_schedule():
    result = data("phu-lam-2022")
    assert result["clusters"] == []
    assert result["schedule"] == []


def test_phu_lam_section_levels_start_at_capital_letters():
    headings = [(s["level"], s["heading"]) for s in data("phu-lam-2022")["sections"]]
    assert headings[:3] == [
        (1, "A. MỤC ĐÍCH YÊU CẦU:"),
        (2, "I. Mục đích"),
        (
            4,
            "Phát động và triển khai phong trào thi đua yêu nước trên tất cả các lĩnh vực nhằm "
            "thực hiện thắng lợi các nhiệm vụ chính trị, các chỉ tiêu kinh tế - xã hội năm 2022 "
            "và thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch covid-19; thiết thực lập "
            "thành tích chào mừng các ngày lễ, các ngày kỷ niệm lớn của đất nước, Thủ đô, quận "
            "và phường",
        ),
    ]
    assert (1, "D. TỔ CHỨC THỰC HIỆN.") in headings
    assert (3, "1. Xét đề nghị Quận và Thành phố khen thưởng:") in headings
    assert len(headings) == 51


def test_phu_lam_recipients_and_signer():
    result = data("phu-lam-2022")
    assert result["recipients"] == [
        "HĐTDKT quận Hà Đông",
        "TT Đảng uỷ phường",
        "Thành viên HĐTDKT phường",
        "MTTQ, các ngành, đoàn thể phường",
        "Các Tổ dân phố",
        "Lưu VT",
    ]
    assert result["signer"] == {"name": "Nguyễn Thị Thịnh", "title": "CHỦ TỊCH"}


# --- dong-lien-2022 ---------------------------------------------------------------------


def test_dong_lien_header_fields_are_absent():
    result = data("dong-lien-2022")
    assert result["number"] is None
    assert result["place"] is None
    assert result["issue_date"] is None
    assert result["issue_month"] is None
    assert result["parent_issuer"] is None


def test_dong_lien_title_and_year():
    result = data("dong-lien-2022")
    assert result["title"] == (
        "Tổ chức phong trào thi đua yêu nước và công tác thi đua, khen thưởng xã Đồng Liên năm 2022"
    )
    assert result["year"] == 2022


def test_dong_lien_issuer_is_inferred_from_the_body():
    assert data("dong-lien-2022")["issuer"] == "UBND xã Đồng Liên"


def test_dong_lien_implements_the_city_plan():
    assert data("dong-lien-2022")["implements"] == [
        {"number": "39/KH-UBND", "date": "2022-02-09", "issuer": "UBND thành phố Thái Nguyên"}
    ]


def test_dong_lien_has_no_deadline():
    assert data("dong-lien-2022")["deadlines"] == []


def test_dong_lien_campaigns_skip_slogans():
    campaigns = data("dong-lien-2022")["campaigns"]
    assert campaigns[:3] == [
        "Thái Nguyên chung sức xây dựng nông thôn mới",
        "Đẩy mạnh chương trình chuyển đổi số",
        "Đoàn kết, chung sức, đồng lòng cùng cả nước thi đua phòng, chống và chiến thắng đại "
        "dịch COVID-19",
    ]
    assert campaigns[-1] == "Nông dân thi đua sản xuất, kinh doanh giỏi"
    assert len(campaigns) == 18
    assert "mục tiêu kép" not in campaigns
    assert "Vừa chống dịch, vừa phát triển kinh tế" not in campaigns
    assert "Quản lý dữ liệu thi đua, khen thưởng" not in campaigns


def test_dong_lien_sections():
    sections = data("dong-lien-2022")["sections"]
    assert [s["level"] for s in sections] == [
        1,
        2,
        2,
        2,
        1,
        2,
        3,
        3,
        3,
        3,
        2,
        3,
        3,
        3,
        2,
        2,
        2,
        2,
        1,
        2,
        2,
        2,
    ]
    assert sections[7]["heading"].startswith("b) Chú trọng thực hiện cải cách hành chính")
    assert sections[7]["text"].endswith(
        "hỗ trợ người dân và doanh nghiệp bị ảnh hưởng bởi dịch COVID-19."
    )


def test_dong_lien_recipients_and_signer():
    result = data("dong-lien-2022")
    assert result["recipients"] == [
        "UBND thành phố Thái Nguyên (B/c)",
        "Hội đồng Thi đua, khen thưởng TP (B/c)",
        "Thường trực Đảng ủy",
        "Thường trực HĐND xã",
        "Lãnh đạo UBND xã",
        "Ủy ban MTTQ, các cơ quan, đoàn thể xã",
        "Lưu: VT",
    ]
    assert result["signer"] == {"name": "Tạ Văn Phin", "title": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"}


def test_dong_lien_clusters_and_legal_bases_are_empty():
    result = data("dong-lien-2022")
    assert result["clusters"] == []
    assert result["legal_bases"] == []


# --- all --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["son-tay-2020", "phu-lam-2022", "dong-lien-2022"])
def test_samples_parse_well_under_the_time_budget(name):
    text = read_document(SAMPLES / f"{name}.txt")
    start = time.perf_counter()
    parse_plan_text(text)
    assert time.perf_counter() - start < 0.2


@pytest.mark.parametrize("name", ["son-tay-2020", "phu-lam-2022", "dong-lien-2022"])
def test_samples_have_no_internal_errors(name):
    assert not [w for w in plan(name).warnings if w.startswith("Lỗi nội bộ")]
