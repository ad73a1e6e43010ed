"""Property-based tests (hypothesis) on every upload page: random bytes, real files cut short or
with a byte changed, real files under another kind's name, odd names. The answer is never a
server error, and a refused upload stores nothing: no table changes, no file appears under
MEDIA_ROOT or in the upload folder.

Each drawn example runs in a savepoint rolled back afterwards (``fuzz_world``); the files an
accepted upload stores are left where they are, so each refusal is judged against the files
present just before it.
"""

import pytest
from django.db import transaction
from hypothesis import event, given
from hypothesis import strategies as st

from tests.security import fuzz_world as world_module
from tests.security.fuzz_data import FUZZ, upload_file
from tests.security.fuzz_world import PAGES, changed_tables, fingerprint, stored_files
from tests.uploads import docx_bytes, jpeg_bytes, pdf_bytes, png_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db
fuzz_world = world_module.fuzz_world  # the module-scoped fixture

PLAN_TEXT = (
    "ỦY BAN NHÂN DÂN\nPHƯỜNG PHÚ LÃM\nSố: 12/KH-UBND\nPhú Lãm, ngày 05 tháng 01 năm 2022\n"
    "KẾ HOẠCH\nCông tác thi đua, khen thưởng năm 2022\nI. MỤC ĐÍCH, YÊU CẦU\n"
    "1. Các đơn vị đăng ký thi đua trước ngày 28/02/2022.\n"
).encode()
REAL_FILES = {
    "bao-cao.pdf": pdf_bytes(pages=2),
    "to-trinh.docx": docx_bytes(),
    "danh-sach.xlsx": xlsx_bytes(),
    "anh.png": png_bytes(),
    "anh.jpg": jpeg_bytes(),
    "ke-hoach.txt": PLAN_TEXT,
}


@pytest.fixture(autouse=True)
def _uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "upload-tmp")
    (tmp_path / "upload-tmp").mkdir()


@pytest.fixture
def upload_page(fuzz_world, client, page):
    client.force_login(fuzz_world.user(page.user))
    return page.url(fuzz_world), page.other(fuzz_world), fingerprint()


@pytest.mark.parametrize("page", PAGES, ids=[page.id for page in PAGES])
@FUZZ
@given(data=st.data())
def test_any_file_is_answered_and_a_refused_one_stores_nothing(
    upload_page, client, settings, page, data
):
    url, other, baseline = upload_page
    upload = data.draw(upload_file(REAL_FILES), label="file")
    files_before = stored_files(settings.MEDIA_ROOT)
    with transaction.atomic():
        client.cookies.pop("messages", None)
        response = client.post(url, {**other, page.field: upload})
        assert response.status_code < 500
        refused = response.status_code == 200 or any(
            message.level_tag == "error" for message in response.wsgi_request._messages
        )
        event(f"{response.status_code} {'refused' if refused else 'accepted'}")
        if refused:
            assert changed_tables(baseline) == set()
            assert stored_files(settings.MEDIA_ROOT) == files_before
        transaction.set_rollback(True)
    assert stored_files(settings.FILE_UPLOAD_TEMP_DIR) == set()
