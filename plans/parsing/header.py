"""The header block of a plan (Decree 30/2020): parent body, issuing body, "Số: …"
number and the place-date line.

Layout rules:
* the header is the top of the document, above the "KẾ HOẠCH" line. Its two columns
  may come as separate lines or run together on the same lines (PDF/OCR/table text):
  the national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh
  phúc"), the number and the place-date are cut out, and what remains is split at tabs
  or runs of 2+ spaces;
* remaining fragments written in capitals are body names. A fragment that starts with
  an administrative unit ("PHƯỜNG PHÚ LÃM") continues a bare body type on the line
  above ("ỦY BAN NHÂN DÂN"). The last body is the issuer, the one before it the parent;
* the number "Số: 06 /KH-HĐTĐKT" loses its spaces and en/em dashes become "-"
  ("06/KH-HĐTĐKT"); a blank number ("Số:   /KH-UBND") is None;
* "Sơn Tây, ngày 03 tháng 01 năm 2020": the place is the run of capitalised words
  before the comma, kept as written; a blank day gives only the month, never a day.
"""

import re
from dataclasses import dataclass

from plans.parsing.headings import classify
from plans.parsing.text import LOWER, UPPER, fold, is_upperish, squash, strip_emphasis

_MOTTO = re.compile(
    r"c\s*o\s*n\s*g\s+h\s*o\s*a\s+x\s*a\s+h\s*o\s*i\s+c\s*h\s*u\s+n\s*g\s*h\s*i\s*a"
    r"\s+v\s*i\s*e\s*t\s+n\s*a\s*m"
    r"|d\s*o\s*c\s+l\s*a\s*p\s*[-–—_.,:]*\s*t\s*u\s+d\s*o\s*[-–—_.,:]*\s*h\s*a\s*n\s*h\s+p\s*h\s*u\s*c"
)
_SYMBOL = r"[0-9" + UPPER + r"]+(?![" + LOWER + r"])"
NUMBER = re.compile(r"(\d+[a-z]?)?\s*/\s*(" + _SYMBOL + r"(?:\s*[-–—/]\s*" + _SYMBOL + r")*)")
#: A cited document number: "316/KH-UBND", "91/2017/NĐ-CP", Party style "39-KH/TU".
DOC_NUMBER = re.compile(r"\d+[a-z]?(?:\s*[-–—/]\s*" + _SYMBOL + r")+")
_NUMBER_LABEL = re.compile(r"(?:^|(?<=\s))so\s*[:.]\s*|^so\s+(?=\d*\s*/)")
_BLANK = r"[\s._…]*"
_PLACE_DATE = re.compile(
    r",\s*ngay\b"
    + _BLANK
    + r"(?P<d>\d{1,2})?"
    + _BLANK
    + r"(?:/\s*)?thang"
    + _BLANK
    + r"(?P<m>\d{1,2})?"
    + _BLANK
    + r"(?:/\s*)?nam"
    + _BLANK
    + r"(?P<y>\d{4})"
    r"|,\s*ngay\s*(?P<d2>\d{1,2})\s*[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4})"
)
_PLACE_TOKEN = re.compile(r"[" + UPPER + r"][^\s,]*")
_FRAGMENT_SPLIT = re.compile(r"\t| {2,}")
_NOT_ORG = re.compile(
    r"^(?:ke hoach|phu luc|du thao|mat|khan|tm|kt|tl|tuq|q)\b"
    r"|^(?:pho\s+)?(?:chu tich|truong ban|giam doc|truong phong|bi thu|chanh van phong"
    r"|hieu truong|thu truong|tong giam doc)\b"
)
_BODY_TYPE = re.compile(
    r"^(?:uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd|hoi dong thi dua\W*khen thuong"
    r"|hoi dong tdkt|hd tdkt|ban thi dua\W*khen thuong|dang uy|ban chap hanh)$"
)
_UNIT_START = re.compile(r"^(?:xa|phuong|thi tran|quan|huyen|thi xa|thanh pho|tinh|tp)\b")


@dataclass
class HeaderLine:
    """What one header line holds once motto, number and place-date are cut out."""

    orgs: list[str]
    motto: bool = False
    number: str | None = None
    number_seen: bool = False
    place: str | None = None
    date_parts: tuple[int | None, int | None, int | None] | None = None


def normalise_number(number: str) -> str:
    """Remove spaces and turn en/em dashes into "-": "01/KH – HĐTĐKT" → "01/KH-HĐTĐKT"."""
    return re.sub(r"\s+", "", number).replace("–", "-").replace("—", "-")


def _cut(text: str, start: int, end: int) -> str:
    return text[:start] + "\t" + text[end:]


def _take_number(text: str, result: HeaderLine) -> str:
    label = _NUMBER_LABEL.search(fold(text))
    if not label:
        return text
    match = NUMBER.match(text, label.end())
    result.number_seen = True
    if match is None:
        return _cut(text, label.start(), label.end())
    if match.group(1):
        result.number = normalise_number(match.group(1) + "/" + match.group(2))
    return _cut(text, label.start(), match.end())


def _take_place_date(text: str, result: HeaderLine) -> str:
    match = _PLACE_DATE.search(fold(text))
    if not match:
        return text
    before = re.split(r"\t| {2,}", text[: match.start()])[-1].split()
    tokens: list[str] = []
    for token in reversed(before):
        if not _PLACE_TOKEN.fullmatch(token) or (token.isupper() and not token.endswith(".")):
            break
        tokens.insert(0, token)
    result.place = " ".join(tokens) or None
    day, month, year = (match.group(k) for k in ("d", "m", "y"))
    if match.group("y2"):
        day, month, year = match.group("d2"), match.group("m2"), match.group("y2")
    result.date_parts = tuple(int(v) if v else None for v in (year, month, day))
    start = match.start()
    for token in reversed(tokens):
        start = text.rfind(token, 0, start)
    return _cut(text, start, match.end())


def is_org_fragment(fragment: str) -> bool:
    """True for a body name written in capitals ("UBND THỊ XÃ SON TÂY"), not for the
    document type, numbered headings, signature titles or positions ("TM. HỘI ĐỒNG",
    "CHỦ TỊCH")."""
    text = squash(strip_emphasis(fragment))
    if not is_upperish(text, 4) or _NOT_ORG.match(fold(text)):
        return False
    return classify(text) is None


def read_header_line(line: str) -> HeaderLine:
    """Split one header line into body names, number and place-date (see module doc)."""
    result = HeaderLine(orgs=[])
    text = strip_emphasis(line)
    for match in reversed(list(_MOTTO.finditer(fold(text)))):
        text = _cut(text, match.start(), match.end())
        result.motto = True
    text = _take_number(text, result)
    text = _take_place_date(text, result)
    for fragment in _FRAGMENT_SPLIT.split(text):
        if is_org_fragment(fragment):
            result.orgs.append(squash(fragment))
    return result


def merge_orgs(orgs: list[str]) -> list[str]:
    """Join a bare body type with the unit on the next line: ["ỦY BAN NHÂN DÂN",
    "PHƯỜNG PHÚ LÃM"] → ["ỦY BAN NHÂN DÂN PHƯỜNG PHÚ LÃM"]."""
    merged: list[str] = []
    for org in orgs:
        if merged and _BODY_TYPE.match(fold(merged[-1])) and _UNIT_START.match(fold(org)):
            merged[-1] = f"{merged[-1]} {org}"
        else:
            merged.append(org)
    return merged
