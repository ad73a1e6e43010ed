"""What the generated proposal letter and nominee list say, and that the PDF and the Word file
both say it."""

import io

import pytest
from docx import Document
from docx.shared import Pt
from pypdf import PdfReader

from awards.models import Household
from dossiers.documents.docx import nominee_list_docx, proposal_letter_docx
from dossiers.documents.pdf import nominee_list_pdf, proposal_letter_pdf
from dossiers.documents.proposal import AwardCount, nominee_list, proposal_letter
from dossiers.services.dossiers import NominationInput, nomination_save
from tests.dossiers.conftest import award, make_dossier

pytestmark = pytest.mark.django_db

# Accepted by nomination_save: the Grassroots Fighter's same-year Advanced Worker and the
# collective's ratings are warnings the secretariat weighs, not refusals.
LINES = [
    ("person", 0, "advanced_worker"),
    ("person", 1, "emulation_fighter_grassroots"),
    ("person", 2, "advanced_worker"),
]
COUNTS = [
    "Danh hiệu “Lao động tiên tiến”: 02 cá nhân",
    "Danh hiệu “Chiến sĩ thi đua cơ sở”: 01 cá nhân",
    "Danh hiệu “Tập thể lao động tiên tiến”: 01 tập thể",
]
NAMES = ["Nguyễn Thị Hoa", "Trần Văn Bình", "Lê Thị Cúc", "Tổ dân phố số 1"]


@pytest.fixture
def dossier(world):
    world.people[1].position = "Phó Chủ tịch"
    world.people[1].save(update_fields=["position"])
    lines = [*LINES, ("collective", world.tree.group_a, "advanced_collective")]
    return make_dossier(world, lines=lines, complete=False)


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF")
    return _flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


def _docx(content: bytes):
    return Document(io.BytesIO(content))


def _docx_texts(document) -> list[str]:
    """Every paragraph of the Word document, in the body and in table cells."""
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return [_flat(text) for text in texts if text.strip()]


def test_award_count_writes_numbers_below_ten_with_a_leading_zero():
    assert AwardCount(award="Giấy khen", collective=1, individual=12).text == (
        "Giấy khen: 01 tập thể, 12 cá nhân"
    )
    assert AwardCount(award="Giấy khen", household=3).counts_text == "03 hộ gia đình"


def test_proposal_letter_counts_collectives_and_individuals_per_award(world, dossier):
    letter = proposal_letter(dossier=dossier)
    assert [count.text for count in letter.counts] == COUNTS
    assert letter.total == "Tổng số: 01 tập thể, 03 cá nhân."
    assert letter.request.startswith("Phường An Bình đề nghị Hội đồng Thi đua – Khen thưởng")
    assert letter.request.endswith(f"năm {world.round.year} cho các tập thể, cá nhân sau:")


def test_proposal_letter_has_the_decree_30_header_and_form_01_words(world, dossier):
    letter = proposal_letter(dossier=dossier)
    header = letter.header
    assert (header.parent_issuer, header.issuer) == ("THỊ XÃ THỬ", "PHƯỜNG AN BÌNH")
    assert _flat(header.number) == "/TTr-UBND"
    assert header.number.startswith("\u00a0")  # left blank for the clerk
    assert _flat(header.place_date).startswith("An Bình, ngày tháng năm ")
    assert letter.doc_type == "TỜ TRÌNH"
    assert letter.summary == (
        f"Về việc đề nghị tặng danh hiệu thi đua, hình thức khen thưởng năm {world.round.year}"
    )
    assert letter.addressee == "Kính gửi: Hội đồng Thi đua – Khen thưởng thị xã"
    assert "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022" in letter.bases[0]
    assert "152/2025/NĐ-CP" in letter.bases[1]
    assert world.round.name in letter.bases[2]
    assert letter.attached == "(Có danh sách kèm theo)"
    assert letter.recipients == ("- Như trên;", "- Lưu: VT.")
    assert letter.signature.titles == ("TM. PHƯỜNG AN BÌNH", "THỦ TRƯỞNG ĐƠN VỊ")
    assert letter.signature.signer_name == ""


def test_proposal_letter_counts_households_apart(world):
    household = Household.objects.create(name="Phạm Văn Dũng", unit=world.tree.group_a)
    dossier = make_dossier(world, lines=[("person", 0, "certificate_of_merit")], complete=False)
    nomination_save(
        dossier=dossier,
        data=NominationInput(nominee=household, award=award("certificate_of_merit")),
        actor=world.officer_a,
    )
    letter = proposal_letter(dossier=dossier)
    assert [count.text for count in letter.counts] == ["Giấy khen: 01 hộ gia đình, 01 cá nhân"]
    assert letter.request.endswith("cho các hộ gia đình, cá nhân sau:")
    rows = nominee_list(dossier=dossier).rows
    assert (rows[1].name, rows[1].unit) == ("Hộ gia đình Phạm Văn Dũng", "Tổ dân phố số 1")


