"""Printing the certificates (Bằng khen, Giấy khen, giấy chứng nhận) of a decision's grants.

``certificates_pdf`` renders one A4 landscape page per grant that is not revoked, in the order
of the decision's list, as ONE WeasyPrint document (500 pages in a few seconds):

- ``full``: the whole certificate on plain paper — the decorative frame
  (static/certificates/frame.svg), the national title and motto, the heading, issuer, recipient,
  reason (achievement and year), the decision's number and date, the place-and-date line and
  the signer;
- ``preprinted``: only the texts, each at the position saved on its template, for printing onto
  pre-printed blanks (in phôi): no frame, no background.

Every page carries the QR code of the certificate's public verification page and the address
in small type. The ``Certificate`` rows (with their unguessable tokens) are created the first
time a grant is printed and kept: a reprint carries the same code.

Template choice (``template_for``), most specific first: a template for the grant's award and
the decision's authority; for the award; for the authority; for any award and authority. A
template's ``authority`` matches when the decision's authority text contains it, case and
accents ignored (documented on ``CertificateTemplate``). Ties go to the longest authority text,
then the newest template (a template added for an award replaces the default one). Without any
active template a built-in default is used. The words printed are document words: Vietnamese
in every interface language.
"""

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from awards.models import AwardDecision, AwardForm, AwardGrant, EmulationTitle
from certificates.defaults import DEFAULT_TEMPLATES
from certificates.models import Certificate, CertificateTemplate
from certificates.positions import QR_FIELD, TEXT_FIELDS, positions_normalised
from certificates.qr import qr_svg, verification_url
from certificates.selectors import active_templates, decision_grants_in_order
from common.decree30 import MOTTO, NATION, date_text, place_date_line, place_of
from common.pdf import STATIC_DIR, render_pdf
from common.text import search_key

FULL, PREPRINTED = "full", "preprinted"
MODES = (FULL, PREPRINTED)
TEMPLATE = "certificates/pdf/certificates.html"
CSS_FILE = STATIC_DIR / "css" / "certificate.css"
FRAME_FILE = STATIC_DIR / "certificates" / "frame.svg"
REASONS = {
    AwardGrant.Achievement.MERIT: "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {year}",
    AwardGrant.Achievement.SUDDEN: "Đã có thành tích xuất sắc đột xuất năm {year}",
    AwardGrant.Achievement.THEMATIC: (
        "Đã có thành tích xuất sắc trong phong trào thi đua năm {year}"
    ),
    AwardGrant.Achievement.CONTRIBUTION: "Đã có nhiều đóng góp xuất sắc năm {year}",
}
TITLE_REASON = "Đã đạt danh hiệu “{name}” năm {year}"
UBND = re.compile(r"\bUBND\b", re.IGNORECASE)
Progress = Callable[..., None]


@dataclass(frozen=True)
class PrintPlan:
    """The grants of a decision that get a certificate (not revoked, in order) and those left
    out because they are revoked."""

    printable: list[AwardGrant]
    revoked: list[AwardGrant]


def print_plan(*, decision: AwardDecision, grant_ids: Iterable[int] | None = None) -> PrintPlan:
    """Split the decision's grants (or those of ``grant_ids`` among them) into printable and
    revoked, in the decision's order: one query."""
    grants = decision_grants_in_order(decision=decision)
    if grant_ids is not None:
        grants = grants.filter(pk__in=list(grant_ids))
    grants = list(grants)
    return PrintPlan(
        printable=[g for g in grants if not g.revoked], revoked=[g for g in grants if g.revoked]
    )


# --- templates --------------------------------------------------------------------------------


def template_for(
    *, grant: AwardGrant, authority: str, templates: list[CertificateTemplate]
) -> CertificateTemplate:
    """The most specific of ``templates`` for ``grant`` in a decision of ``authority`` (see
    the module's docstring); a built-in default when none applies."""
    folded = search_key(authority)
    best, best_key = None, None
    for template in templates:
        if template.title_id and template.title_id != grant.title_id:
            continue
        if template.form_id and template.form_id != grant.form_id:
            continue
        wanted = search_key(template.authority)
        if wanted and wanted not in folded:
            continue
        award = bool(template.title_id or template.form_id)
        key = (award, bool(wanted), len(wanted), template.pk or 0)
        if best_key is None or key > best_key:
            best, best_key = template, key
    return best or builtin_template(grant=grant)


