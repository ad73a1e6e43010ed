"""The certificate templates every installation starts with: one per form of commendation that
councils print (Giấy khen, the provincial chair's and the Prime Minister's Bằng khen) and a
default for any other award (the certificate of an emulation title, "GIẤY CHỨNG NHẬN").

Plain data (document words, Vietnamese), read by the data migration and by
``certificates.services.default_templates_ensure`` (the demo). The form is named by its catalog
code; a template whose form is not in the catalog is skipped.
"""

DEFAULT_TEMPLATES = (
    {
        "name": "Giấy khen (mẫu chung)",
        "form": "certificate_of_merit",
        "heading": "GIẤY KHEN",
        "issuer_line": "",
        "verb": "TẶNG",
        "signer_title": "CHỦ TỊCH",
    },
    {
        "name": "Bằng khen của Chủ tịch UBND cấp tỉnh (mẫu chung)",
        "form": "certificate_of_commendation_provincial",
        "heading": "BẰNG KHEN",
        "issuer_line": "",
        "verb": "TẶNG",
        "signer_title": "CHỦ TỊCH",
    },
    {
        "name": "Bằng khen của Thủ tướng Chính phủ (mẫu chung)",
        "form": "certificate_of_commendation_pm",
        "heading": "BẰNG KHEN",
        "issuer_line": "THỦ TƯỚNG CHÍNH PHỦ",
        "verb": "TẶNG",
        "signer_title": "THỦ TƯỚNG",
    },
    {
        "name": "Giấy chứng nhận danh hiệu thi đua (mẫu chung)",
        "form": None,
        "heading": "GIẤY CHỨNG NHẬN",
        "issuer_line": "",
        "verb": "CHỨNG NHẬN",
        "signer_title": "CHỦ TỊCH",
    },
)
