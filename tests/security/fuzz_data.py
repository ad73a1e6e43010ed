"""Hypothesis strategies for what a browser (or an attacker) can post to a Django form: the
fields' own values, near misses and garbage, as strings the way HTTP carries them.

``form_data(form)`` draws a POST dict for a form instance from its fields (with its prefix);
``formset_data(formset)`` adds the management form (its counts fuzzed too) and a few rows.
Every field may be left out, and a stray field is sometimes added. Files are drawn by
``upload_file``: random bytes, a real file cut short, or a real file under another name.

Profiles: ``FUZZ`` is the ``hypothesis.settings`` of these tests, chosen by the environment
variable ``TDKT_FUZZ_PROFILE``: "dev" (default, quick) or "ci" (more examples).
"""

import datetime
import os

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

settings.register_profile(
    "dev",
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=False,
    print_blob=True,
)
settings.register_profile("ci", parent=settings.get_profile("dev"), max_examples=40)
FUZZ = settings(settings.get_profile(os.environ.get("TDKT_FUZZ_PROFILE", "dev")))

# Text: any character a browser can send (no lone surrogates), control characters, long runs.
_CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cs",))
SPECIAL_TEXT = (
    "",
    " ",
    "\x00",
    "\x00abc",
    "\r\n",
    "\u202eabc",
    "\ufeff",
    "0",
    "-1",
    "-0",
    "1e309",
    "-1e309",
    "NaN",
    "inf",
    "9" * 40,
    "0x1F",
    "１２３",
    "٣",
    "²",
    "1²",
    "9" * 4301,
    "1,5",
    "1.5",
    "1 000",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '"; DROP TABLE x; --',
    "%s%s%n%d",
    "{{ 7|add:7 }}",
    "{% debug %}",
    "../../etc/passwd",
    "C:\\Windows\\win.ini",
    "null",
    "None",
    "true",
    "[]",
    "{}",
    '{"a": [1, {"b": null}]}',
    "Nguyễn Văn Ả",
    "Tổ dân phố số 1",
    "-7w, -3w, -1d, 0, +1d",
    "-99999999999w",
    "+1x",
    "title:advanced_worker",
    "form:",
    ":",
)
DATE_TEXT = (
    "31/02/2024",
    "29/02/2023",
    "29/02/2024",
    "00/00/0000",
    "01/01/0001",
    "31/12/9999",
    "01/01/10000",
    "99/99/9999",
    "1/1/1",
    "32/01/2024",
    "15/13/2024",
    "2024-02-30",
    "2024-13-01",
    "0000-01-01",
    "9999-12-31",
    "24/12/31",
    "12/2021",
    "13/2021",
    "2021-12",
    "31.12.2024",
    "31-12-2024",
    "today",
    "２０２４-０１-０１",
)


def text() -> st.SearchStrategy[str]:
    """Any text: ordinary, special values, or long (up to 6,000 characters)."""
    return st.one_of(
        st.text(_CHARACTERS, max_size=60),
        st.sampled_from(SPECIAL_TEXT),
        st.sampled_from(DATE_TEXT),
        st.builds(lambda c, n: c * n, st.sampled_from("aĐ9 \x00<"), st.integers(200, 6000)),
    )


def numbers() -> st.SearchStrategy[str]:
    """Numbers as text: huge, negative, fractional, not finite, or written oddly."""
    return st.one_of(
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.integers(min_value=-5, max_value=3000).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.sampled_from(SPECIAL_TEXT),
    )


def dates() -> st.SearchStrategy[str]:
    """Dates as text: dd/mm/yyyy with any numbers, real dates in several formats, garbage."""
    real = st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31))
    return st.one_of(
        st.builds(
            "{}/{}/{}".format,
            st.integers(-1, 40),
            st.integers(-1, 14),
            st.integers(-1, 100_000),
        ),
        real.map(lambda day: day.strftime("%d/%m/%Y")),
        real.map(lambda day: day.isoformat()),
        st.sampled_from(DATE_TEXT),
        text(),
    )


def _choice_values(field) -> list[str]:
    values = []
    for value, label in getattr(field, "choices", ()) or ():
        if isinstance(label, list | tuple):  # an optgroup
            values += [str(inner) for inner, _ in label]
        else:
            values.append(str(getattr(value, "value", value)))
    return values[:200]


def _model_ids(field) -> list[str]:
    queryset = field.queryset
    if queryset is None:
        return []
    key = field.to_field_name or "pk"
    return [str(value) for value in queryset.values_list(key, flat=True)[:50]]


