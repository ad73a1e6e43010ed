"""Schedule tables and dated obligations (deadlines)."""

from plans.parsing import parse_plan_text

HEAD = ["KẾ HOẠCH", "Công tác thi đua, khen thưởng năm 2024", "I. NỘI DUNG"]


def parse(*lines: str):
    return parse_plan_text("\n".join(lines))


# --- schedule tables --------------------------------------------------------------------

PIPE_TABLE = [
    *HEAD,
    "PHỤ LỤC",
    "| STT | Nội dung công việc | Chỉ đạo | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn |",
    "|-----|-----|-----|-----|-----|-----|",
    "| | QUÝ I | | | | |",
    "| 1 | Xây dựng kế hoạch năm | Chủ tịch UBND | Văn phòng | | Trước 15/02 |",
    "| 2 | Tổ chức hội nghị phát động | Chủ tịch UBND | Văn phòng | Các ban | |",
    "| II | Quý II | | | | |",
    "| 3 | Sơ kết giữa kỳ | Hội đồng TĐKT | Văn phòng | | Tháng 5/2024 |",
    "",
    "12",
    "| STT | Nội dung công việc | Chỉ đạo | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn |",
    "| 4 | Tiếp nhận hồ sơ khen thưởng | Hội đồng TĐKT | Văn phòng | Các đơn vị | "
    "Đơn vị gửi hồ sơ trước ngày 20/6/2024 |",
    "| IV | Quy IV | | | | |",
    "| 5 | Tổng kết năm | Chủ tịch UBND | Văn phòng | | Thường xuyên |",
]


def test_pipe_table_rows_with_quarters_and_repeated_header():
    rows = parse(*PIPE_TABLE).to_json()["schedule"]
    assert [(row["quarter"], row["content"]) for row in rows] == [
        (1, "Xây dựng kế hoạch năm"),
        (1, "Tổ chức hội nghị phát động"),
        (2, "Sơ kết giữa kỳ"),
        (2, "Tiếp nhận hồ sơ khen thưởng"),
        (4, "Tổng kết năm"),
    ]


def test_schedule_row_cells_and_empty_cells():
    rows = parse(*PIPE_TABLE).to_json()["schedule"]
    assert rows[1] == {
        "quarter": 1,
        "content": "Tổ chức hội nghị phát động",
        "directing": "Chủ tịch UBND",
        "executing": "Văn phòng",
        "coordinating": "Các ban",
        "due_date": "2024-03-31",
        "due_text": None,
    }
    assert rows[0]["coordinating"] is None


def test_schedule_due_dates():
    rows = parse(*PIPE_TABLE).to_json()["schedule"]
    assert [(row["due_text"], row["due_date"]) for row in rows] == [
        ("Trước 15/02", "2024-02-15"),
        (None, "2024-03-31"),
        ("Tháng 5/2024", "2024-05-31"),
        ("Đơn vị gửi hồ sơ trước ngày 20/6/2024", "2024-06-20"),
        ("Thường xuyên", "2024-12-31"),
    ]


def test_tab_table_with_roman_quarter_rows_and_positional_columns():
    rows = parse(
        *HEAD,
        "Quý I\t\t\t\t\t",
        "1.\tRà soát cụm thi đua\tChủ tịch\tPhòng Nội vụ\tCác đơn vị\tTrước ngày 10/01/2024",
        "III\tQuý III\t\t\t\t",
        "2.\tKiểm tra\tChủ tịch\tPhòng Nội vụ\t\tQuý III",
    ).to_json()["schedule"]
    assert rows == [
        {
            "quarter": 1,
            "content": "Rà soát cụm thi đua",
            "directing": "Chủ tịch",
            "executing": "Phòng Nội vụ",
            "coordinating": "Các đơn vị",
            "due_date": "2024-01-10",
            "due_text": "Trước ngày 10/01/2024",
        },
        {
            "quarter": 3,
            "content": "Kiểm tra",
            "directing": "Chủ tịch",
            "executing": "Phòng Nội vụ",
            "coordinating": None,
            "due_date": "2024-09-30",
            "due_text": "Quý III",
        },
    ]


def test_header_titles_decide_the_columns():
    rows = parse(
        *HEAD,
        "TT\tNội dung\tThời gian thực hiện\tCơ quan chủ trì",
        "1\tTập huấn nghiệp vụ\tTrong tháng 4/2024\tPhòng Nội vụ",
    ).to_json()["schedule"]
    assert rows == [
        {
            "quarter": None,
            "content": "Tập huấn nghiệp vụ",
            "directing": None,
            "executing": "Phòng Nội vụ",
            "coordinating": None,
            "due_date": "2024-04-30",
            "due_text": "Trong tháng 4/2024",
        }
    ]


