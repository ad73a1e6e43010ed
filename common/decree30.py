"""What every document in the Decree 30/2020/NĐ-CP layout shares (Nghị định 30/2020/NĐ-CP về
công tác văn thư, Phụ lục I): the national title and motto of the header, and the place-and-date
line ("Sơn Tây, ngày 03 tháng 01 năm 2020"). The plan PDF (plans/pdf.py) and the registration
exports (registrations/exports) use them; the header's HTML is
``templates/common/pdf/_decree30_header.html`` and its style ``static/css/decree30.css``.
These are document words: Vietnamese in every interface language.
"""

import datetime

from common.pdf import STATIC_DIR

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
HEADER_CSS = STATIC_DIR / "css" / "decree30.css"


def month_text(month: int) -> str:
    """A month as the date line writes it: a leading zero for January and February only
    ("01", "02", "3", "12"; Decree 30/2020, Appendix I)."""
    return f"{month:02d}" if month < 3 else str(month)


def date_text(day: datetime.date) -> str:
    """ "ngày 05 tháng 01 năm 2020": the day always on two digits."""
    return f"ngày {day.day:02d} tháng {month_text(day.month)} năm {day.year}"


def place_date_line(place: str, date: str) -> str:
    """The italic line under the motto: "Sơn Tây, ngày 03 tháng 01 năm 2020"; without a place
    the date with a capital ("Ngày 03 …"); without a date the place alone."""
    if place and date:
        return f"{place}, {date}"
    return place or date[:1].upper() + date[1:]


def header_context() -> dict:
    """The words ``_decree30_header.html`` needs besides the issuers, number and date line."""
    return {"nation": NATION, "motto": MOTTO}


# Administrative prefixes stripped from a unit's name to give the place of the date line
# ("Phường An Bình" → "An Bình"), longest first.
PLACE_PREFIXES = (
    "thành phố ",
    "thị trấn ",
    "đặc khu ",
    "thị xã ",
    "phường ",
    "huyện ",
    "quận ",
    "tỉnh ",
    "xã ",
)


def place_of(unit) -> str:
    """The place name of the date line: an administrative unit's name without its prefix
    ("Thị xã Sơn Tây" → "Sơn Tây"); another unit's name as it is; "" for None."""
    from organizations.models import Unit

    if unit is None:
        return ""
    name = unit.name.strip()
    if unit.kind in Unit.ADMINISTRATIVE_KINDS:
        lowered = name.lower()
        for prefix in PLACE_PREFIXES:
            if lowered.startswith(prefix) and len(name) > len(prefix):
                return name[len(prefix) :].strip()
    return name


def council_bodies(council) -> tuple[str, str]:
    """(parent issuer, issuer) for a council's documents: "UBND THỊ XÃ SƠN TÂY" over
    "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG" — the council's name without its place when it ends with
    it; a council of a body that is not an administrative unit has no parent line."""
    from organizations.models import Unit

    unit = council.unit
    name = council.name.strip()
    if unit.kind not in Unit.ADMINISTRATIVE_KINDS:
        return "", name.upper()
    if name.lower().endswith(" " + unit.name.lower()):
        name = name[: -len(unit.name)].strip(" -–,")
    return f"UBND {unit.name}".upper(), name.upper()