def one_value(field) -> st.SearchStrategy[str]:
    """One value for ``field`` (a form field), as a browser sends it."""
    if isinstance(field, forms.ModelChoiceField):
        known = _model_ids(field)
        ids = st.one_of(
            st.integers(min_value=-(2**70), max_value=2**70).map(str),
            st.sampled_from(["0", "-1", "999999", "1.5", "abc", ""]),
        )
        return st.one_of(st.sampled_from(known), ids, text()) if known else st.one_of(ids, text())
    if isinstance(field, forms.ChoiceField):
        known = _choice_values(field)
        return st.one_of(st.sampled_from(known), text()) if known else text()
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["on", "", "false", "False", "0", "1", "true", "x"])
    if isinstance(field, forms.DateTimeField | forms.DateField):
        return dates()
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return numbers()
    if isinstance(field, forms.JSONField):
        return st.one_of(
            text(),
            st.recursive(
                st.none() | st.integers() | st.text(max_size=5),
                lambda inner: (
                    st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=5), inner, max_size=3)
                ),
            ).map(repr),
        )
    return text()


def field_value(field) -> st.SearchStrategy:
    """The posted value(s) of ``field``: a list for fields that take several."""
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return st.lists(one_value(field), max_size=4)
    return one_value(field)


@st.composite
def form_data(draw, form, *, skip: tuple[str, ...] = ()) -> dict:
    """A POST dict for ``form`` (an unbound form instance, its prefix applied): each field
    present or not, and sometimes a stray field."""
    data = {}
    for name, field in form.fields.items():
        if name in skip or isinstance(field, forms.FileField):
            continue
        if draw(st.integers(0, 9)) == 0:  # left out, one time in ten
            continue
        data[form.add_prefix(name)] = draw(field_value(field))
    if draw(st.integers(0, 9)) == 0:
        data[draw(st.text(_CHARACTERS, min_size=1, max_size=20))] = draw(text())
    return data


@st.composite
def formset_data(draw, formset) -> dict:
    """A POST dict for ``formset``: its management form (counts right, off, huge or not
    numbers) and up to three rows drawn from its empty form."""
    rows = draw(st.integers(0, 3))
    # Counts stay small here: a count in the thousands only makes Django build that many
    # empty rows (up to the formset's absolute_max), slowly; huge counts are tried once each
    # in test_fuzz_forms.py.
    total = draw(
        st.one_of(
            st.just(str(rows)),
            st.just(str(rows)),
            st.integers(-3, 12).map(str),
            st.sampled_from(["", "abc", "1e3", "-0", "٣"]),
        )
    )
    initial = draw(st.one_of(st.just("0"), st.integers(-3, 12).map(str), st.just("x")))
    prefix = formset.prefix
    data = {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    if draw(st.integers(0, 14)) == 0:
        data.pop(f"{prefix}-TOTAL_FORMS")
    empty = formset.empty_form
    for row in range(rows):
        for name, field in empty.fields.items():
            if isinstance(field, forms.FileField) or draw(st.integers(0, 9)) == 0:
                continue
            data[f"{prefix}-{row}-{name}"] = draw(field_value(field))
    return data


def upload_file(real: dict[str, bytes]) -> st.SearchStrategy[SimpleUploadedFile]:
    """An uploaded file: random bytes, a real file (``real``: name → bytes) cut anywhere,
    corrupted or renamed, or an empty one; under an odd name sometimes."""
    names = st.one_of(
        st.sampled_from(sorted(real)),
        st.sampled_from(["x.pdf", "x.docx", "x.xlsx", "x.txt", "x.png", "x.jpg", "x"]),
        st.text(_CHARACTERS, min_size=1, max_size=40).map(lambda name: name + ".pdf"),
    )

    @st.composite
    def build(draw):
        name = draw(names)
        kind = draw(st.integers(0, 4))
        if kind == 0:
            data = draw(st.binary(max_size=4096))
        else:
            source = real[draw(st.sampled_from(sorted(real)))]
            cut = draw(st.integers(0, len(source)))
            data = source[:cut] if kind == 1 else source
            if kind == 2 and data:
                at = draw(st.integers(0, len(data) - 1))
                data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
            if kind == 3:
                data = source + draw(st.binary(max_size=512))
        return SimpleUploadedFile(name.replace("\x00", ""), data)

    return build()


__all__ = [
    "FUZZ",
    "dates",
    "field_value",
    "form_data",
    "formset_data",
    "numbers",
    "one_value",
    "text",
    "upload_file",
]