def test_quarter_line_without_cells_inside_a_table():
    rows = parse(
        *HEAD,
        "TT\tNội dung\tChủ trì\tThời gian",
        "QUÝ II",
        "1\tHội nghị sơ kết\tVăn phòng\t",
    ).to_json()["schedule"]
    assert [(row["quarter"], row["due_date"]) for row in rows] == [(2, "2024-06-30")]


def test_month_group_rows_are_not_tasks_and_quarter_may_carry_a_year():
    rows = parse(
        *HEAD,
        "TT\tNội dung\tChủ trì\tThời gian",
        "\tQuý I/2024\t\t",
        "\tTháng 1\t\t",
        "1\tHọp Hội đồng\tVăn phòng\t",
    ).to_json()["schedule"]
    assert [(row["quarter"], row["content"]) for row in rows] == [(1, "Họp Hội đồng")]


def test_text_between_tables_ends_the_quarter():
    rows = parse(
        *HEAD,
        "TT\tNội dung\tChủ trì\tThời gian",
        "Quý I\t\t\t",
        "1\tViệc quý I\tVăn phòng\t",
        "Ghi chú: các đơn vị chủ động thực hiện.",
        "TT\tNội dung\tChủ trì\tThời gian",
        "1\tViệc khác\tVăn phòng\tTrước 01/8/2024",
    ).to_json()["schedule"]
    assert [row["quarter"] for row in rows] == [1, None]


def test_table_without_content_column_is_not_a_schedule():
    result = parse(
        *HEAD,
        "TT\tTên cụm\tĐơn vị cụm trưởng",
        "1\tCụm thi đua số 1\tPhường A",
    ).to_json()
    assert result["schedule"] == []


# --- deadlines --------------------------------------------------------------------------


def test_dated_obligations_in_running_text():
    deadlines = parse(
        *HEAD,
        "- Các đơn vị gửi báo cáo trước ngày 24/01. Hồ sơ lưu tại đơn vị.",
        "- Nộp hồ sơ khen thưởng chậm nhất ngày 15/3/2024;",
        "- Gửi danh sách trước 17h00 ngày 20 tháng 06 năm 2024.",
        "- Hạn cuối 30/9/2024 đối với hồ sơ đợt 2.",
        "- Tổng kết phong trào, hoàn thành trong tháng 11/2024.",
        "- Đăng ký thi đua xong trong tháng 3.",
    ).to_json()["deadlines"]
    assert deadlines == [
        {"due_date": "2024-01-24", "text": "Các đơn vị gửi báo cáo trước ngày 24/01"},
        {"due_date": "2024-03-15", "text": "Nộp hồ sơ khen thưởng chậm nhất ngày 15/3/2024"},
        {"due_date": "2024-06-20", "text": "Gửi danh sách trước 17h00 ngày 20 tháng 06 năm 2024"},
        {"due_date": "2024-09-30", "text": "Hạn cuối 30/9/2024 đối với hồ sơ đợt 2"},
        {"due_date": "2024-11-30", "text": "Tổng kết phong trào, hoàn thành trong tháng 11/2024"},
        {"due_date": "2024-03-31", "text": "Đăng ký thi đua xong trong tháng 3"},
    ]


def test_dates_without_an_obligation_marker_are_not_deadlines():
    deadlines = parse(
        *HEAD,
        "- Thực hiện Kế hoạch số 316/KH-UBND ngày 04/7/2017 của UBND huyện.",
        "- Kỷ niệm 60 năm thành lập tỉnh (19/10/1962-19/10/2022), chào mừng 10/10.",
        "- Trước mắt tập trung phòng chống dịch; hạn chế tụ tập đông người.",
    ).to_json()["deadlines"]
    assert deadlines == []


def test_deadline_without_year_is_skipped_when_the_year_is_unknown():
    plan = parse("I. NỘI DUNG", "- Gửi báo cáo trước ngày 24/01.")
    assert plan.year is None
    assert plan.deadlines == []


def test_impossible_deadline_date_is_skipped():
    assert parse(*HEAD, "- Gửi hồ sơ trước ngày 31/02/2024.").deadlines == []


def test_schedule_rows_become_deadlines_after_the_running_text():
    deadlines = parse(
        *HEAD,
        "- Đăng ký thi đua trước ngày 28/02/2024.",
        "PHỤ LỤC",
        "TT\tNội dung\tChủ trì\tThời gian",
        "1\tKý giao ước thi đua\tVăn phòng\tTrước ngày 15/3/2024",
        "2\tTổng kết\tVăn phòng\t",
    ).to_json()["deadlines"]
    assert deadlines == [
        {"due_date": "2024-02-28", "text": "Đăng ký thi đua trước ngày 28/02/2024"},
        {"due_date": "2024-03-15", "text": "Ký giao ước thi đua"},
    ]