def test_nominee_list_has_one_row_per_nomination_in_order(dossier):
    nominees = nominee_list(dossier=dossier)
    assert [row.cells for row in nominees.rows] == [
        ("1", "Nguyễn Thị Hoa", "", "Phường An Bình", "Lao động tiên tiến", "Hoàn thành tốt"),
        (
            "2",
            "Trần Văn Bình",
            "Phó Chủ tịch",
            "Phường An Bình",
            "Chiến sĩ thi đua cơ sở",
            "Hoàn thành tốt",
        ),
        ("3", "Lê Thị Cúc", "", "Phường An Bình", "Lao động tiên tiến", "Hoàn thành tốt"),
        (
            "4",
            "Tổ dân phố số 1",
            "",
            "Phường An Bình",
            "Tập thể lao động tiên tiến",
            "Hoàn thành tốt",
        ),
    ]
    assert nominees.total == "Tổng số: 01 tập thể, 03 cá nhân."
    assert _flat(nominees.reference).startswith("(Kèm theo Tờ trình số /TTr-UBND ngày tháng")
    assert nominees.reference.endswith("của Phường An Bình)")


def test_proposal_letter_pdf_shows_the_unit_council_and_counts(dossier):
    text = _pdf_text(proposal_letter_pdf(proposal_letter(dossier=dossier)))
    for expected in (
        "PHƯỜNG AN BÌNH",
        "TỜ TRÌNH",
        "Kính gửi: Hội đồng Thi đua – Khen thưởng thị xã",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: /TTr-UBND",
        *COUNTS,
        "(Có danh sách kèm theo)",
        "TM. PHƯỜNG AN BÌNH",
    ):
        assert expected in text


def test_nominee_list_pdf_shows_every_nominee(dossier):
    text = _pdf_text(nominee_list_pdf(nominee_list(dossier=dossier)))
    for expected in (
        "PHƯỜNG AN BÌNH",
        "DANH SÁCH",
        *NAMES,
        "Phó Chủ tịch",
        "Tổng số: 01 tập thể, 03 cá nhân.",
    ):
        assert expected in text


def test_proposal_letter_docx_says_what_the_pdf_says(dossier):
    texts = _docx_texts(_docx(proposal_letter_docx(proposal_letter(dossier=dossier))))
    for expected in (
        "THỊ XÃ THỬ",
        "PHƯỜNG AN BÌNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: /TTr-UBND",
        "TỜ TRÌNH",
        "Kính gửi: Hội đồng Thi đua – Khen thưởng thị xã",
        "(Có danh sách kèm theo)",
        "Nơi nhận:",
        "- Như trên;",
        "- Lưu: VT.",
        "TM. PHƯỜNG AN BÌNH",
        "THỦ TRƯỞNG ĐƠN VỊ",
    ):
        assert expected in texts
    assert [f"- {count};" for count in COUNTS[:2]] + [f"- {COUNTS[2]}."] == [
        text for text in texts if text.startswith("- Danh hiệu")
    ]


def test_proposal_letter_docx_is_a4_with_decree_30_margins_in_times_new_roman(dossier):
    document = _docx(proposal_letter_docx(proposal_letter(dossier=dossier)))
    section = document.sections[0]
    sizes = (section.page_width, section.page_height, section.top_margin, section.bottom_margin)
    sizes += (section.left_margin, section.right_margin)
    assert [round(size.mm) for size in sizes] == [210, 297, 20, 20, 30, 15]
    normal = document.styles["Normal"].font
    assert (normal.name, normal.size) == ("Times New Roman", Pt(14))
    motto = next(
        run
        for cell in document.tables[0].rows[0].cells
        for p in cell.paragraphs
        for run in p.runs
        if run.text == "Độc lập - Tự do - Hạnh phúc"
    )
    assert (motto.bold, motto.underline) == (True, True)


def test_nominee_list_docx_has_a_table_row_per_nomination_plus_header(dossier):
    document = _docx(nominee_list_docx(nominee_list(dossier=dossier)))
    table = document.tables[1]  # after the header table
    rows = [[_flat(cell.text) for cell in row.cells] for row in table.rows]
    assert rows[0] == [
        "STT",
        "Họ và tên / tên tập thể",
        "Chức vụ",
        "Đơn vị",
        "Danh hiệu / hình thức đề nghị",
        "Tóm tắt thành tích",
    ]
    assert [row[1] for row in rows[1:]] == NAMES
    assert rows[2][2] == "Phó Chủ tịch"
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    assert "Tổng số: 01 tập thể, 03 cá nhân." in _docx_texts(document)
