"""Where each text of a certificate goes when it is printed onto a pre-printed blank (in phôi).

Positions are kept on a ``CertificateTemplate`` as JSON, one entry per field, in millimetres
from the top-left corner of the A4 landscape sheet (297 × 210 mm):

- a text field: ``{"x": 48.5, "y": 82, "width": 200, "size": 22, "align": "center",
  "bold": true, "italic": false, "show": true}`` — ``x``/``y`` the top-left corner of the
  text's box, ``width`` its width (mm), ``size`` the font size in points, ``align`` one of
  ``left``, ``center``, ``right``; ``show`` false leaves the field to the blank (the heading
  "BẰNG KHEN" is usually printed on it already);
- the QR code: ``{"x": 30, "y": 131, "size": 25, "show": true}``, ``size`` its side in mm
  (the verification address is printed in small type under it).

``positions_normalised`` fills what is missing from ``DEFAULT_POSITIONS`` and refuses anything
else (an unknown field or key, a wrong type, a box off the sheet). This module holds plain
data and functions only: the migrations use it too.
"""

import copy

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PAGE_WIDTH_MM = 297
PAGE_HEIGHT_MM = 210
ALIGNMENTS = ("left", "center", "right")
# The text fields, in the order they are laid out on a certificate.
TEXT_FIELDS = (
    "heading",
    "issuer",
    "verb",
    "recipient",
    "details",
    "reason",
    "decision",
    "place_date",
    "signer_title",
    "signer_name",
)
QR_FIELD = "qr"
FIELDS = (*TEXT_FIELDS, QR_FIELD)
TEXT_KEYS = ("x", "y", "width", "size", "align", "bold", "italic", "show")
QR_KEYS = ("x", "y", "size", "show")
TEXT_SIZE_PT = (6, 72)
QR_SIZE_MM = (15, 60)
MIN_WIDTH_MM = 10


def _text(x, y, width, size, *, align="center", bold=False, italic=False, show=True) -> dict:
    return {
        "x": x,
        "y": y,
        "width": width,
        "size": size,
        "align": align,
        "bold": bold,
        "italic": italic,
        "show": show,
    }


DEFAULT_POSITIONS = {
    "heading": _text(48.5, 40, 200, 36, bold=True, show=False),
    "issuer": _text(48.5, 62, 200, 15, bold=True),
    "verb": _text(48.5, 71, 200, 14, bold=True, show=False),
    "recipient": _text(48.5, 82, 200, 22, bold=True),
    "details": _text(48.5, 95, 200, 14),
    "reason": _text(48.5, 104, 200, 14, italic=True),
    "decision": _text(20, 124, 110, 12, align="left"),
    "place_date": _text(160, 130, 110, 13, italic=True),
    "signer_title": _text(160, 137, 110, 13, bold=True),
    "signer_name": _text(160, 172, 110, 14, bold=True),
    QR_FIELD: {"x": 20, "y": 131, "size": 25, "show": True},
}


def default_positions() -> dict:
    """A fresh copy of ``DEFAULT_POSITIONS`` (the model field's default)."""
    return copy.deepcopy(DEFAULT_POSITIONS)


def _number(field: str, key: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(
            _("Positions: %(field)s.%(key)s must be a number of millimetres or points.")
            % {"field": field, "key": key},
            code="not_a_number",
        )
    return value


def _within(field: str, key: str, value: float, low: float, high: float) -> None:
    if not low <= value <= high:
        raise ValidationError(
            _("Positions: %(field)s.%(key)s must be between %(low)s and %(high)s.")
            % {"field": field, "key": key, "low": low, "high": high},
            code="out_of_range",
        )


def _entry(field: str, given: dict) -> dict:
    keys = QR_KEYS if field == QR_FIELD else TEXT_KEYS
    if not isinstance(given, dict):
        raise ValidationError(
            _("Positions: %(field)s must be an object.") % {"field": field}, code="not_an_object"
        )
    unknown = sorted(set(given) - set(keys))
    if unknown:
        raise ValidationError(
            _("Positions: %(field)s has unknown keys: %(keys)s.")
            % {"field": field, "keys": ", ".join(unknown)},
            code="unknown_key",
        )
    entry = {**DEFAULT_POSITIONS[field], **given}
    for key in ("show", "bold", "italic"):
        if key in entry and not isinstance(entry[key], bool):
            raise ValidationError(
                _("Positions: %(field)s.%(key)s must be true or false.")
                % {"field": field, "key": key},
                code="not_a_boolean",
            )
    x = _number(field, "x", entry["x"])
    y = _number(field, "y", entry["y"])
    size = _number(field, "size", entry["size"])
    _within(field, "x", x, 0, PAGE_WIDTH_MM)
    _within(field, "y", y, 0, PAGE_HEIGHT_MM)
    if field == QR_FIELD:
        _within(field, "size", size, *QR_SIZE_MM)
        _within(field, "x", x, 0, PAGE_WIDTH_MM - size)
        _within(field, "y", y, 0, PAGE_HEIGHT_MM - size)
        return entry
    _within(field, "size", size, *TEXT_SIZE_PT)
    width = _number(field, "width", entry["width"])
    _within(field, "width", width, MIN_WIDTH_MM, PAGE_WIDTH_MM - x)
    if entry["align"] not in ALIGNMENTS:
        raise ValidationError(
            _("Positions: %(field)s.align must be left, center or right.") % {"field": field},
            code="bad_alignment",
        )
    return entry


def positions_normalised(value) -> dict:
    """``value`` (a dict of field → entry, possibly partial or empty) completed with the
    defaults: every field of ``FIELDS`` with every key.

    Raises ``ValidationError`` (a message naming the field and key) when ``value`` is not an
    object, names an unknown field or key, or holds a wrong type or a value off the sheet
    (x 0–297 mm, y 0–210 mm, text size 6–72 pt, text width ≥ 10 mm and within the sheet,
    QR side 15–60 mm and within the sheet).
    """
    if value in (None, ""):
        value = {}
    if not isinstance(value, dict):
        raise ValidationError(_("Positions must be a JSON object."), code="not_an_object")
    unknown = sorted(set(value) - set(FIELDS))
    if unknown:
        raise ValidationError(
            _("Positions: unknown fields: %(fields)s.") % {"fields": ", ".join(unknown)},
            code="unknown_field",
        )
    return {field: _entry(field, value.get(field, {})) for field in FIELDS}


def validate_positions(value) -> None:
    """Model field validator: raises what ``positions_normalised`` raises."""
    positions_normalised(value)
