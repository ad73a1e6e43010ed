"""Property tests: parse_plan_text never raises, whatever the input."""

import json
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans.parsing import parse_plan_text

SAMPLES = Path(__file__).resolve().parents[2] / "plans" / "samples"
SAMPLE_TEXTS = {
    path.stem: path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))
}
KEYS = {
    "number", "place", "issue_date", "issue_month", "year", "issuer", "parent_issuer",
    "title", "legal_bases", "implements", "sections", "campaigns", "clusters", "schedule",
    "deadlines", "recipients", "signer",
}  # fmt: skip
# Bounded so the file runs in ~2 s; PLAN_PARSER_EXAMPLES=1000 for a deeper local search.
EXAMPLES = int(os.environ.get("PLAN_PARSER_EXAMPLES", "40"))
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắặầấậèéẹềếệìíịòóọồốộờớợùúụừứựỳýAĂÂĐÊÔƠƯỆẾỘ"
ALPHABET = LETTERS + '0123456789/|\t\n -–.,:;()“”"*+_'
TOKENS = [
    "Số:", "Số: 12 /KH-UBND", "ngày", "tháng", "năm", "2024", "31", "02", "/", "KẾ HOẠCH",
    "PHỤ LỤC", "Nơi nhận:", "Noi nhận", "Căn cứ", "Thực hiện Kế hoạch số", "của", "về",
    "I.", "IV.", "1.", "5.1", "a)", "đ)", "A.", "- ", "+ ", "- +", "**", "*", "“", "”", '"',
    "\t", "|", "\n", "\n\n", " ", "Quý", "Quy IV", "TT", "Nội dung", "Thời gian",
    "trước ngày", "trong tháng", "chậm nhất", "17h00", "Cụm thi đua số", "số", "XII",
    "Thành phố", ";", ",", "phong trào thi đua", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
    "Nguyễn Văn An", "UBND XÃ AN KHÁNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày", "xây dựng Kế hoạch", "năm học",
]  # fmt: skip


def check(text: str) -> None:
    plan = parse_plan_text(text)
    result = plan.to_json()
    assert set(result) == KEYS
    json.dumps(result)
    assert not [w for w in plan.warnings if w.startswith("Lỗi nội bộ")], plan.warnings


@SETTINGS
@given(st.text(alphabet=ALPHABET, max_size=600))
def test_arbitrary_vietnamese_text_never_breaks_the_parser(text):
    check(text)


@SETTINGS
@given(st.lists(st.sampled_from(TOKENS), max_size=120).map("".join))
def test_arbitrary_plan_fragments_never_break_the_parser(text):
    check(text)


@SETTINGS
@given(st.text(max_size=300))
def test_any_unicode_never_breaks_the_parser(text):
    check(text)


@SETTINGS
@given(st.sampled_from(sorted(SAMPLE_TEXTS)), st.floats(min_value=0.0, max_value=1.0))
def test_every_truncated_sample_still_parses(name, fraction):
    text = SAMPLE_TEXTS[name]
    check(text[: int(len(text) * fraction)])


@SETTINGS
@given(
    st.sampled_from(sorted(SAMPLE_TEXTS)),
    st.floats(min_value=0.0, max_value=1.0),
    st.floats(min_value=0.0, max_value=1.0),
)
def test_samples_with_a_cut_out_middle_still_parse(name, start, length):
    text = SAMPLE_TEXTS[name]
    cut = int(len(text) * start)
    check(text[:cut] + text[cut + int(len(text) * length * 0.3) :])


def test_empty_and_whitespace_only_text():
    for text in ["", " ", "\n\n\t", "\ufeff"]:
        check(text)