def builtin_template(*, grant: AwardGrant) -> CertificateTemplate:
    """An unsaved template for ``grant`` when no template applies: "BẰNG KHEN" for a Bằng
    khen, "GIẤY KHEN" for a Giấy khen, "GIẤY CHỨNG NHẬN" for anything else."""
    kind = grant.form.kind if grant.form_id else ""
    heading, verb = "GIẤY CHỨNG NHẬN", "CHỨNG NHẬN"
    if kind == AwardForm.Kind.CERTIFICATE_OF_COMMENDATION:
        heading, verb = "BẰNG KHEN", "TẶNG"
    elif kind == AwardForm.Kind.CERTIFICATE_OF_MERIT:
        heading, verb = "GIẤY KHEN", "TẶNG"
    return CertificateTemplate(name=heading, heading=heading, verb=verb)


@transaction.atomic
def default_templates_ensure() -> list[CertificateTemplate]:
    """Create the default templates of certificates/defaults.py that are missing (by name;
    one whose form is not in the catalog is skipped) and return them all."""
    templates = []
    for row in DEFAULT_TEMPLATES:
        form = AwardForm.objects.filter(code=row["form"]).first() if row["form"] else None
        if row["form"] and form is None:
            continue
        values = {key: value for key, value in row.items() if key not in ("name", "form")}
        template, _created = CertificateTemplate.objects.get_or_create(
            name=row["name"], defaults={**values, "form": form}
        )
        templates.append(template)
    return templates


# --- certificates -----------------------------------------------------------------------------


def certificates_ensure(*, grants: list[AwardGrant]) -> dict[int, Certificate]:
    """The certificate of each of ``grants`` (grant id → ``Certificate``), creating the missing
    ones with fresh tokens; an existing certificate keeps its token. Safe against a
    concurrent print of the same grants (a conflicting insert is ignored and re-read)."""
    found = {}
    for grant in grants:
        certificate = getattr(grant, "certificate", None) if _cached_certificate(grant) else None
        if certificate is not None:
            found[grant.pk] = certificate
    missing = [g.pk for g in grants if g.pk not in found]
    if missing:
        Certificate.objects.bulk_create(
            [Certificate(grant_id=pk) for pk in missing], ignore_conflicts=True
        )
        found.update((c.grant_id, c) for c in Certificate.objects.filter(grant_id__in=missing))
    return found


def _cached_certificate(grant: AwardGrant) -> bool:
    """Whether the grant's certificate (or its absence) was loaded with it, so reading it costs
    no query."""
    return AwardGrant.certificate.is_cached(grant)


def certificates_record_printing(*, certificates: Iterable[Certificate], user=None) -> int:
    """Count one more printing of ``certificates``, now, by ``user``; returns how many rows."""
    return Certificate.objects.filter(pk__in=[c.pk for c in certificates]).update(
        times_printed=F("times_printed") + 1,
        printed_at=timezone.now(),
        printed_by=user if user is not None and user.is_authenticated else None,
    )


# --- what a page says -------------------------------------------------------------------------


def issuer_from_authority(authority: str) -> str:
    """ "Chủ tịch UBND thị xã Sơn Tây" → "CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ XÃ SƠN TÂY"."""
    return UBND.sub("Ủy ban nhân dân", " ".join(authority.split())).upper()


def recipient_line(grant: AwardGrant) -> str:
    """ "Ông Nguyễn Văn An", "Bà …", the name alone when the gender is unknown; a collective's
    name; "Hộ gia đình ông (bà) …"."""
    if grant.person_id:
        person = grant.person
        prefix = {"male": "Ông ", "female": "Bà "}.get(person.gender, "")
        return f"{prefix}{person.full_name}"
    if grant.unit_id:
        return grant.unit.name
    return f"Hộ gia đình ông (bà) {grant.household.name}"


