"""Units that no longer exist but carry history: the issuers of the sample plans.

Districts, towns and provincial cities (quận, huyện, thị xã, thành phố thuộc tỉnh) ceased to exist
on 01/07/2025; the communes and wards under them were merged into new ones. Plans of 2020–2022 were
issued by them, so they stay in the tree under their (current) province, marked dissolved.
Each entry: (name, kind, parent) where parent is a province code or the name of an entry above.
"""

from organizations.models import Unit

HISTORICAL_UNITS: list[tuple[str, str, str]] = [
    ("Thị xã Sơn Tây", Unit.Kind.DISTRICT, "01"),
    ("Quận Hà Đông", Unit.Kind.DISTRICT, "01"),
    ("Phường Phú Lãm", Unit.Kind.WARD, "Quận Hà Đông"),
    ("Thành phố Thái Nguyên", Unit.Kind.DISTRICT, "19"),
    ("Xã Đồng Liên", Unit.Kind.COMMUNE, "Thành phố Thái Nguyên"),
]