def details_line(grant: AwardGrant) -> str:
    """The person's position and unit ("Công chức Tư pháp – Hộ tịch, Phường Trung Sơn
    Trầm"), a collective's parent unit, a household's residential unit."""
    if grant.person_id:
        parts = [grant.person.position.strip(), grant.person.unit.name]
        return ", ".join(part for part in parts if part)
    if grant.unit_id:
        return grant.unit.parent.name if grant.unit.parent_id else ""
    return grant.household.unit.name


def reason_line(grant: AwardGrant) -> str:
    """ "Đã đạt danh hiệu “Lao động tiên tiến” năm 2020" for a title; for a form, the kind of
    achievement and the year ("Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm
    2020")."""
    if isinstance(grant.award, EmulationTitle):
        return TITLE_REASON.format(name=grant.award.name_vi, year=grant.year)
    reason = REASONS.get(grant.achievement, REASONS[AwardGrant.Achievement.MERIT])
    return reason.format(year=grant.year)


def decision_line(decision: AwardDecision) -> str:
    """ "Quyết định số 25/QĐ-UBND ngày 20/01/2021"."""
    return f"Quyết định số {decision.number} ngày {decision.date:%d/%m/%Y}"


def page_texts(
    *, grant: AwardGrant, decision: AwardDecision, template: CertificateTemplate
) -> dict[str, str]:
    """Every text field of ``grant``'s certificate (certificates/positions.py TEXT_FIELDS)."""
    return {
        "heading": template.heading,
        "issuer": template.issuer_line or issuer_from_authority(decision.authority),
        "verb": template.verb,
        "recipient": recipient_line(grant),
        "details": details_line(grant),
        "reason": reason_line(grant),
        "decision": decision_line(decision),
        "place_date": place_date_line(place_of(decision.issuing_unit), date_text(decision.date)),
        "signer_title": template.signer_title,
        "signer_name": decision.signer_name,
    }


@dataclass(frozen=True)
class Placed:
    """A text of a pre-printed page; its position is in its page's layout CSS."""

    field: str
    text: str


@dataclass(frozen=True)
class Page:
    """One certificate page: its texts, the texts placed for the pre-printed mode with the
    CSS class of their layout and its rules (one per template: the document's style sheet
    holds each once), the QR code (inline SVG) and whether it is printed there, and the
    verification address."""

    grant_id: int
    texts: dict[str, str]
    placed: tuple[Placed, ...]
    layout: str
    layout_css: str
    qr: SafeString
    qr_shown: bool
    url: str


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def layout_css(layout: str, positions: dict) -> str:
    """CSS rules placing each field of ``positions`` (normalised) on a page of class
    ``layout``: absolute positions and widths in mm, sizes in pt."""
    rules = []
    for field in TEXT_FIELDS:
        entry = positions[field]
        rules.append(
            f".{layout} .field-{field} {{ left: {_number(entry['x'])}mm; "
            f"top: {_number(entry['y'])}mm; width: {_number(entry['width'])}mm; "
            f"font-size: {_number(entry['size'])}pt; text-align: {entry['align']}; "
            f"font-weight: {'bold' if entry['bold'] else 'normal'}; "
            f"font-style: {'italic' if entry['italic'] else 'normal'}; }}"
        )
    qr = positions[QR_FIELD]
    side = _number(qr["size"])
    rules.append(
        f".{layout} .qr-box {{ left: {_number(qr['x'])}mm; top: {_number(qr['y'])}mm; "
        f"width: {side}mm; }}"
    )
    rules.append(f".{layout} .qr-box .qr {{ width: {side}mm; height: {side}mm; }}")
    return "\n".join(rules)


def _placed(texts: dict[str, str], positions: dict) -> tuple[Placed, ...]:
    return tuple(
        Placed(field, texts[field])
        for field in TEXT_FIELDS
        if positions[field]["show"] and texts[field]
    )


def certificate_pages(
    *,
    decision: AwardDecision,
    grants: list[AwardGrant],
    certificates: dict[int, Certificate],
    progress: Progress | None = None,
    progress_share: float = 1.0,
) -> list[Page]:
    """One ``Page`` per grant of ``grants`` (each with its certificate in ``certificates``);
    calls ``progress(done, len(grants))`` as it goes, ``done`` scaled by ``progress_share``."""
    templates = active_templates()
    total, pages = len(grants), []
    layouts: dict[int | None, tuple[str, dict, str]] = {}
    for index, grant in enumerate(grants, start=1):
        template = template_for(grant=grant, authority=decision.authority, templates=templates)
        if template.pk not in layouts:
            name = f"layout-{len(layouts)}"
            positions = positions_normalised(template.positions)
            layouts[template.pk] = (name, positions, layout_css(name, positions))
        layout, positions, css = layouts[template.pk]
        texts = page_texts(grant=grant, decision=decision, template=template)
        url = verification_url(certificates[grant.pk].token)
        pages.append(
            Page(
                grant_id=grant.pk,
                texts=texts,
                placed=_placed(texts, positions),
                layout=layout,
                layout_css=css,
                qr=mark_safe(qr_svg(url)),  # noqa: S308 - segno's SVG of our own URL
                qr_shown=positions[QR_FIELD]["show"],
                url=url,
            )
        )
        if progress is not None and (index % 25 == 0 or index == total):
            progress(int(index * progress_share), total)
    return pages


@functools.cache
def _frame_svg(mtime_ns: int) -> str:
    text = FRAME_FILE.read_text(encoding="utf-8")
    return text[text.index("<svg") :]


def frame_svg() -> SafeString:
    """The decorative frame (static/certificates/frame.svg) as inline SVG."""
    return mark_safe(_frame_svg(FRAME_FILE.stat().st_mtime_ns))  # noqa: S308 - our own file


def certificates_context(*, decision: AwardDecision, pages: list[Page], mode: str) -> dict:
    """The template context of the certificates PDF (``TEMPLATE``) for ``pages`` in ``mode``."""
    if mode not in MODES:
        raise ValueError(f"Unknown certificate mode: {mode!r}")
    layouts = {page.layout: page.layout_css for page in pages} if mode == PREPRINTED else {}
    return {
        "decision": decision,
        "pages": pages,
        "mode": mode,
        "layout_css": mark_safe("\n".join(layouts.values())),  # noqa: S308 - numbers we wrote
        "nation": NATION,
        "motto": MOTTO,
        "frame": frame_svg() if mode == FULL else "",
    }


def certificates_pdf(
    *,
    decision: AwardDecision,
    mode: str = FULL,
    grants: Iterable[AwardGrant] | None = None,
    progress: Progress | None = None,
    printed_by=None,
) -> bytes:
    """The certificates of ``decision`` as PDF bytes: one A4 landscape page per grant that is
    not revoked (all of the decision's, or those of ``grants`` that belong to it), in the
    decision's order, in ``mode`` ("full" or "preprinted").

    Creates the missing ``Certificate`` rows (tokens) and counts the printing (now, by
    ``printed_by``). ``progress(done, total)`` is told the pages: up to a third while the
    pages and QR codes are prepared, ``total`` when the PDF is written. Revoked grants are
    left out (``print_plan`` lists them for the page that asks for the print).

    Raises ``ValueError`` for an unknown mode or when no grant is left to print, and what
    ``common.pdf.render_pdf`` raises.
    """
    if mode not in MODES:
        raise ValueError(f"Unknown certificate mode: {mode!r}")
    grant_ids = None if grants is None else [g.pk for g in grants]
    plan = print_plan(decision=decision, grant_ids=grant_ids)
    if not plan.printable:
        raise ValueError("No certificate to print: every grant is revoked or none is given.")
    total = len(plan.printable)
    if progress is not None:
        progress(0, total)
    certificates = certificates_ensure(grants=plan.printable)
    pages = certificate_pages(
        decision=decision,
        grants=plan.printable,
        certificates=certificates,
        progress=progress,
        progress_share=1 / 3,
    )
    content = render_pdf(
        template=TEMPLATE,
        context=certificates_context(decision=decision, pages=pages, mode=mode),
        stylesheets=[CSS_FILE],
    )
    certificates_record_printing(certificates=certificates.values(), user=printed_by)
    if progress is not None:
        progress(total, total)
    return content
